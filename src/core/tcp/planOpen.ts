/**
 * The plans for opening segments: a SYN (active open, RFC 9293 §3.10.1) and a SYN ACK (the
 * passive side's answer, §3.10.7.2), with what is wrong when an endpoint never listened.
 */
import type { Text } from '../text/words';
import { TCP_TEXT } from './tcpText';
import { SentLog } from './sentLog';
import { diagnostic, type Fix } from '../check/diagnostic';
import { lineNumber, type Reason } from './explain';
import { receive } from './receive';
import { freshSymbolName, plus, sameValue, type SeqValue } from './seqValue';
import { isSynchronized } from '../protocol/tcpStates';
import { causeOf, newTcb, nextReason, resetTcb, type Tcb } from './tcb';
import { fixValueText } from './valueText';
import { flagsEnd, flagsOf, tailOf, type Outgoing } from './outgoing';
import { isSynLabel } from './synLabel';
import { invalid, otherPeer, reportMissingAck, type Plan, type SendContext } from './sendPlan';

export function planSyn(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
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
    return asSentOnly(out);
  }
  if (!out.seq) return out.seqGiven ? undefined : synWithoutSeq(out, context);
  reportSynData(out, context);
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
        // RFC 9293 §3.4: the data on a SYN occupies the sequence numbers after it, sent or not
        // acknowledged: SND.NXT = ISS+1+len (TCP Fast Open, RFC 7413 §4.2).
        sndNxt: plus(segment.seq, 1 + segment.len),
        sndNxtCause: causeOf(segment),
        sent: segment.len > 0 ? SentLog.EMPTY.append(causeOf(segment)) : SentLog.EMPTY,
      }),
  };
}

/**
 * Data on a SYN or SYN ACK (HS305): only TCP Fast Open delivers it, but it occupies the sequence
 * numbers after the SYN all the same (RFC 9293 §3.4), so the peer acknowledges ISS+1+len. A
 * payload that is the line's last word is most often a label (`"第二次握手"`): the fix makes it a
 * comment.
 */
function reportSynData(out: Outgoing, context: SendContext): void {
  if (out.len === 0) return;
  const statement = out.span;
  const payload = statement.payload;
  const label = payload && !statement.len && statement.end === payload.end ? payload : undefined;
  const fix: Fix<Text> | undefined =
    label && label.end - label.start >= 2
      ? {
          title: TCP_TEXT.fixPayloadComment,
          edits: [
            { span: { start: label.start, end: label.start + 1 }, newText: '# ' },
            { span: { start: label.end - 1, end: label.end }, newText: '' },
          ],
        }
      : undefined;
  // The peer of a SYN may leave the data for later (ack=ISS+1); a SYN_SENT peer that gets its
  // SYN acknowledged takes the SYN ACK's text (RFC 9293 §3.10.7.3, "continue processing at the
  // sixth step"), so its ACK counts it.
  const synAck = out.flags.has('ACK');
  const counted = isSynLabel(out)
    ? TCP_TEXT.synDataOrLabel({ len: out.len })
    : synAck && out.seq
      ? TCP_TEXT.synAckDataAcked({
          len: out.len,
          peer: out.to,
          ack: fixValueText(plus(out.seq, 1 + out.len), undefined, context.symbols),
        })
      : '';
  context.report(
    diagnostic(
      'SynWithData',
      flagsOf(out),
      { flags: synAck ? 'SYN ACK' : 'SYN', counted },
      fix ? { fix } : {},
    ),
  );
}

/**
 * A SYN no stack sends here (HS203) still reaches the peer as written, which answers it with a
 * challenge ACK and changes nothing (RFC 5961 §4); its sender does not change either.
 */
function asSentOnly(out: Outgoing): Plan | undefined {
  return out.seq ? { retransmit: false, apply: () => {} } : undefined;
}

function synWithoutSeq(out: Outgoing, context: SendContext): undefined {
  const fix: Fix<Text> = {
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
export function planSynAck(out: Outgoing, tcb: Tcb, context: SendContext): Plan | undefined {
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
      return asSentOnly(out);
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
  // A SYN ACK that acknowledges the data of the SYN too: the server took it (TCP Fast Open,
  // RFC 7413 §4.2.2); one that acknowledges only the SYN leaves the client to send it again.
  const synData = base.synData;
  const tfoEnd = synData && base.rcvNxt ? plus(base.rcvNxt, synData.length) : undefined;
  const tfo = tfoEnd && out.ack ? sameValue(out.ack, tfoEnd, context.symbols) : false;
  const ackPart =
    tfo && tfoEnd && synData
      ? { value: tfoEnd, why: nextReason(synData) }
      : { value: base.rcvNxt as SeqValue, why: nextReason(base.rcvNxtCause) };
  if (!base.iss && !out.seq) return out.seqGiven ? undefined : synWithoutSeq(out, context);
  if (!base.sndNxt) reportSynData(out, context);
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
      if (tcb.sndNxt === undefined) {
        // RFC 9293 §3.4: data on the SYN ACK occupies the sequence numbers after it, as on a SYN.
        tcb.sndNxt = plus(segment.seq, 1 + segment.len);
        if (segment.len > 0) tcb.sent = tcb.sent.append(causeOf(segment));
      }
      tcb.sndNxtCause ??= causeOf(segment);
      tcb.peer = out.to;
      if (tfo && tfoEnd && synData) {
        tcb.rcvNxt = tfoEnd;
        tcb.rcvNxtCause = synData;
      }
    },
  };
}

export function reportNeverListened(out: Outgoing, tcb: Tcb, context: SendContext): void {
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
  const fix: Fix<Text> | undefined = neverListened
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
        hint: neverListened ? TCP_TEXT.hintListen({ endpoint: out.from, line }) : '',
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
