/**
 * Checks a segment's written seq and ack against its plan (RFC 9293 §3.4, §3.10.7.4): reports
 * each wrong number with the expected value and why, and tells retransmissions, keep-alives and
 * spurious retransmissions from mistakes.
 */
import type { Text } from '../text/words';
import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding, type Fix } from '../check/diagnostic';
import { explainReason, lineNumber } from './explain';
import {
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
import type { Tcb } from './tcb';
import { fixValueText } from './valueText';
import { ackNode, fieldsEnd, flagsEnd, flagsOf, seqNode, type Outgoing } from './outgoing';
import type { Plan, SendContext } from './sendPlan';

/** Compares the written seq with the plan; a retransmission of unacknowledged data is fine. */
export function checkSeq(
  out: Outgoing,
  plan: Plan,
  tcb: Tcb,
  context: SendContext,
): {
  value: SeqValue;
  retransmission: boolean;
  corrected: boolean;
  /** The HS102 of a resend that runs past SND.NXT, reported only if read as a typo. */
  unlessAsSent?: Finding;
} {
  const expected = plan.seq;
  const written = out.seq;
  if (!expected)
    return { value: written ?? { offset: 0 }, retransmission: false, corrected: false };
  if (!written) return { value: expected.value, retransmission: false, corrected: false };
  const { symbols } = context;
  if (sameValue(written, expected.value, symbols))
    return { value: asWritten(written, expected.value), retransmission: false, corrected: false };
  if (expected.code === 'SeqIgnored') {
    // Not an error to repair: the receiver does the same with the written value.
    const node = seqNode(out);
    const text = fixValueText(expected.value, node, symbols);
    context.report(
      diagnostic(
        'ResetSeqIgnored',
        node ?? out.span,
        { peer: out.to },
        node
          ? { fix: { title: TCP_TEXT.fixSeq({ text }), edits: [{ span: node, newText: text }] } }
          : {},
      ),
    );
    return { value: written, retransmission: false, corrected: false };
  }
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
    // The first unacknowledged segment it resends part of (the acknowledged ones are gone).
    const end = plus(written, out.len + (out.flags.has('FIN') ? 1 : 0));
    const first = tcb.sent.firstOverlapping(written, end, symbols);
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
  const fix: Fix<Text> | undefined = node
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
    const wrong = diagnostic(
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
    );
    if (plan.retransmit && resendsPastSndNxt(out, written, tcb, symbols)) {
      return { value: expected.value, retransmission: false, corrected: true, unlessAsSent: wrong };
    }
    context.report(wrong);
  }
  return { value: expected.value, retransmission: false, corrected: true };
}

/**
 * A segment that resends data sent before (acknowledged or not) and goes on with new data past
 * SND.NXT: valid as written (the receiver trims what it has, RFC 9293 §3.10.7.4, and only the
 * bytes past SND.NXT are new; a sender may re-segment what it resends, RFC 1122 §4.2.2.15:
 * Linux resends `seq=1 len=800` after `seq=1 len=700` was acknowledged), or a typo for a
 * segment at SND.NXT. The lines after it decide (see reading.ts).
 */
function resendsPastSndNxt(out: Outgoing, seq: SeqValue, tcb: Tcb, symbols: SymbolValues): boolean {
  const { iss, sndNxt } = tcb;
  if (!iss || !sndNxt || out.flags.has('SYN')) return false;
  const end = plus(seq, out.len + (out.flags.has('FIN') ? 1 : 0));
  // Not below the SYN: sequence numbers before ISS+1 were never this connection's data.
  return before(iss, seq, symbols) && before(seq, sndNxt, symbols) && before(sndNxt, end, symbols);
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

/**
 * Data (or a FIN) sent again, not acknowledged yet: it lies within what was sent, [ISS+1,
 * SND.NXT), and ends after SND.UNA (wholly acknowledged, it is spurious). It need not line up
 * with the segments first sent: a stack may re-segment what it resends, and may start before
 * SND.UNA when its retransmission crossed the ACK (RFC 9293 §3.10.7.4: the receiver trims
 * what it already has, "segments with higher beginning sequence numbers").
 */
export function isRetransmission(
  out: Outgoing,
  seq: SeqValue,
  tcb: Tcb,
  symbols: SymbolValues,
): boolean {
  const { iss, sndUna, sndNxt } = tcb;
  if (!sndUna || !sndNxt) return false;
  const length = out.len + (out.flags.has('FIN') ? 1 : 0);
  // A segment that occupies no sequence space (a pure ACK) cannot be a retransmission.
  if (length === 0) return false;
  const end = plus(seq, length);
  const starts = iss ? before(iss, seq, symbols) : atOrBefore(sndUna, seq, symbols);
  return (
    starts &&
    before(sndUna, end, symbols) &&
    before(seq, sndNxt, symbols) &&
    atOrBefore(end, sndNxt, symbols)
  );
}

function relatedCause(cause: Tcb['sndNxtCause'], what: Text) {
  return cause ? [{ span: cause.span, message: what }] : [];
}

function seqHint(out: Outgoing, plan: Plan, symbols: SymbolValues): Text {
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
export function checkAck(
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
    const fix: Fix<Text> = {
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
  if (expected.code === 'AckIgnored') {
    // Not an error to repair: the receiver does the same with the written value.
    const node = ackNode(out);
    const text = fixValueText(expected.value, node, symbols);
    context.report(
      diagnostic(
        'ResetAckIgnored',
        node ?? out.span,
        { peer: out.to, expected: describeValue(expected.value, symbols) },
        node
          ? { fix: { title: TCP_TEXT.fixAck({ text }), edits: [{ span: node, newText: text }] } }
          : {},
      ),
    );
    return { value: written, flagged: true, corrected: false };
  }
  if (isOlderAck(out, written, peer, symbols)) {
    return { value: written, flagged: true, corrected: false };
  }
  reportWrongAck(out, written, expected, context, peer);
  return { value: expected.value, flagged: true, corrected: true };
}

/**
 * An older ACK arriving after a newer one (reordered by the network): a segment that occupies
 * no sequence space and acknowledges less than the peer already had acknowledged (its SND.UNA),
 * yet at least its SYN. RCV.NXT never goes back, so a stack cannot send it after the newer one:
 * it was sent earlier and arrives late. RFC 9293 §3.10.7.4: "If the ACK is a duplicate
 * (SEG.ACK =< SND.UNA), it can be ignored." An ack equal to SND.UNA is not taken for one: it is
 * what a writer who forgot the latest data would write, and stays HS101.
 */
function isOlderAck(out: Outgoing, written: SeqValue, peer: Tcb, symbols: SymbolValues): boolean {
  const { iss, sndUna } = peer;
  if (!iss || !sndUna || out.len > 0) return false;
  if (out.flags.has('SYN') || out.flags.has('FIN') || out.flags.has('RST')) return false;
  return before(iss, written, symbols) && before(written, sndUna, symbols);
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

function ackHint(written: SeqValue, plan: NonNullable<Plan['ack']>, symbols: SymbolValues): Text {
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
