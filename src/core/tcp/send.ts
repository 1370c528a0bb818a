import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding } from '../check/diagnostic';
import { lineNumber, type Reason } from './explain';
import type { TcpFlag } from '../protocol/tcpFlags';
import {
  before,
  describeValue,
  plus,
  sameValue,
  type SeqValue,
  type SymbolValues,
} from './seqValue';
import { hasSentFin } from '../protocol/tcpStates';
import { causeOf, newSegment, nextReason, resetTcb, type Segment, type Tcb } from './tcb';
import { internFlags } from './segmentShape';
import { flagsOf, type Outgoing } from './outgoing';
import {
  describeSegment,
  invalid,
  otherPeer,
  reportMissingAck,
  type Plan,
  type SendContext,
} from './sendPlan';
import { planSyn, planSynAck, reportNeverListened } from './planOpen';
import { checkAck, checkSeq, isRetransmission } from './checkNumbers';
import { isSynLabel } from './synLabel';

export type { Outgoing } from './outgoing';
export type { SendContext } from './sendPlan';

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
  /**
   * The segment exactly as written, when `segment` corrects it (a wrong seq or ack, an ACK
   * flag added): what a real receiver gets if the line is not a typo (see simulate.ts).
   */
  readonly asWritten: Segment | undefined;
  /**
   * The HS102 of a segment that resends unacknowledged data and runs past SND.NXT: reported
   * only when the segment is read as a typo; as written it is a valid retransmission with new
   * data, and the sender's TCB is then moved by sentAsWritten.
   */
  readonly unlessAsSent?: Finding;
  /**
   * A SYN whose payload may be a label (isSynLabel): `segment` carries no data, `asWritten`
   * the payload as Fast Open data, and reading it as written moves the sender to its end.
   */
  readonly label?: true;
}

/**
 * Checks a segment against its sender's TCB (RFC 9293 §3.10.2 SEND, §3.10.7 for the replies a
 * stack makes), reports what is wrong, and moves the sender's TCB on, in place. Undefined when
 * the segment cannot be sent (reported). `peer` is the receiver's TCB, to tell an ack of data
 * never sent from a wrong one. Never throws.
 */
export function send(out: Outgoing, tcb: Tcb, context: SendContext, peer: Tcb): Sent | undefined {
  const plan = planFor(out, tcb, context, peer);
  if (!plan) return undefined;
  const seq = checkSeq(out, plan, tcb, context);
  const ack = checkAck(out, plan, context, peer);
  const ackAdded = ack.flagged && !out.flags.has('ACK');
  const label = isSynLabel(out);
  const segment = newSegment(
    out.from,
    out.to,
    ackAdded ? withAck(out.flags) : out.flags,
    seq.value,
    ack.value,
    label ? 0 : out.len,
    out.span,
    out.row,
    out.wscale,
  );
  const asWritten =
    seq.corrected || ack.corrected || ackAdded || label
      ? newSegment(
          out.from,
          out.to,
          out.flags,
          seq.corrected && out.seq ? out.seq : seq.value,
          // RFC 9293 §3.1: without the ACK bit the acknowledgment field does not count.
          out.flags.has('ACK') ? (ack.corrected ? out.ack : ack.value) : undefined,
          out.len,
          out.span,
          out.row,
          out.wscale,
        )
      : undefined;
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
    asWritten,
    ...(seq.unlessAsSent ? { unlessAsSent: seq.unlessAsSent } : {}),
    ...(label ? { label: true } : {}),
  };
}

/** Both values are written the same way here (the SYN's own seq): no symbol needs a value. */
const NONE: SymbolValues = new Map();

/** True when reading `sent` as written moves its sender's TCB too (see sentAsWritten). */
export function movesSender(sent: Sent): boolean {
  return sent.unlessAsSent !== undefined || sent.label === true;
}

/**
 * The sender's side of reading `sent` as written when it resends and runs past SND.NXT (see
 * Sent.unlessAsSent), or when a SYN's label is its data (Sent.label): SND.NXT is where the
 * written segment ends, not the corrected one.
 */
export function sentAsWritten(tcb: Tcb, sent: Sent): void {
  const written = sent.asWritten;
  if (!written || !movesSender(sent)) return;
  // A label moves SND.NXT only where its SYN set it: not for a SYN that changes nothing (HS203)
  // or one sent again after its data was already counted.
  if (sent.label && !(tcb.sndNxt && sameValue(tcb.sndNxt, plus(sent.segment.seq, 1), NONE))) {
    return;
  }
  const cause = causeOf(written);
  // Segment.end leaves out the SYN's own sequence number (RFC 9293 §3.4).
  tcb.sndNxt = written.flags.has('SYN') ? plus(written.end, 1) : written.end;
  tcb.sndNxtCause = cause;
  // A label was sent without data, so nothing of it is in the log yet.
  tcb.sent = sent.segment.len > 0 ? tcb.sent.replaceLast(cause) : tcb.sent.append(cause);
  if (written.flags.has('FIN')) tcb.finSeq = plus(written.seq, written.len);
}

