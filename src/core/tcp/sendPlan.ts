/**
 * What `send` works with: the context of a check, and the plan of what a valid segment carries
 * in its sender's state (RFC 9293 §3.10.2), with the reports every plan can make.
 */
import type { Text } from '../text/words';
import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Reason } from './explain';
import { formatFlags } from '../protocol/tcpFlags';
import type { SeqValue, SymbolValues } from './seqValue';
import type { Segment, Tcb } from './tcb';
import { fixValueText } from './valueText';
import { fieldsEnd, flagsEnd, flagsOf, type Outgoing } from './outgoing';

export interface SendContext {
  readonly symbols: SymbolValues;
  readonly lines: LineMap;
  readonly report: (diagnostic: Finding) => void;
}

/** What a valid segment must carry in the sender's state, and what sending it does. */
export interface Plan {
  readonly seq?: {
    readonly value: SeqValue;
    readonly why: Reason;
    /**
     * Reported with its own code instead of SeqNotNext; 'SeqIgnored': the receiver does not
     * check this seq, so a wrong one is a warning and travels as written.
     */
    readonly code?: 'IssChanged' | 'ResetSeq' | 'SeqIgnored';
  };
  /** When present, a correct segment has ACK set with this value. */
  readonly ack?: {
    readonly value: SeqValue;
    readonly why: Reason;
    /**
     * 'AckIgnored': the receiver does not check this ack, so a wrong one is a warning
     * (ResetAckIgnored) and travels as written.
     */
    readonly code?: 'AckIgnored';
  };
  /** Whether seq may go back for a retransmission of data not yet acknowledged. */
  readonly retransmit: boolean;
  /**
   * What sending does to the sender's TCB, in place; afterSending when absent (the common
   * case, which makes no closure).
   */
  readonly apply?: (segment: Segment) => void;
}

export function invalid(
  context: SendContext,
  out: Outgoing,
  tcb: Tcb,
  what: Text,
  reason: Text,
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

export function describeSegment(out: Outgoing): Text {
  return formatFlags(out.flags) || TCP_TEXT.aSegment;
}

/** The SYN of an active open, or its retransmission. */
/** An endpoint holds one connection: sending to another peer is a mistake in any open state. */
export function otherPeer(out: Outgoing, tcb: Tcb, context: SendContext): boolean {
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

/** HS112, with a fix that adds the flag and, when missing, its field. */
export function reportMissingAck(
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
