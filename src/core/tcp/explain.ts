import type { Text } from '../text/words';
import { TCP_TEXT } from './tcpText';
import type { LineMap } from '../text/lineMap';
import { formatValue } from './seqValue';
import type { Cause, Reason } from './reason';

export type { Cause, Reason } from './reason';

export function explainReason(reason: Reason, lines: LineMap): Text {
  switch (reason.kind) {
    case 'next':
      return explainCause(reason.cause, lines);
    case 'iss':
      return TCP_TEXT.reasonIss({
        endpoint: reason.endpoint,
        line: reason.span ? lineNumber(lines, reason.span) : 0,
      });
    case 'refusal': {
      const line = lineNumber(lines, reason.span);
      return reason.role === 'seq'
        ? TCP_TEXT.reasonRefusalSeq({ line })
        : TCP_TEXT.reasonRefusalAck({ line });
    }
    case 'resetSeq':
      return TCP_TEXT.reasonResetSeq({ cause: explainCause(reason.cause, lines) });
    case 'lateData':
      return TCP_TEXT.reasonLateData({ line: lineNumber(lines, reason.span) });
  }
}

/**
 * Says why a next-sequence value is what it is, from the segment that set it:
 * "the SYN client sent at line 7 (seq=x) consumes one sequence number".
 */
export function explainCause(cause: Cause | undefined, lines: LineMap): Text {
  if (!cause) return TCP_TEXT.causeNone;
  const line = lines.lineOf(cause.span) + 1;
  const at = TCP_TEXT.causeAt({ from: cause.from, line, seq: formatValue(cause.seq) });
  if (cause.length === 0) {
    if (cause.syn && cause.fin) return TCP_TEXT.causeSynFin({ at });
    if (cause.syn) return TCP_TEXT.causeSyn({ at });
    if (cause.fin) return TCP_TEXT.causeFin({ at });
    return TCP_TEXT.causeSegment({ at });
  }
  const sum = `seq + ${cause.length}${cause.syn || cause.fin ? ' + 1' : ''}`;
  return TCP_TEXT.causeData({ at, syn: cause.syn, fin: cause.fin, length: cause.length, sum });
}

/** The 1-based line of a span, for messages. */
export function lineNumber(lines: LineMap, span: { start: number }): number {
  return lines.positionAt(span.start).line + 1;
}
