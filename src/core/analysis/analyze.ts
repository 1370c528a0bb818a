import { analysedByWireshark, capturedTrafficDiagnostics } from './capturedTraffic';
import { lastStartingAtOrBefore } from '../text/offsetSearch';
import { LineMap } from '../text/lineMap';
import { parse } from '../syntax/parser';
import type { ScenarioDocument, SegmentStatement, Statement } from '../syntax/tree';
import { simulate } from '../tcp/simulate';
import type { Trace, TraceStep } from './trace';
import { simulateTls } from '../tls/simulateTls';
import { wordDiagnostic, type Diagnostic, type Finding } from '../check/diagnostic';
import type { Locale } from '../text/locale';
import { stepDiagnostics, type StepDiagnostics } from './stepDiagnostics';
import { limitFindings, MAX_DIAGNOSTICS } from './diagnosticLimit';

/** Everything the features need about one text: its tree, its trace and its problems. */
export interface Analysis {
  readonly document: ScenarioDocument;
  readonly trace: Trace;
  /**
   * Sorted by position: the first `maxDiagnostics`, then, if there were more, one HS901 that
   * counts the rest.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** The same diagnostics by the statement and the step they belong to. */
  readonly stepDiagnostics: StepDiagnostics;
  readonly lines: LineMap;
  /**
   * The language the diagnostics are worded in, given to `analyze`: the features that read this
   * analysis (hover, completion, the diagram) word the trace in it too, so they agree.
   */
  readonly locale: Locale;
}

/** How to analyse: the language the diagnostics are worded in (English unless given). */
export interface AnalyzeOptions {
  readonly locale?: Locale;
}

export interface AnalyzeOptions {
  /**
   * The 0-based line the text starts at in its file (a block of a Markdown note): messages, the
   * diagram's numbers and `lines` name the file's lines, while offsets stay the text's own.
   */
  readonly firstLine?: number;
  /**
   * How many diagnostics to report, the first in the text ({@link MAX_DIAGNOSTICS} unless
   * given; `Infinity` for all): past it one HS901 counts the rest, and only those reported are
   * worded and placed on their steps.
   */
  readonly maxDiagnostics?: number;
}

/**
 * The single entry point: text → tree → trace → diagnostics. Every editor feature, the preview
 * and the CLI read this instead of re-deriving rules. The engines' findings are worded here, in
 * `options.locale`; the trace keeps its words as data for the features to word. Never throws.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const locale = options.locale ?? 'en';
  const lines = new LineMap(text, options.firstLine);
  const parsed = parse(text);
  const simulation = simulate(parsed.document, lines);
  const tls = simulateTls(parsed.document, lines, simulation.trace);
  const findings = [
    ...parsed.diagnostics,
    ...simulation.diagnostics.filter(
      (d) => !(SAID_BY_CAPTURE.has(d.kind) && captured(parsed.document.statements, d)),
    ),
    ...tls.diagnostics,
    ...capturedTrafficDiagnostics(simulation.trace, lines),
  ].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const reported = limitFindings(findings, options.maxDiagnostics ?? MAX_DIAGNOSTICS);
  const diagnostics = reported.map((f) => wordDiagnostic(f, locale));
  const trace =
    tls.steps.length === 0
      ? simulation.trace
      : { ...simulation.trace, steps: mergeSteps(simulation.trace.steps, tls.steps) };
  const placed = stepDiagnostics(parsed.document, trace.steps, diagnostics, lines);
  return { document: parsed.document, trace, diagnostics, stepDiagnostics: placed, lines, locale };
}

/**
 * On a captured segment (it carries the importer's `# frame N t=SECONDS` annotation) Wireshark's analysis
 * (HS7xx) already says these, in Wireshark's words: the engine's own infos would repeat them.
 */
const SAID_BY_CAPTURE: ReadonlySet<string> = new Set([
  'Retransmission',
  'OutOfOrder',
  'SpuriousRetransmission',
  'KeepAlive',
]);

/** True when `d` is on a segment whose capture annotation has a time: Wireshark analysed it. */
function captured(statements: readonly Statement[], d: Finding): boolean {
  const segment = segmentAt(statements, d.span.start);
  return segment !== undefined && analysedByWireshark(segment);
}

/** The segment statement (inside a block too) whose span holds `offset`. */
function segmentAt(
  statements: readonly (Statement | SegmentStatement)[],
  offset: number,
): SegmentStatement | undefined {
  const statement = lastStartingAtOrBefore(statements, offset, (s) => s.start);
  if (!statement || statement.end < offset) return undefined;
  if (statement.kind === 'simultaneous') return segmentAt(statement.segments, offset);
  return statement.kind === 'segment' ? statement : undefined;
}

/** TCP and TLS steps in the order of their statements (both lists are already in order). */
function mergeSteps(tcp: readonly TraceStep[], tls: readonly TraceStep[]): TraceStep[] {
  const steps: TraceStep[] = [];
  let i = 0;
  let j = 0;
  while (i < tcp.length || j < tls.length) {
    const a = tcp[i];
    const b = tls[j];
    if (b === undefined || (a !== undefined && a.span.start <= b.span.start)) {
      steps.push(a as TraceStep);
      i++;
    } else {
      steps.push(b);
      j++;
    }
  }
  return steps;
}
