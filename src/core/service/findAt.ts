import type { Analysis } from '../analysis/analyze';
import { Scanner } from '../syntax/scanner';
import { touches, type Span } from '../text/span';
import type { Token } from '../syntax/token';
import type { SegmentStatement, SimultaneousBlock, Statement } from '../syntax/tree';
import type { SymbolValues } from '../tcp/seqValue';
import type { ActionStep, ExpectStep, SegmentStep } from '../tcp/trace';
import { lastStartingAtOrBefore } from '../text/offsetSearch';
import { stepStartingAt } from '../analysis/stepDiagnostics';

/** The statement under an offset; a segment inside a `simultaneous` block knows its block. */
export interface StatementAt {
  readonly statement: Statement;
  readonly block?: SimultaneousBlock;
}

/**
 * The statement whose span touches `offset`, looking inside `simultaneous` blocks first so that
 * a segment in a block is found as a segment. Statements are sorted, so this is a binary search.
 */
export function statementAt(analysis: Analysis, offset: number): StatementAt | undefined {
  const statements = analysis.document.statements;
  const found = lastStartingAtOrBefore(statements, offset, (s) => s.start);
  if (!found || !touches(found, offset)) return undefined;
  if (found.kind === 'simultaneous') {
    const inner = lastStartingAtOrBefore(found.segments, offset, (s) => s.start);
    if (inner && touches(inner, offset)) return { statement: inner, block: found };
  }
  return { statement: found };
}

/** True when the character at `offset` is in `span`, or `offset` is just after it. */
export function at(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end && span.end > span.start;
}

/** Of two parts touching at `offset` (`SYN,ACK`), the one that starts there wins. */
export function partAt<T extends Span>(
  parts: readonly (T | undefined)[],
  offset: number,
): T | undefined {
  const present = parts.filter((p): p is T => p !== undefined && at(p, offset));
  return present.find((p) => offset < p.end) ?? present[0];
}

/** The trace step of a segment statement: the engine keeps the statement it played. */
export function segmentStepOf(
  analysis: Analysis,
  statement: SegmentStatement,
): SegmentStep | undefined {
  const step = stepStartingAt(analysis.trace.steps, statement.start);
  if (step?.kind === 'segment' && step.statement === statement) return step;
  // A labelled segment may have its step where a `deliver` brought it in (a few, so a scan).
  if (statement.labelText === undefined) return undefined;
  return deliveriesOf(analysis, statement)[0];
}

/** The steps of a labelled segment's arrivals, at its `deliver` statements, in order. */
export function deliveriesOf(analysis: Analysis, statement: SegmentStatement): SegmentStep[] {
  return analysis.trace.steps.filter(
    (s): s is SegmentStep => s.kind === 'segment' && s.statement === statement,
  );
}

/** The step a `deliver` statement recorded, if it delivered anything. */
export function deliveredStepAt(analysis: Analysis, start: number): SegmentStep | undefined {
  const step = stepStartingAt(analysis.trace.steps, start);
  return step?.kind === 'segment' && step.network ? step : undefined;
}

export function expectStepAt(analysis: Analysis, start: number): ExpectStep | undefined {
  const step = stepStartingAt(analysis.trace.steps, start);
  return step?.kind === 'expect' ? step : undefined;
}

export function actionStepAt(analysis: Analysis, start: number): ActionStep | undefined {
  const step = stepStartingAt(analysis.trace.steps, start);
  return step && (step.kind === 'listen' || step.kind === 'close' || step.kind === 'wait')
    ? step
    : undefined;
}

/** The numbers `let` gave to symbols, as the value formatters want them. */
export function symbolValues(analysis: Analysis): SymbolValues {
  return new Map(analysis.trace.symbols.map((s) => [s.name, s.value]));
}

/** The tokens of one line of text, without its newline and the `eof`. */
export interface LineTokens {
  readonly tokens: readonly Token[];
  /** Where a `#` or `//` comment starts on the line, if there is one. */
  readonly commentStart?: number;
}

/**
 * Scans the line around `offset` up to `end` (the line's end by default, or the cursor for
 * completion, so that incomplete lines read as far as they go). Offsets are into the whole text.
 */
export function lineTokens(analysis: Analysis, offset: number, end?: number): LineTokens {
  const { lines } = analysis;
  const text = analysis.document.text;
  const line = lines.positionAt(offset).line;
  const start = lines.lineStart(line);
  const stop = end ?? lines.lineEnd(line);
  const scanner = new Scanner(text.slice(start, stop), 0, true);
  const tokens: Token[] = [];
  for (;;) {
    const token = scanner.next();
    if (token.kind === 'eof' || token.kind === 'newline') break;
    // A comment runs to the end of the line: it is the line's last token.
    if (token.kind === 'comment') return { tokens, commentStart: token.start + start };
    tokens.push({ ...token, start: token.start + start, end: token.end + start });
  }
  return { tokens };
}

/** The token that touches `offset` (the one after it when two touch). */
export function tokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  return (
    tokens.find((t) => offset >= t.start && offset < t.end) ??
    tokens.find((t) => touches(t, offset))
  );
}

/** A word of letters, digits, `_` and inner `-` around `offset` in free text (a comment). */
export function wordAt(text: string, offset: number): (Span & { text: string }) | undefined {
  const isWord = (ch: string | undefined): boolean => ch !== undefined && /[\w-]/.test(ch);
  let start = offset;
  let end = offset;
  while (isWord(text[start - 1])) start--;
  while (isWord(text[end])) end++;
  while (text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  if (start >= end) return undefined;
  return { start, end, text: text.slice(start, end) };
}
