import { LineMap } from '../syntax/lineMap';
import { parse } from '../syntax/parser';
import type { ScenarioDocument } from '../syntax/tree';
import { simulate } from '../tcp/simulate';
import type { Trace } from '../tcp/trace';
import type { Diagnostic } from './diagnostic';

/** Everything the features need about one text: its tree, its trace and its problems. */
export interface Analysis {
  readonly document: ScenarioDocument;
  readonly trace: Trace;
  /** Sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: LineMap;
}

/**
 * The single entry point: text → tree → trace → diagnostics. Every editor feature, the preview
 * and the CLI read this instead of re-deriving rules. Never throws.
 */
export function analyze(text: string): Analysis {
  const lines = new LineMap(text);
  const parsed = parse(text);
  const simulation = simulate(parsed.document, lines);
  const diagnostics = [...parsed.diagnostics, ...simulation.diagnostics].sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
  );
  return { document: parsed.document, trace: simulation.trace, diagnostics, lines };
}
