import type { LineMap } from '../syntax/lineMap';
import { formatValue } from './seqValue';
import type { Span } from '../syntax/span';
import type { Cause } from './tcb';

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
  | { readonly kind: 'resetSeq'; readonly cause?: Cause };

export function explainReason(reason: Reason, lines: LineMap): string {
  switch (reason.kind) {
    case 'next':
      return explainCause(reason.cause, lines);
    case 'iss':
      return `${reason.endpoint} chose its initial sequence number at line ${
        reason.span ? lineNumber(lines, reason.span) : 0
      }`;
    case 'refusal': {
      const answer = `the reset answers the segment at line ${lineNumber(lines, reason.span)}`;
      return reason.role === 'seq'
        ? `${answer} (RFC 9293 §3.10.7.1)`
        : `${answer}, which it acknowledges`;
    }
    case 'resetSeq':
      return `RST carries SND.NXT: ${explainCause(reason.cause, lines)}`;
  }
}

/**
 * Says why a next-sequence value is what it is, from the segment that set it:
 * "the SYN client sent at line 7 (seq=x) consumes one sequence number".
 */
export function explainCause(cause: Cause | undefined, lines: LineMap): string {
  if (!cause) return 'nothing has been received yet';
  const line = lines.lineOf(cause.span) + 1;
  const at = `${cause.from} sent at line ${line} (seq=${formatValue(cause.seq)})`;
  const bytes = `${cause.length} data byte${cause.length === 1 ? '' : 's'}`;
  if (cause.length === 0) {
    if (cause.syn && cause.fin) return `the SYN and FIN ${at} consume one sequence number each`;
    if (cause.syn) return `the SYN ${at} consumes one sequence number`;
    if (cause.fin) return `the FIN ${at} consumes one sequence number`;
    return `the segment ${at} sets it`;
  }
  const control = cause.syn ? 'the SYN and ' : '';
  const fin = cause.fin ? ' and the FIN' : '';
  const sum = `seq + ${cause.length}${cause.syn || cause.fin ? ' + 1' : ''}`;
  return `${control}the ${bytes}${fin} ${at} end there (${sum})`;
}

/** The 1-based line of a span, for messages. */
export function lineNumber(lines: LineMap, span: { start: number }): number {
  return lines.positionAt(span.start).line + 1;
}
