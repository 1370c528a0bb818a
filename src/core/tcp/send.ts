import { TCP_TEXT } from './tcpText';
import { diagnostic, type Diagnostic, type Fix } from '../check/diagnostic';
import type { LineMap } from '../syntax/lineMap';
import { explainReason, lineNumber, type Reason } from './explain';
import { formatFlags, type TcpFlag } from './flags';
import { receive } from './receive';
import {
  freshSymbolName,
  atOrBefore,
  before,
  describeValue,
  distance,
  plus,
  resolve,
  sameValue,
  type SeqValue,
  type SymbolValues,
} from './seqValue';
import { hasSentFin, isSynchronized } from './state';
import { causeOf, newSegment, newTcb, nextReason, resetTcb, type Segment, type Tcb } from './tcb';
import { fixValueText } from './valueText';
import { internFlags } from './segmentShape';
import { ackNode, fieldsEnd, flagsEnd, flagsOf, seqNode, tailOf, type Outgoing } from './outgoing';

export type { Outgoing } from './outgoing';

export interface SendContext {
  readonly symbols: SymbolValues;
  readonly lines: LineMap;
  readonly report: (diagnostic: Diagnostic) => void;
}

export interface Sent {
  /** The segment as it travels, with wrong numbers replaced by the right ones. */
  readonly segment: Segment;
  /** What a correct segment carries here, and why. */
  readonly expectedSeq: SeqValue | undefined;
  readonly expectedAck: SeqValue | undefined;
  readonly whySeq: Reason | undefined;
  readonly whyAck: Reason | undefined;
  readonly retransmission: boolean;
  /** Which written values were wrong and replaced by the expected ones. */
  readonly seqCorrected: boolean;
  readonly ackCorrected: boolean;
}

/** What a valid segment must carry in the sender's state, and what sending it does. */
interface Plan {
  readonly seq?: {
    readonly value: SeqValue;
    readonly why: Reason;
    /** Reported with its own code instead of SeqNotNext. */
    readonly code?: 'IssChanged' | 'ResetSeq';
  };
  /** When present, a correct segment has ACK set with this value. */
  readonly ack?: { readonly value: SeqValue; readonly why: Reason };
  /** Whether seq may go back for a retransmission of data not yet acknowledged. */
  readonly retransmit: boolean;
  /**
   * What sending does to the sender's TCB, in place; afterSending when absent (the common
   * case, which makes no closure).
   */
  readonly apply?: (segment: Segment) => void;
}

/**
 * Checks a segment against its sender's TCB (RFC 9293 §3.10.2 SEND, §3.10.7 for the replies a
 * stack makes), reports what is wrong, and moves the sender's TCB on, in place. Undefined when
 * the segment cannot be sent (reported). `peer` is the receiver's TCB, to tell an ack of data
 * never sent from a wrong one. Never throws.
 */
export function send(out: Outgoing, tcb: Tcb, context: SendContext, peer: Tcb): Sent | undefined {
  const plan = planFor(out, tcb, context);
  if (!plan) return undefined;
  const seq = checkSeq(out, plan, tcb, context);
  const ack = checkAck(out, plan, context, peer);
  const segment = newSegment(
    out.from,
    out.to,
    ack.flagged && !out.flags.has('ACK') ? withAck(out.flags) : out.flags,
    seq.value,
    ack.value,
    out.len,
    out.span,
    out.row,
  );
  if (plan.apply) plan.apply(segment);
  else afterSending(tcb, segment, context.symbols);
  return {
    segment,
    expectedSeq: plan.seq?.value,
    expectedAck: plan.ack?.value,
    whySeq: plan.seq?.why,
    whyAck: plan.ack?.why,
    retransmission: seq.retransmission,
    seqCorrected: seq.corrected,
    ackCorrected: ack.corrected,
  };
}

