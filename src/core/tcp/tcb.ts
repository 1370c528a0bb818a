import type { Span } from '../syntax/span';
import type { SeqValue } from './seqValue';
import type { TcpFlag } from './flags';
import type { TcpState } from './state';

/** A segment as the engine moves it: the values used, after any correction. */
export interface Segment {
  readonly from: string;
  readonly to: string;
  readonly flags: ReadonlySet<TcpFlag>;
  readonly seq: SeqValue;
  readonly ack?: SeqValue;
  readonly len: number;
  readonly span: Span;
}

/** Sequence numbers a segment occupies: SYN and FIN count one each, data its length (§3.4). */
export function segmentLength(segment: Segment): number {
  return segment.len + (segment.flags.has('SYN') ? 1 : 0) + (segment.flags.has('FIN') ? 1 : 0);
}

/** What a segment contributes as a cause of a later expected value. */
export function causeOf(segment: Segment): Cause {
  return {
    span: segment.span,
    from: segment.from,
    seq: segment.seq,
    syn: segment.flags.has('SYN'),
    fin: segment.flags.has('FIN'),
    length: segment.len,
  };
}

/** What last moved a sequence variable: the statement, and what in it counted. */
export interface Cause {
  readonly span: Span;
  /** The endpoint that sent the segment. */
  readonly from: string;
  /** The segment's seq. */
  readonly seq: SeqValue;
  readonly syn: boolean;
  readonly fin: boolean;
  /** Data bytes. */
  readonly length: number;
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

/** A segment that arrived ahead of RCV.NXT and waits for the gap to fill. */
export interface QueuedSegment {
  readonly seq: SeqValue;
  readonly length: number;
  readonly fin: boolean;
  readonly cause: Cause;
}

/**
 * The transmission control block of RFC 9293 §3.3.1, as far as a scenario needs it, plus the
 * causes the explanations quote. Immutable: the engine replaces it on every change.
 */
export interface Tcb {
  readonly state: TcpState;
  /** The endpoint at the other end, once a segment has been exchanged. */
  readonly peer?: string;
  /** Set when the connection came from `listen`; a reset in SYN_RECEIVED returns to LISTEN. */
  readonly passive: boolean;
  readonly listening: boolean;
  readonly iss?: SeqValue;
  readonly sndUna?: SeqValue;
  readonly sndNxt?: SeqValue;
  readonly irs?: SeqValue;
  readonly rcvNxt?: SeqValue;
  /** The seq of this side's FIN once sent. */
  readonly finSeq?: SeqValue;
  readonly finSpan?: Span;
  readonly issSpan?: Span;
  readonly sndNxtCause?: Cause;
  readonly rcvNxtCause?: Cause;
  /** Where and why the state last changed. */
  readonly stateSpan?: Span;
  readonly refusal?: Refusal;
  readonly queue: readonly QueuedSegment[];
  /** Data this side sent, by seq, for telling retransmissions (span of the first sending). */
  readonly sent: readonly Cause[];
}

export const CLOSED_TCB: Tcb = {
  state: 'CLOSED',
  passive: false,
  listening: false,
  queue: [],
  sent: [],
};

/** The part of a TCB that the trace shows at each step. */
export interface TcbView {
  readonly state: TcpState;
  readonly iss?: SeqValue;
  readonly sndUna?: SeqValue;
  readonly sndNxt?: SeqValue;
  readonly irs?: SeqValue;
  readonly rcvNxt?: SeqValue;
}

/**
 * The view of a TCB for the trace. A TCB is immutable, so the view is the TCB itself: no copy
 * is made for the four snapshots each segment records.
 */
export function view(tcb: Tcb): TcbView {
  return tcb;
}
