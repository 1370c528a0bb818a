import type { Span } from '../text/span';
import type { Cause, Reason } from './reason';
import { SentLog } from './sentLog';
import { ReceiveQueue } from './receiveQueue';
import { plus, type SeqValue } from './seqValue';
import type { TcpFlag } from '../protocol/tcpFlags';
import type { TcpState } from '../protocol/tcpStates';

/** A segment as the engine moves it: the values used, after any correction. */
export interface Segment {
  readonly from: string;
  readonly to: string;
  readonly flags: ReadonlySet<TcpFlag>;
  readonly seq: SeqValue;
  readonly ack?: SeqValue;
  readonly len: number;
  readonly span: Span;
  /** SEG.SEQ + SEG.LEN, counting a FIN (not a SYN): where the data and FIN end. */
  readonly end: SeqValue;
  /** A SYN's Window Scale option (see windowScale.ts); NO_WSCALE on any other segment. */
  readonly wscale: number;
}

/** A segment in flight; made by newSegment only. */
class SegmentInFlight implements Segment {
  private made: Cause | undefined;

  constructor(
    readonly from: string,
    readonly to: string,
    readonly flags: ReadonlySet<TcpFlag>,
    readonly seq: SeqValue,
    readonly ack: SeqValue | undefined,
    readonly len: number,
    readonly span: Span,
    readonly end: SeqValue,
    /** The row of its step in the trace. */
    readonly row: number,
    readonly wscale: number,
  ) {}

  /** Made on first use and then shared: a pure ACK never needs one. */
  get cause(): Cause {
    return (this.made ??= newCause(
      this.span,
      this.from,
      this.seq,
      this.flags.has('SYN'),
      this.flags.has('FIN'),
      this.len,
      this.row * 2,
    ));
  }
}

/** A segment, with the value where it ends shared by its sender and its receiver. */
export function newSegment(
  from: string,
  to: string,
  flags: ReadonlySet<TcpFlag>,
  seq: SeqValue,
  ack: SeqValue | undefined,
  len: number,
  span: Span,
  row: number,
  /** A SYN's Window Scale option (windowScale.ts); -1 (none) on any other segment. */
  wscale: number,
): Segment {
  const occupies = len + (flags.has('FIN') ? 1 : 0);
  const end = occupies === 0 ? seq : plus(seq, occupies);
  return new SegmentInFlight(from, to, flags, seq, ack, len, span, end, row, wscale);
}

/**
 * The same segment seen as coming from `from`: what a receiver makes of a segment forged with
 * its peer's address and port, which it cannot tell from its peer's own (RFC 5961 §1).
 */
export function fromAddressOf(segment: Segment, from: string): Segment {
  return segment instanceof SegmentInFlight
    ? new SegmentInFlight(
        from,
        segment.to,
        segment.flags,
        segment.seq,
        segment.ack,
        segment.len,
        segment.span,
        segment.end,
        segment.row,
        segment.wscale,
      )
    : { ...segment, from };
}

/** Sequence numbers a segment occupies: SYN and FIN count one each, data its length (§3.4). */
export function segmentLength(segment: Segment): number {
  return segment.len + (segment.flags.has('SYN') ? 1 : 0) + (segment.flags.has('FIN') ? 1 : 0);
}

/** What a segment contributes as a cause of a later expected value, made once per segment. */
export function causeOf(segment: Segment): Cause {
  return segment instanceof SegmentInFlight
    ? segment.cause
    : newCause(
        segment.span,
        segment.from,
        segment.seq,
        segment.flags.has('SYN'),
        segment.flags.has('FIN'),
        segment.len,
        -1,
      );
}

/** A cause; `traceRef` as Cause says. */
export function newCause(
  span: Span,
  from: string,
  seq: SeqValue,
  syn: boolean,
  fin: boolean,
  length: number,
  traceRef: number,
): Cause {
  return { span, from, seq, syn, fin, length, traceRef };
}

/** A segment a CLOSED or LISTEN endpoint must answer with a reset (RFC 9293 §3.10.7.1-2). */
export interface Refusal {
  readonly span: Span;
  readonly from: string;
  /** The refused segment, replayed when the scenario goes on as if it had been accepted. */
  readonly segment: Segment;
  /** The reply a real stack sends. */
  readonly seq: SeqValue;
  readonly ack?: SeqValue;
}

/**
 * The transmission control block of RFC 9293 §3.3.1, as far as a scenario needs it, plus the
 * causes the explanations quote.
 *
 * Mutable, unlike the rest of the core's data: the engine keeps one TCB per endpoint and changes
 * it in place as segments are sent and received. Replacing an eighteen-field object several
 * times per segment was most of the engine's time on large scenarios. Nothing outside the
 * engine sees a TCB: the trace holds TcbView snapshots taken between changes. `unanswered` is
 * replaced, never changed in place, since TCBs made from CLOSED_TCB share its array; `queue` (a
 * ReceiveQueue) and `sent` (a SentLog) are immutable to their holders.
 */