/** HS112, with a fix that adds the flag and, when missing, its field. */
function reportMissingAck(
  out: Outgoing,
  tcb: Tcb,
  context: SendContext,
  ack: SeqValue | undefined,
): void {
  const edits = [{ span: { start: flagsEnd(out), end: flagsEnd(out) }, newText: ' ACK' }];
  if (!out.ackGiven && ack) {
    const text = fixValueText(ack, undefined, context.symbols);
    edits.push({ span: { start: fieldsEnd(out), end: fieldsEnd(out) }, newText: ` ack=${text}` });
  }
  context.report(
    diagnostic(
      'MissingAckFlag',
      flagsOf(out),
      { endpoint: out.from, state: tcb.state },
      { fix: { title: TCP_TEXT.fixAddAck, edits } },
    ),
  );
}

function withAck(flags: ReadonlySet<TcpFlag>): ReadonlySet<TcpFlag> {
  return internFlags([...flags, 'ACK']);
}

function planFor(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
  const { flags } = out;
  if (flags.has('RST')) return planReset(out, tcb, context);
  if (flags.has('SYN')) {
    return flags.has('ACK') ? planSynAck(out, tcb, context) : planSyn(out, tcb, context);
  }
  return planOther(out, tcb, context);
}

function invalid(
  context: SendContext,
  out: Outgoing,
  tcb: Tcb,
  what: string,
  reason: string,
): undefined {
  context.report(
    diagnostic('InvalidInState', flagsOf(out), {
      endpoint: out.from,
      state: tcb.state,
      what,
      reason,
    }),
  );
  return undefined;
}

function describeSegment(out: Outgoing): string {
  return formatFlags(out.flags) || TCP_TEXT.aSegment;
}

/** The SYN of an active open, or its retransmission. */
/** An endpoint holds one connection: sending to another peer is a mistake in any open state. */
function otherPeer(out: Outgoing, tcb: Tcb, context: SendContext): boolean {
  if (tcb.state === 'CLOSED' || tcb.state === 'LISTEN' || tcb.peer === undefined) return false;
  if (tcb.peer === out.to) return false;
  context.report(
    diagnostic('OtherConnection', out.span.to, {
      endpoint: out.from,
      peer: tcb.peer,
      other: out.to,
    }),
  );
  return true;
}

function planSyn(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
  if (otherPeer(out, tcb, context)) return undefined;
  if (tcb.state === 'SYN_RECEIVED') {
    // It owes a SYN ACK: a SYN alone is that segment without its ACK flag.
    if (!out.flagsBroken) reportMissingAck(out, tcb, context, tcb.rcvNxt);
    return planSynAck(out, tcb, context);
  }
  if (tcb.state === 'SYN_SENT' && tcb.iss) {
    return {
      seq: { value: tcb.iss, why: issWhy(out.from, tcb), code: 'IssChanged' },
      retransmit: false,
      apply: () => {},
    };
  }
  if (tcb.state === 'CLOSED' && tcb.refusal && tcb.refusal.from === out.to) {
    // Its own SYN comes after the peer's arrived: the stack had refused that one first.
    reportNeverListened(out, tcb, context);
  }
  if (tcb.state !== 'CLOSED' && tcb.state !== 'LISTEN') {
    context.report(
      diagnostic('SynInSynchronizedState', flagsOf(out), { endpoint: out.from, state: tcb.state }),
    );
    return undefined;
  }
  if (!out.seq) return out.seqGiven ? undefined : synWithoutSeq(out, context);
  if (out.len > 0) context.report(diagnostic('SynWithData', flagsOf(out)));
  return {
    retransmit: false,
    apply: (segment) =>
      resetTcb(tcb, {
        listening: tcb.listening,
        state: 'SYN_SENT',
        stateSpan: out.span,
        peer: out.to,
        iss: segment.seq,
        issSpan: out.span,
        sndUna: segment.seq,
        // Data on a SYN is not counted: the peer queues it at most (HS305).
        sndNxt: plus(segment.seq, 1),
        sndNxtCause: causeOf(segment),
      }),
  };
}

function synWithoutSeq(out: Outgoing, context: SendContext): undefined {
  const fix: Fix = {
    title: TCP_TEXT.fixAddSeq,
    edits: [
      {
        span: { start: flagsEnd(out), end: flagsEnd(out) },
        newText: ` seq=${freshSymbol(out, context)}`,
      },
    ],
  };
  context.report(diagnostic('SynWithoutSeq', flagsOf(out), { endpoint: out.from }, { fix }));
  return undefined;
}

