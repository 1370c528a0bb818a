import type { Trace, TraceStep } from '../analysis/trace';
import type { TcpState } from '../protocol/tcpStates';
import type { SegmentStep } from '../tcp/trace';
import type { TcbView } from '../tcp/tcb';
import {
  atOrBefore,
  formatValue,
  plus,
  sameValue,
  type SeqValue,
  type SymbolValues,
} from '../tcp/seqValue';

/**
 * The preview's timeline table: what each endpoint holds after each drawn arrow, read from the
 * engine's trace (the TCBs it recorded before and after every segment, the TLS knowledge of
 * every message). Nothing here decides what is valid: it only carries the engine's values
 * forward between the steps that change them.
 */

/** One endpoint after a step, as the table shows it; '' for a value not known yet. */
export interface EndpointAfterStep {
  readonly endpoint: string;
  readonly state: TcpState;
  readonly sndUna: string;
  readonly sndNxt: string;
  /** The window the peer last advertised in a segment that arrived (RFC 9293 §3.3.1). */
  readonly sndWnd: string;
  readonly rcvNxt: string;
  /** The window this side last advertised, scaled when both SYNs carried wscale (RFC 7323 §2.2). */
  readonly rcvWnd: string;
  /** Segments this side sent that occupy sequence space and are not yet acknowledged. */
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

/** What the walk keeps per endpoint between the steps that change it. */
interface Running {
  state: TcpState;
  tcb: TcbView | undefined;
  /** The wscale its SYN carried; -1 for none (or no SYN seen). */
  synWscale: number;
  sndWnd: number | undefined;
  rcvWnd: number | undefined;
  /** Where each unacknowledged segment it sent ends. */
  unacked: SeqValue[];
  knows: readonly string[];
  verified: string[];
}

/** The part of an analysis the table reads. */
export interface StepTableInput {
  readonly trace: Trace;
  readonly lines: { lineOf(span: { readonly start: number }): number };
}

/**
 * The table after each arrow drawn on `arrowLines` (the diagram's messages, in drawing order):
 * one entry per arrow. The whole trace is walked, so that a window of a long scenario starts
 * from the right values, but only the drawn arrows' entries are made. Never throws.
 */
export function stepTable(analysis: StepTableInput, arrowLines: readonly number[]): StepState[] {
  const { trace } = analysis;
  const symbols: SymbolValues = new Map(trace.symbols.map((s) => [s.name, s.value]));
  const running = new Map<string, Running>();
  for (const endpoint of trace.endpoints.slice(0, MAX_TABLE_ENDPOINTS)) {
    running.set(endpoint.name, fresh());
  }
  const table: StepState[] = [];
  let next = 0;
  for (const step of trace.steps) {
    if (next >= arrowLines.length) break;
    apply(step, running, symbols);
    // Arrows are drawn in step order, one per segment or TLS message: matching lines in order
    // pairs each arrow with its step, and skips the steps the window leaves out.
    const line = analysis.lines.lineOf(step.span);
    if (drawsArrow(step) && arrowLines[next] === line) {
      table.push({ line, endpoints: snapshot(running) });
      next++;
    }
  }
  // Arrows the walk did not reach (a diagram older than the trace) show the last values.
  while (table.length < arrowLines.length) {
    table.push({ line: arrowLines[table.length] as number, endpoints: snapshot(running) });
  }
  return table;
}

function drawsArrow(step: TraceStep): boolean {
  return step.kind === 'segment' || step.kind === 'tls';
}

function fresh(): Running {
  return {
    state: 'CLOSED',
    tcb: undefined,
    synWscale: -1,
    sndWnd: undefined,
    rcvWnd: undefined,
    unacked: [],
    knows: [],
    verified: [],
  };
}

function apply(step: TraceStep, running: Map<string, Running>, symbols: SymbolValues): void {
  switch (step.kind) {
    case 'segment':
      applySegment(step, running, symbols);
      return;
    case 'listen':
    case 'close':
    case 'wait':
      for (const change of step.changes) {
        const endpoint = running.get(change.endpoint);
        if (endpoint) endpoint.state = change.after;
      }
      return;
    case 'tls':
      for (const { endpoint, secrets } of step.knowledge) {
        const known = running.get(endpoint);
        if (known) known.knows = secrets;
      }
      if (step.certificateCheck) {
        const checker = running.get(step.certificateCheck.endpoint);
        const cert = step.certificateCheck.cert;
        if (checker && !checker.verified.includes(cert)) checker.verified.push(cert);
      }
      return;
    case 'expect':
      return;
  }
}

function applySegment(
  step: SegmentStep,
  running: Map<string, Running>,
  symbols: SymbolValues,
): void {
  const sender = running.get(step.from);
  const receiver = running.get(step.to);
  const syn = step.flags.includes('SYN');
  if (sender) {
    sender.tcb = step.sender.after;
    sender.state = step.sender.after.state;
    if (syn) sender.synWscale = step.statement.wscaleValue;
    const win = step.statement.winValue;
    if (win >= 0) {
      // RFC 7323 §2.2: the window of a SYN is never scaled; later ones are shifted by the
      // sender's own wscale once both sides have offered the option.
      const shift =
        !syn && sender.synWscale >= 0 && (receiver?.synWscale ?? -1) >= 0 ? sender.synWscale : 0;
      sender.rcvWnd = win * 2 ** shift;
    }
    remember(sender, step, symbols);
  }
  if (receiver) {
    receiver.tcb = step.receiver.after;
    receiver.state = step.receiver.after.state;
    const arrived = step.outcome === 'delivered' || step.outcome === 'queued';
    if (arrived && sender?.rcvWnd !== undefined && step.statement.winValue >= 0) {
      receiver.sndWnd = sender.rcvWnd;
    }
  }
  for (const endpoint of [sender, receiver]) if (endpoint) acknowledge(endpoint, symbols);
}

/** Adds a segment that occupies sequence space to its sender's unacknowledged ones (§3.4). */
function remember(sender: Running, step: SegmentStep, symbols: SymbolValues): void {
  if (step.seq === undefined) return;
  const occupies =
    step.len + (step.flags.includes('SYN') ? 1 : 0) + (step.flags.includes('FIN') ? 1 : 0);
  if (occupies === 0) return;
  const end = plus(step.seq, occupies);
  // A retransmission is the same segment in flight, not one more.
  if (!sender.unacked.some((e) => sameValue(e, end, symbols))) sender.unacked.push(end);
}

/** Drops the segments SND.UNA has passed: everything before it is acknowledged (§3.4). */
function acknowledge(endpoint: Running, symbols: SymbolValues): void {
  const una = endpoint.tcb?.sndUna;
  if (una === undefined) return;
  endpoint.unacked = endpoint.unacked.filter((end) => !atOrBefore(end, una, symbols));
}

function snapshot(running: ReadonlyMap<string, Running>): EndpointAfterStep[] {
  return [...running].map(([endpoint, r]) => ({
    endpoint,
    state: r.state,
    sndUna: shown(r.tcb?.sndUna),
    sndNxt: shown(r.tcb?.sndNxt),
    sndWnd: r.sndWnd === undefined ? '' : String(r.sndWnd),
    rcvNxt: shown(r.tcb?.rcvNxt),
    rcvWnd: r.rcvWnd === undefined ? '' : String(r.rcvWnd),
    inFlight: r.unacked.length,
    knows: r.knows,
    verified: [...r.verified],
  }));
}

/** As the scenario writes it (`x+1`), the way the diagram's labels show it by default. */
function shown(value: SeqValue | undefined): string {
  return value === undefined ? '' : formatValue(value);
}
