import type { LineMap } from '../syntax/lineMap';
import { formatValue } from './seqValue';
import type { Cause } from './tcb';

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