/** A symbol name not yet in use, for a fix that must invent an initial sequence number. */
function freshSymbol(out: Outgoing, context: SendContext): string {
  return freshSymbolName((name) => context.symbols.has(name)) ?? `${out.from}_iss`;
}

function issWhy(endpoint: string, tcb: Tcb): Reason {
  return { kind: 'iss', endpoint, ...(tcb.issSpan ? { span: tcb.issSpan } : {}) };
}

/** The SYN ACK that answers a SYN: passive open, or one side of a simultaneous open. */
function planSynAck(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
  let current = tcb;
  if (tcb.state === 'CLOSED' && tcb.refusal && tcb.refusal.from === out.to) {
    reportNeverListened(out, tcb, context);
    // Go on as if it had listened, so that one missing `listen` is one diagnostic.
    current = newTcb({ state: 'LISTEN', listening: true });
    receive(current, tcb.refusal.segment, context.symbols);
  }
  if (current.state !== 'SYN_RECEIVED') {
    if (isSynchronized(current.state)) {
      context.report(
        diagnostic('SynInSynchronizedState', flagsOf(out), {
          endpoint: out.from,
          state: tcb.state,
        }),
      );
      return undefined;
    }
    return invalid(
      context,
      out,
      tcb,
      'SYN ACK',
      current.state === 'SYN_SENT' ? TCP_TEXT.waitsForSynAck : TCP_TEXT.noSynToAnswer,
    );
  }
  if (otherPeer(out, current, context)) return undefined;
  const base = current;
  const ackPart = {
    value: base.rcvNxt as SeqValue,
    why: nextReason(base.rcvNxtCause),
  };
  if (!base.iss && !out.seq) return out.seqGiven ? undefined : synWithoutSeq(out, context);
  return {
    ...(base.iss
      ? {
          seq: {
            value: base.iss,
            why: issWhy(out.from, base),
            code: 'IssChanged' as const,
          },
        }
      : {}),
    ack: ackPart,
    retransmit: false,
    apply: (segment) => {
      // From the TCB it would have had if it had listened (see above), or its own.
      if (base !== tcb) Object.assign(tcb, base);
      tcb.iss ??= segment.seq;
      tcb.issSpan ??= out.span;
      tcb.sndUna ??= segment.seq;
      tcb.sndNxt ??= plus(segment.seq, 1);
      tcb.sndNxtCause ??= causeOf(segment);
      tcb.peer = out.to;
    },
  };
}

function reportNeverListened(out: Outgoing, tcb: Tcb, context: SendContext): void {
  const refusal = tcb.refusal;
  if (!refusal) return;
  const value = (v: SeqValue) => fixValueText(v, undefined, context.symbols);
  const reply = `RST${refusal.ack ? ' ACK' : ''} seq=${value(refusal.seq)}${
    refusal.ack ? ` ack=${value(refusal.ack)}` : ''
  }`;
  const line = lineNumber(context.lines, refusal.span);
  // An endpoint that never listened refused a SYN: the likely intent is a missing `listen`.
  const neverListened = !tcb.listening && refusal.segment.flags.has('SYN');
  const listenAt = context.lines.lineStart(context.lines.lineOf(refusal.span));
  const tail = tailOf(out);
  const fix: Fix | undefined = neverListened
    ? {
        title: TCP_TEXT.fixListen({ endpoint: out.from }),
        edits: [{ span: { start: listenAt, end: listenAt }, newText: `${out.from} listen\n` }],
      }
    : tail
      ? { title: TCP_TEXT.fixAnswer({ reply }), edits: [{ span: tail, newText: reply }] }
      : undefined;
  context.report(
    diagnostic(
      'PeerNeverListened',
      flagsOf(out),
      {
        endpoint: out.from,
        peer: out.to,
        line,
        reply,
        reason: neverListened
          ? TCP_TEXT.neverListened
          : TCP_TEXT.noConnectionWith({ peer: out.to }),
      },
      {
        related: [
          {
            span: refusal.span,
            message: TCP_TEXT.sendsThisSegment({ from: out.to, to: out.from }),
          },
        ],
        ...(fix ? { fix } : {}),
      },
    ),
  );
}

