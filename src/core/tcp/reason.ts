import type { Span } from '../text/span';
import type { SeqValue } from './seqValue';

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
  /**
   * Where the trace finds this cause again, so that it keeps a number instead of the object:
   * the row of its segment's step times two, plus one for a SYN's cause that leaves out its
   * data (see receive.ts synCause); -1 when unknown.
   */
  readonly traceRef: number;
}

/**
 * Why an expected value is what it is, kept as data in the trace and turned into words only
 * when a message or a hover needs them.
 */
export type Reason =
  /** SND.NXT or RCV.NXT, as last moved by `cause`. */
  | { readonly kind: 'next'; readonly cause?: Cause }
  /** The initial sequence number `endpoint` chose at `span`. */
  | { readonly kind: 'iss'; readonly endpoint: string; readonly span?: Span }
  /** The reset that answers the segment at `span` (RFC 9293 §3.10.7.1). */
  | { readonly kind: 'refusal'; readonly span: Span; readonly role: 'seq' | 'ack' }
  /** A reset carries SND.NXT. */
  | { readonly kind: 'resetSeq'; readonly cause?: Cause }
  /** The reset that answers data arriving after CLOSE (RFC 9293 §3.6.1): SEG.ACK. */
  | { readonly kind: 'lateData'; readonly span: Span };
