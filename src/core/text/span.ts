/** A half-open range of UTF-16 offsets into the source text: `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The smallest span covering both `a` and `b`. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** True when `offset` lies inside `span` or touches its end (where a cursor after a word sits). */
export function touches(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** Just the range of a token or node, without its other fields. */
export function spanOf(span: Span): Span {
  return { start: span.start, end: span.end };
}