/** A reset: the answer of a CLOSED or LISTEN endpoint, or an abort. */
function planReset(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
  const refusal = tcb.refusal;
  if (refusal && refusal.from === out.to) {
    if (refusal.ack && !out.flags.has('ACK')) {
      context.report(
        diagnostic('ResetAnswerNotAck', flagsOf(out), {
          expected: describeValue(refusal.ack, context.symbols),
        }),
      );
    }
    return {
      seq: { value: refusal.seq, why: { kind: 'refusal', span: refusal.span, role: 'seq' } },
      ...(refusal.ack
        ? { ack: { value: refusal.ack, why: { kind: 'refusal', span: refusal.span, role: 'ack' } } }
        : {}),
      retransmit: false,
      apply: () => {
        tcb.refusal = undefined;
      },
    };
  }
  if (tcb.state === 'SYN_SENT') {
    // §3.10.5: ABORT in SYN_SENT sends nothing; a reset from here only answers a bad ACK.
    return invalid(context, out, tcb, 'RST', TCP_TEXT.abortInSynSent);
  }
  if (tcb.state === 'CLOSED' || tcb.state === 'LISTEN' || !tcb.sndNxt) {
    return invalid(context, out, tcb, 'RST', TCP_TEXT.nothingToRefuse);
  }
  return {
    seq: {
      value: tcb.sndNxt,
      why: { kind: 'resetSeq', cause: tcb.sndNxtCause },
      code: 'ResetSeq',
    },
    ...(out.flags.has('ACK') && tcb.rcvNxt
      ? { ack: { value: tcb.rcvNxt, why: nextReason(tcb.rcvNxtCause) } }
      : {}),
    retransmit: false,
    apply: () => resetTcb(tcb, { listening: tcb.listening, stateSpan: out.span }),
  };
}

/** ACK, data, FIN, PSH, URG: everything a connection sends after the SYNs. */
function planOther(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
  const fin = out.flags.has('FIN');
  switch (tcb.state) {
    case 'CLOSED':
      if (tcb.refusal && tcb.refusal.from === out.to) {
        reportNeverListened(out, tcb, context);
        return undefined;
      }
      return invalid(context, out, tcb, describeSegment(out), TCP_TEXT.openFirst);
    case 'LISTEN':
      return invalid(context, out, tcb, describeSegment(out), TCP_TEXT.listeningAnswersSyn);
    case 'SYN_SENT':
      if (out.len > 0) return dataBeforeEstablished(out, tcb, context);
      return invalid(context, out, tcb, describeSegment(out), TCP_TEXT.waitsForPeerSynAck);
    case 'SYN_RECEIVED':
      if (out.len > 0) return dataBeforeEstablished(out, tcb, context);
      if (!fin) {
        const reason = tcb.iss ? TCP_TEXT.waitsForPeerAck : TCP_TEXT.sendSynAckFirst;
        return invalid(context, out, tcb, describeSegment(out), reason);
      }
      break;
    default:
      break;
  }
  if (otherPeer(out, tcb, context)) return undefined;
  const sndNxt = tcb.sndNxt;
  const rcvNxt = tcb.rcvNxt;
  if (!sndNxt || !rcvNxt)
    return invalid(context, out, tcb, describeSegment(out), TCP_TEXT.noConnection);
  if (!out.flags.has('ACK') && out.ack === undefined && !out.flagsBroken) {
    reportMissingAck(out, tcb, context, rcvNxt);
  }
  // Only a segment that lies within what was already sent is a retransmission (§3.10.2: after
  // its FIN an endpoint sends no new data and no second FIN).
  const retransmitting =
    out.seq !== undefined && isRetransmission(out, out.seq, tcb, context.symbols);
  if (hasSentFin(tcb.state) && !retransmitting) {
    const line = (): number => (tcb.finSpan ? lineNumber(context.lines, tcb.finSpan) : 0);
    if (fin) {
      context.report(
        diagnostic('FinAfterFin', flagsOf(out), {
          endpoint: out.from,
          state: tcb.state,
          line: line(),
        }),
      );
      return undefined;
    }
    if (out.len > 0) {
      context.report(
        diagnostic('DataAfterFin', flagsOf(out), {
          endpoint: out.from,
          state: tcb.state,
          line: line(),
        }),
      );
      return undefined;
    }
  }
  return {
    seq: { value: sndNxt, why: nextReason(tcb.sndNxtCause) },
    ack: {
      value: rcvNxt,
      why: nextReason(tcb.rcvNxtCause),
    },
    retransmit: true,
  };
}