export interface Tcb {
  state: TcpState;
  /** The endpoint at the other end, once a segment has been exchanged. */
  peer: undefined | string;
  /** Set when the connection came from `listen`; a reset in SYN_RECEIVED returns to LISTEN. */
  passive: boolean;
  listening: boolean;
  iss: undefined | SeqValue;
  sndUna: undefined | SeqValue;
  sndNxt: undefined | SeqValue;
  irs: undefined | SeqValue;
  rcvNxt: undefined | SeqValue;
  /**
   * The receive window this side last advertised, in bytes: its `win=` shifted by its window
   * scale, or the largest it can mean when the scale is unknown (windowScale.ts); undefined
   * when never written.
   */
  rcvWnd: undefined | number;
  /**
   * SND.WND: the window the peer advertised in the last segment this side accepted, in bytes
   * (windowScale.ts, learnSendWindow); undefined while the peer never wrote one. Shown, not
   * used: a scenario's segments are not held back by it.
   */
  sndWnd: undefined | number;
  /** The Window Scale option of the SYN this side sent, and of its peer's (windowScale.ts). */
  synWscale: undefined | number;
  peerWscale: undefined | number;
  /** The seq of this side's FIN once sent. */
  finSeq: undefined | SeqValue;
  finSpan: undefined | Span;
  issSpan: undefined | Span;
  sndNxtCause: undefined | Cause;
  rcvNxtCause: undefined | Cause;
  /** Where and why the state last changed. */
  stateSpan: undefined | Span;
  refusal: undefined | Refusal;
  /**
   * Older segments a CLOSED endpoint received and has not answered yet, oldest first: each
   * one is answered by its own reset (RFC 9293 §3.10.7.1), once `refusal` has been.
   */
  unanswered: readonly Refusal[];
  /**
   * New data that arrived after this side's FIN (CLOSE called): it may answer it with
   * `<SEQ=SEG.ACK><CTL=RST>` (RFC 9293 §3.6.1, SHLD-2) and abort.
   */
  lateData: undefined | { readonly span: Span; readonly from: string; readonly ack: SeqValue };
  /**
   * The peer's SYN when it carried data: its SYN ACK may acknowledge that data too (TCP Fast
   * Open, RFC 7413), or only the SYN (the data is then sent again).
   */
  synData: undefined | Cause;
  /**
   * Seconds spent in TIME_WAIT by `wait 30s` lines (timeWait.ts); a FIN that arrives there
   * starts the 2MSL timer again (RFC 9293 §3.10.7.4).
   */
  timeWaited: number;
  /** Segments held ahead of RCV.NXT until the gap before them fills (see ReceiveQueue). */
  queue: ReceiveQueue;
  /** Data this side sent, unacknowledged, for telling retransmissions (see SentLog). */
  sent: SentLog;
}

/**
 * A closed endpoint. Every TCB is a copy of this one (newTcb), with every field present
 * (undefined when unset) and in this order, so that they all share one shape. Frozen: the
 * engine changes only its own copies.
 */
export const CLOSED_TCB: Readonly<Tcb> = Object.freeze({
  state: 'CLOSED',
  peer: undefined,
  passive: false,
  listening: false,
  iss: undefined,
  sndUna: undefined,
  sndNxt: undefined,
  irs: undefined,
  rcvNxt: undefined,
  rcvWnd: undefined,
  sndWnd: undefined,
  synWscale: undefined,
  peerWscale: undefined,
  finSeq: undefined,
  finSpan: undefined,
  issSpan: undefined,
  sndNxtCause: undefined,
  rcvNxtCause: undefined,
  stateSpan: undefined,
  refusal: undefined,
  unanswered: Object.freeze([]),
  lateData: undefined,
  synData: undefined,
  timeWaited: 0,
  queue: ReceiveQueue.EMPTY,
  sent: SentLog.EMPTY,
});

/** A new TCB: CLOSED_TCB with `changes`. */
export function newTcb(changes?: Partial<Tcb>): Tcb {
  return { ...CLOSED_TCB, ...changes };
}

/** Makes `tcb` a new TCB in place: CLOSED_TCB with `changes` (a reset, a connection closed). */
export function resetTcb(tcb: Tcb, changes: Partial<Tcb>): void {
  Object.assign(tcb, CLOSED_TCB, changes);
}

/** The reason "SND.NXT or RCV.NXT as moved by `cause`". */
export function nextReason(cause: Cause | undefined): Reason {
  return cause ? { kind: 'next', cause } : NOTHING_RECEIVED;
}

const NOTHING_RECEIVED: Reason = Object.freeze({ kind: 'next' });

/** The part of a TCB that the trace shows at each step. */
export interface TcbView {
  readonly state: TcpState;
  readonly iss?: SeqValue;
  readonly sndUna?: SeqValue;
  readonly sndNxt?: SeqValue;
  readonly irs?: SeqValue;
  readonly rcvNxt?: SeqValue;
  /**
   * SND.WND and RCV.WND in bytes (RFC 9293 §3.3.1): the window the peer last advertised in a
   * segment this side accepted, and the one this side last advertised; undefined while the
   * scenario wrote none (`win=`). Scaled as windowScale.ts says; when a capture starts after the
   * SYNs the shift is unknown and a window is the largest its field can mean (shifted by 14).
   */
  readonly sndWnd?: number;
  readonly rcvWnd?: number;
}
