import type { Span } from '../text/span';
import type { SegmentStatement, ValueExpression } from '../syntax/tree';
import type { TcpFlag } from '../protocol/tcpFlags';
import type { SeqValue } from './seqValue';

/**
 * A segment as written, with its seq/ack already read into values. The places a diagnostic
 * points at or edits are read from the statement by the functions below, only when one is
 * reported: asking a segment for its nodes builds them (see syntax/segmentNode.ts).
 */
export interface Outgoing {
  readonly from: string;
  readonly to: string;
  readonly flags: ReadonlySet<TcpFlag>;
  readonly seq?: SeqValue;
  /** True when seq= was written, even if its value could not be used (already reported). */
  readonly seqGiven: boolean;
  readonly ack?: SeqValue;
  /** True when ack= was written, even if its value could not be used (already reported). */
  readonly ackGiven: boolean;
  /** True when a flag was misspelled (already reported): a missing ACK is probably that one. */
  readonly flagsBroken: boolean;
  readonly len: number;
  /** A SYN's Window Scale option (windowScale.ts: wscaleOf). */
  readonly wscale: number;
  /** The statement: the span of the whole line. */
  readonly span: SegmentStatement;
  /** The row its step will have in the trace. */
  readonly row: number;
  /**
   * Delivered at once and on its own (`->` or `-x`, outside a `simultaneous` block, without
   * `as NAME`): the lines after it then say how its receiver took it (see reading.ts).
   */
  readonly alone: boolean;
}

/** The written seq= value, when it was read into `out.seq`. */
export function seqNode(out: Outgoing): ValueExpression | undefined {
  return out.seq ? out.span.seq?.value : undefined;
}

/** The written ack= value, when it was read into `out.ack`. */
export function ackNode(out: Outgoing): ValueExpression | undefined {
  return out.ack ? out.span.ack?.value : undefined;
}

/** Where to insert a missing flag: after the last flag (or the receiver). */
export function flagsEnd(out: Outgoing): number {
  const statement = out.span;
  const lastFlag = statement.flags[statement.flags.length - 1];
  return lastFlag?.end ?? statement.to.end;
}

/** Where to insert a missing field: after the last flag or field. */
export function fieldsEnd(out: Outgoing): number {
  const statement = out.span;
  return Math.max(
    flagsEnd(out),
    statement.seq?.end ?? 0,
    statement.ack?.end ?? 0,
    statement.win?.end ?? 0,
    statement.wscale?.end ?? 0,
    statement.len?.end ?? 0,
  );
}

/** The flags as written: where state diagnostics point (the whole line when there are none). */
export function flagsOf(out: Outgoing): Span {
  return out.span.flagsSpan ?? out.span;
}

/** The text from the first flag to the end of the line, for a rewrite. */
export function tailOf(out: Outgoing): Span | undefined {
  const flagsSpan = out.span.flagsSpan;
  return flagsSpan ? { start: flagsSpan.start, end: out.span.end } : undefined;
}