function dataBeforeEstablished(out: Outgoing, tcb: Tcb, context: SendContext): undefined {
  context.report(
    diagnostic('DataBeforeEstablished', flagsOf(out), { endpoint: out.from, state: tcb.state }),
  );
  return undefined;
}

/** SND.NXT moves past new data and FIN; a FIN changes the state (RFC 9293 §3.10.4 CLOSE). */
function afterSending(tcb: Tcb, segment: Segment, symbols: SymbolValues): void {
  const fin = segment.flags.has('FIN');
  const sndNxt = tcb.sndNxt;
  const end = segment.end;
  const advances = sndNxt !== undefined && before(sndNxt, end, symbols);
  const newFin =
    fin &&
    (tcb.finSeq === undefined || !sameValue(tcb.finSeq, plus(segment.seq, segment.len), symbols));
  if (!advances) return;
  tcb.sndNxt = end;
  const cause = causeOf(segment);
  tcb.sndNxtCause = cause;
  if (segment.len > 0 || fin) tcb.sent = [...tcb.sent, cause];
  if (newFin) {
    tcb.state =
      tcb.state === 'CLOSE_WAIT'
        ? 'LAST_ACK'
        : tcb.state === 'ESTABLISHED' || tcb.state === 'SYN_RECEIVED'
          ? 'FIN_WAIT_1'
          : tcb.state;
    tcb.stateSpan = segment.span;
    tcb.finSeq = plus(segment.seq, segment.len);
    tcb.finSpan = segment.span;
  }
}

/** Compares the written seq with the plan; a retransmission of unacknowledged data is fine. */
function checkSeq(
  out: Outgoing,
  plan: Plan,
  tcb: Tcb,
  context: SendContext,
): { value: SeqValue; retransmission: boolean; corrected: boolean } {
  const expected = plan.seq;
  const written = out.seq;
  if (!expected)
    return { value: written ?? { offset: 0 }, retransmission: false, corrected: false };
  if (!written) return { value: expected.value, retransmission: false, corrected: false };
  const { symbols } = context;
  if (sameValue(written, expected.value, symbols))
    return { value: asWritten(written, expected.value), retransmission: false, corrected: false };
  if (plan.retransmit && isKeepAlive(out, written, tcb, symbols)) {
    context.report(diagnostic('KeepAlive', seqNode(out) ?? out.span));
    return { value: written, retransmission: false, corrected: false };
  }
  if (plan.retransmit && tcb.sndUna && isSpurious(out, written, tcb, symbols)) {
    context.report(
      diagnostic('SpuriousRetransmission', seqNode(out) ?? out.span, {
        acked: describeValue(tcb.sndUna, symbols),
      }),
    );
    return { value: written, retransmission: true, corrected: false };
  }
  if (plan.retransmit && tcb.sndUna && isRetransmission(out, written, tcb, symbols)) {
    const first = tcb.sent.find(
      (sent) =>
        atOrBefore(sent.seq, written, symbols) &&
        before(written, plus(sent.seq, sent.length + (sent.fin ? 1 : 0)), symbols),
    );
    if (first) {
      context.report(
        diagnostic('Retransmission', seqNode(out) ?? out.span, {
          line: lineNumber(context.lines, first.span),
        }),
      );
    }
    return { value: written, retransmission: true, corrected: false };
  }
  const node = seqNode(out);
  const span = node ?? out.span;
  const text = fixValueText(expected.value, node, symbols);
  const fix: Fix | undefined = node
    ? { title: TCP_TEXT.fixSeq({ text }), edits: [{ span: node, newText: text }] }
    : undefined;
  if (expected.code === 'ResetSeq') {
    context.report(
      diagnostic(
        'ResetSeqNotAcceptable',
        span,
        { expected: describeValue(expected.value, symbols) },
        fix ? { fix } : {},
      ),
    );
  } else if (expected.code === 'IssChanged') {
    context.report(
      diagnostic(
        'IssChanged',
        span,
        {
          endpoint: out.from,
          iss: describeValue(expected.value, symbols),
          line: tcb.issSpan ? lineNumber(context.lines, tcb.issSpan) : 0,
        },
        fix ? { fix } : {},
      ),
    );
  } else {
    context.report(
      diagnostic(
        'SeqNotNext',
        span,
        {
          endpoint: out.from,
          expected: describeValue(expected.value, symbols),
          why: explainReason(expected.why, context.lines),
          hint: seqHint(out, plan, symbols),
        },
        {
          related: relatedCause(tcb.sndNxtCause, TCP_TEXT.setsNextSeq),
          ...(fix ? { fix } : {}),
        },
      ),
    );
  }
  return { value: expected.value, retransmission: false, corrected: true };
}