/**
 * A segment an attacker forges without a connection of its own (a blind injection, RFC 5961
 * §1): it travels exactly as written, and nothing is checked or changed at the attacker's end.
 * Undefined without a seq= (then the segment is checked as any other).
 */
export function inject(out: Outgoing): Sent | undefined {
  if (!out.seq || out.flags.has('SYN')) return undefined;
  const ack = out.flags.has('ACK') ? out.ack : undefined;
  const segment = newSegment(
    out.from,
    out.to,
    out.flags,
    out.seq,
    ack,
    out.len,
    out.span,
    out.row,
    out.wscale,
  );
  return {
    segment,
    expectedSeq: undefined,
    expectedAck: undefined,
    whySeq: undefined,
    whyAck: undefined,
    retransmission: false,
    seqCorrected: false,
    ackCorrected: false,
    asWritten: undefined,
  };
}

function withAck(flags: ReadonlySet<TcpFlag>): ReadonlySet<TcpFlag> {
  return internFlags([...flags, 'ACK']);
}

function planFor(out: Outgoing, tcb: Tcb, context: SendContext, peer: Tcb): Plan | undefined {
  const { flags } = out;
  if (flags.has('RST')) return planReset(out, tcb, context, peer);
  if (flags.has('SYN')) {
    return flags.has('ACK') ? planSynAck(out, tcb, context) : planSyn(out, tcb, context);
  }
  return planOther(out, tcb, context);
}

/** A reset: the answer of a CLOSED or LISTEN endpoint, or an abort. */
function planReset(out: Outgoing, tcb: Tcb, context: SendContext, peer: Tcb): Plan | undefined {
  const refusal = tcb.refusal;
  if (refusal && refusal.from === out.to) {
    if (refusal.ack && !out.flags.has('ACK')) {
      context.report(
        diagnostic('ResetAnswerNotAck', flagsOf(out), {
          expected: describeValue(refusal.ack, context.symbols),
        }),
      );
    }
    // §3.10.7.3: a SYN_SENT receiver checks only the ack of a reset; <SEQ=0> goes unchecked.
    const seqIgnored = refusal.ack !== undefined && peer.state === 'SYN_SENT';
    return {
      seq: {
        value: refusal.seq,
        why: { kind: 'refusal', span: refusal.span, role: 'seq' },
        ...(seqIgnored ? { code: 'SeqIgnored' as const } : {}),
      },
      ...(refusal.ack
        ? { ack: { value: refusal.ack, why: { kind: 'refusal', span: refusal.span, role: 'ack' } } }
        : {}),
      retransmit: false,
      apply: () => {
        // §3.10.7.1: the next reset answers the latest segment still unanswered.
        const older = tcb.unanswered;
        tcb.refusal = older[older.length - 1];
        if (older.length > 0) tcb.unanswered = older.slice(0, -1);
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
  const late = tcb.lateData;
  if (late && late.from === out.to && out.seq && sameValue(out.seq, late.ack, context.symbols)) {
    // RFC 9293 §3.6.1 (SHLD-2): new data after CLOSE is answered <SEQ=SEG.ACK><CTL=RST>.
    return {
      seq: { value: late.ack, why: { kind: 'lateData', span: late.span } },
      retransmit: false,
      apply: () => resetTcb(tcb, { listening: tcb.listening, stateSpan: out.span }),
    };
  }
  return {
    seq: {
      value: tcb.sndNxt,
      why: { kind: 'resetSeq', cause: tcb.sndNxtCause },
      code: 'ResetSeq',
    },
    ...(out.flags.has('ACK') && tcb.rcvNxt
      ? {
          ack: {
            value: tcb.rcvNxt,
            why: nextReason(tcb.rcvNxtCause),
            // RFC 5961 §3.2 (RFC 9293 §3.10.7.4): a synchronized receiver acts on a reset by its
            // seq alone; only SYN_SENT reads the ack of one (§3.10.7.3).
            ...(peer.state !== 'SYN_SENT' ? { code: 'AckIgnored' as const } : {}),
          },
        }
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
  if (segment.len > 0 || fin) tcb.sent = tcb.sent.append(cause);
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
