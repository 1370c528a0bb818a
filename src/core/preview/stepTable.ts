import { EndpointTimeline, type EndpointAfter } from '../analysis/endpointTimeline';
import type { Trace, TraceStep } from '../analysis/trace';
import type { TcpState } from '../protocol/tcpStates';
import { formatValue, type SeqValue } from '../tcp/seqValue';

/**
 * The preview's timeline table: what each endpoint holds after each drawn arrow, as text for
 * the webview. The values are the endpoints' timeline's (analysis/endpointTimeline.ts), read
 * from the engine's trace; nothing here decides or carries anything.
 */

/** One endpoint after a step, as the table shows it; '' for a value not known yet. */
export interface EndpointAfterStep {
  readonly endpoint: string;
  readonly state: TcpState;
  readonly sndUna: string;
  readonly sndNxt: string;
  /** SND.WND in bytes: the window the peer last advertised in a segment it accepted. */
  readonly sndWnd: string;
  readonly rcvNxt: string;
  /** RCV.WND in bytes: the window this side last advertised (see TcbView). */
  readonly rcvWnd: string;
  /** How many segments this side sent are not yet acknowledged (EndpointAfter.inFlight). */
  readonly inFlight: number;
  /** The TLS secrets it knows (randoms, premaster, master secret, keys), sorted. */
  readonly knows: readonly string[];
  /** The certificates it has checked and accepted. */
  readonly verified: readonly string[];
}

/** The endpoints after the step one drawn arrow stands for. */
export interface StepState {
  /** The arrow's 0-based source line. */
  readonly line: number;
  readonly endpoints: readonly EndpointAfterStep[];
}

/** More endpoints than any scenario a table in a side panel can show. */
export const MAX_TABLE_ENDPOINTS = 8;

/** The part of an analysis the table reads. */
export interface StepTableInput {
  readonly trace: Trace;
  readonly lines: { lineOf(span: { readonly start: number }): number };
}

/**
 * The table after each arrow drawn on `arrowLines` (the diagram's messages, in drawing order):
 * one entry per arrow, read from the endpoints' timeline (analysis/endpointTimeline.ts), the
 * same one the debugger's Variables view reads. Only the drawn arrows' entries are made: a
 * window of a long scenario still starts from the right values. Never throws.
 */
export function stepTable(analysis: StepTableInput, arrowLines: readonly number[]): StepState[] {
  const { trace } = analysis;
  const timeline = new EndpointTimeline(trace);
  const table: StepState[] = [];
  let next = 0;
  for (let index = 0; index < trace.steps.length && next < arrowLines.length; index++) {
    const step = trace.steps[index] as TraceStep;
    // Arrows are drawn in step order, one per segment or TLS message: matching lines in order
    // pairs each arrow with its step, and skips the steps the window leaves out.
    const line = analysis.lines.lineOf(step.span);
    if (drawsArrow(step) && arrowLines[next] === line) {
      table.push({ line, endpoints: rows(timeline.after(index)) });
      next++;
    }
  }
  // Arrows the walk did not reach (a diagram older than the trace) show the last values.
  if (table.length < arrowLines.length) {
    const last = rows(timeline.after(trace.steps.length - 1));
    while (table.length < arrowLines.length) {
      table.push({ line: arrowLines[table.length] as number, endpoints: last });
    }
  }
  return table;
}

function drawsArrow(step: TraceStep): boolean {
  return step.kind === 'segment' || step.kind === 'tls';
}

function rows(endpoints: readonly EndpointAfter[]): EndpointAfterStep[] {
  return endpoints.slice(0, MAX_TABLE_ENDPOINTS).map(tableRow);
}

/** One endpoint as the timeline's table shows it: numbers as written, windows in bytes. */
export function tableRow(e: EndpointAfter): EndpointAfterStep {
  return {
    endpoint: e.endpoint,
    state: e.state,
    sndUna: shown(e.sndUna),
    sndNxt: shown(e.sndNxt),
    sndWnd: e.sndWnd === undefined ? '' : String(e.sndWnd),
    rcvNxt: shown(e.rcvNxt),
    rcvWnd: e.rcvWnd === undefined ? '' : String(e.rcvWnd),
    inFlight: e.inFlight.length,
    knows: e.knows ?? [],
    verified: e.verified.map((c) => c.cert),
  };
}

/** As the scenario writes it (`x+1`), the way the diagram's labels show it by default. */
function shown(value: SeqValue | undefined): string {
  return value === undefined ? '' : formatValue(value);
}