/** The value as written, as the engine's own object when that holds the same (one less to keep). */
function asWritten(written: SeqValue, expected: SeqValue): SeqValue {
  return written.symbol === expected.symbol && written.offset === expected.offset
    ? expected
    : written;
}

/**
 * RFC 9293 §3.8.4 (and Wireshark's tcp.analysis.keep_alive): a segment of at most one byte,
 * without SYN, FIN or RST, at SND.NXT-1, which the peer has already received.
 */
function isKeepAlive(out: Outgoing, seq: SeqValue, tcb: Tcb, symbols: SymbolValues): boolean {
  const { sndNxt, iss, finSeq } = tcb;
  if (!sndNxt || out.len > 1) return false;
  if (out.flags.has('SYN') || out.flags.has('FIN') || out.flags.has('RST')) return false;
  // SND.NXT-1 must be a data byte: at the SYN's or the FIN's number it is the classic mistake of
  // forgetting that they consume one (HS102), not a probe.
  if ((iss && sameValue(seq, iss, symbols)) || (finSeq && sameValue(seq, finSeq, symbols))) {
    return false;
  }
  return distance(seq, sndNxt, symbols) === 1;
}

/** Data sent again after the peer acknowledged all of it: valid, and dropped as a duplicate. */
function isSpurious(out: Outgoing, seq: SeqValue, tcb: Tcb, symbols: SymbolValues): boolean {
  const { iss, sndUna } = tcb;
  const length = out.len + (out.flags.has('FIN') ? 1 : 0);
  if (!iss || !sndUna || length === 0) return false;
  const end = plus(seq, length);
  return (
    before(iss, seq, symbols) && atOrBefore(end, sndUna, symbols) && before(seq, sndUna, symbols)
  );
}

function isRetransmission(out: Outgoing, seq: SeqValue, tcb: Tcb, symbols: SymbolValues): boolean {
  const { sndUna, sndNxt } = tcb;
  if (!sndUna || !sndNxt) return false;
  const length = out.len + (out.flags.has('FIN') ? 1 : 0);
  // A segment that occupies no sequence space (a pure ACK) cannot be a retransmission.
  if (length === 0) return false;
  const end = plus(seq, length);
  return (
    atOrBefore(sndUna, seq, symbols) &&
    before(seq, sndNxt, symbols) &&
    atOrBefore(end, sndNxt, symbols)
  );
}

function relatedCause(cause: Tcb['sndNxtCause'], what: string) {
  return cause ? [{ span: cause.span, message: what }] : [];
}

function seqHint(out: Outgoing, plan: Plan, symbols: SymbolValues): string {
  if (out.seq && out.ack && plan.ack && plan.seq) {
    if (
      sameValue(out.seq, plan.ack.value, symbols) &&
      sameValue(out.ack, plan.seq.value, symbols)
    ) {
      return TCP_TEXT.hintSwapped;
    }
  }
  return '';
}

