import type { Diagnostic } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import type { ScenarioDocument, Statement } from '../syntax/tree';
import type { TraceStep } from './trace';
import { lastStartingAtOrBefore } from '../text/offsetSearch';

/**
 * Which diagnostics belong to which statement, and so to which trace step: decided once, here,
 * so that the diagram, the table and the hover all say the same thing about a step without
 * matching line numbers of their own. Maps hold only statements and steps that have problems.
 */
export interface StepDiagnostics {
  /**
   * The diagnostics on each statement's lines, in the order of `Analysis.diagnostics`. A segment
   * in a `simultaneous` block is a statement of its own; the block keeps what lies on its other
   * lines (its braces, a line that is not a segment).
   */
  readonly byStatement: ReadonlyMap<Statement, readonly Diagnostic[]>;
  /**
   * The diagnostics on the statement where each step happened: a segment's own line, or, for a
   * segment a `deliver` brought in, that `deliver` (the line it was sent from is
   * `byStatement.get(step.statement)`). The same arrays as `byStatement`'s.
   */
  readonly byStep: ReadonlyMap<TraceStep, readonly Diagnostic[]>;
  /** Diagnostics on no statement: a blank line's, a comment's, a line the parser could not read. */
  readonly documentLevel: readonly Diagnostic[];
}

/** What a statement or step without problems has: one frozen array, shared. */
export const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

/**
 * Places each diagnostic on the statement whose lines hold its start (a trailing comment or a
 * stray word after a statement is on its line), then on the step that happened there. Statements
 * and steps are in source order, so each diagnostic costs two binary searches: the work grows with
 * the problems, not with the length of the trace.
 */
export function stepDiagnostics(
  document: ScenarioDocument,
  steps: readonly TraceStep[],
  diagnostics: readonly Diagnostic[],
  lines: LineMap,
): StepDiagnostics {
  const byStatement = new Map<Statement, Diagnostic[]>();
  const documentLevel: Diagnostic[] = [];
  for (const d of diagnostics) {
    const statement = statementOnLineOf(document.statements, d.span, lines);
    if (!statement) {
      documentLevel.push(d);
      continue;
    }
    const list = byStatement.get(statement);
    if (list) list.push(d);
    else byStatement.set(statement, [d]);
  }
  const byStep = new Map<TraceStep, readonly Diagnostic[]>();
  for (const [statement, list] of byStatement) {
    const step = stepStartingAt(steps, statement.start);
    if (step) byStep.set(step, list);
  }
  return { byStatement, byStep, documentLevel };
}

/** The innermost statement with a line on which `span` starts. */
function statementOnLineOf(
  statements: readonly Statement[],
  span: Span,
  lines: LineMap,
): Statement | undefined {
  const line = lines.lineOf(span);
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  const onLine = (list: readonly Statement[]): Statement | undefined => {
    const found = lastStartingAtOrBefore(list, lineEnd, (s) => s.start);
    // A statement never holds a newline, so one that ends before this line starts is above it.
    return found && found.end >= lineStart ? found : undefined;
  };
  const statement = onLine(statements);
  if (statement?.kind !== 'simultaneous') return statement;
  return onLine(statement.segments) ?? statement;
}

/** The step recorded at a statement, if any: steps are in source order, one per statement. */
export function stepStartingAt(steps: readonly TraceStep[], start: number): TraceStep | undefined {
  const step = lastStartingAtOrBefore(steps, start, (s) => s.span.start);
  return step?.span.start === start ? step : undefined;
}