/** Checks the ACK flag and the ack= value against the plan. */
function checkAck(
  out: Outgoing,
  plan: Plan,
  context: SendContext,
  peer: Tcb,
): { value?: SeqValue; flagged: boolean; corrected: boolean } {
  const { symbols } = context;
  const expected = plan.ack;
  const hasFlag = out.flags.has('ACK');
  const written = out.ack;
  if (written !== undefined && !hasFlag && !out.flagsBroken) {
    const fix: Fix = {
      title: TCP_TEXT.fixAddAck,
      edits: [{ span: { start: flagsEnd(out), end: flagsEnd(out) }, newText: ' ACK' }],
    };
    context.report(diagnostic('AckValueWithoutFlag', ackNode(out) ?? out.span, undefined, { fix }));
  }
  if (!expected)
    return written && hasFlag
      ? { value: written, flagged: true, corrected: false }
      : { flagged: false, corrected: false };
  // Where an ack is expected, the segment travels with ACK set (corrected when missing).
  const needsFlag = true;
  if (!written) {
    if (hasFlag && !out.ackGiven) {
      const text = fixValueText(expected.value, undefined, symbols);
      context.report(
        diagnostic(
          'AckFlagWithoutValue',
          flagsOf(out),
          { expected: describeValue(expected.value, symbols) },
          {
            fix: {
              title: TCP_TEXT.fixAddAckValue({ text }),
              edits: [
                { span: { start: fieldsEnd(out), end: fieldsEnd(out) }, newText: ` ack=${text}` },
              ],
            },
          },
        ),
      );
    }
    return { value: expected.value, flagged: needsFlag, corrected: false };
  }
  if (sameValue(written, expected.value, symbols))
    return { value: asWritten(written, expected.value), flagged: true, corrected: false };
  reportWrongAck(out, written, expected, context, peer);
  return { value: expected.value, flagged: true, corrected: true };
}

function reportWrongAck(
  out: Outgoing,
  written: SeqValue,
  expected: NonNullable<Plan['ack']>,
  context: SendContext,
  peer: Tcb,
): void {
  const { symbols } = context;
  const node = ackNode(out);
  const span = node ?? out.span;
  const text = fixValueText(expected.value, node, symbols);
  const extras = {
    related:
      expected.why.kind === 'next' && expected.why.cause
        ? [{ span: expected.why.cause.span, message: TCP_TEXT.determinesAck }]
        : [],
    ...(node
      ? { fix: { title: TCP_TEXT.fixAck({ text }), edits: [{ span: node, newText: text }] } }
      : {}),
  };
  if (peer.sndNxt && before(peer.sndNxt, written, symbols)) {
    const args = {
      peer: out.to,
      value: describeValue(written, symbols),
      sndNxt: describeValue(peer.sndNxt, symbols),
    };
    context.report(diagnostic('AckUnsentData', span, args, extras));
    return;
  }
  const args = {
    endpoint: out.from,
    expected: describeValue(expected.value, symbols),
    why: explainReason(expected.why, context.lines),
    hint: ackHint(written, expected, symbols),
  };
  context.report(diagnostic('AckNotNext', span, args, extras));
}

function ackHint(written: SeqValue, plan: NonNullable<Plan['ack']>, symbols: SymbolValues): string {
  const expected = plan.value;
  const d = distance(written, expected, symbols);
  const cause = plan.why.kind === 'next' ? plan.why.cause : undefined;
  // The "+1" hint only where a SYN or FIN alone set the number.
  if (d === 1 && cause && cause.length === 0 && (cause.syn || cause.fin)) {
    return TCP_TEXT.hintPlusOne;
  }
  const w = resolve(written, symbols);
  const e = resolve(expected, symbols);
  if (d === undefined && w.symbol !== e.symbol) {
    return TCP_TEXT.hintDifferentBases({
      a: describeValue(written, symbols),
      b: describeValue(expected, symbols),
    });
  }
  return '';
}
