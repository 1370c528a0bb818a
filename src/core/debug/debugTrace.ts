import type { Analysis } from '../analysis/analyze';
import type { TraceStep } from '../analysis/trace';
import { NO_DIAGNOSTICS } from '../analysis/stepDiagnostics';
import type { Diagnostic } from '../check/diagnostic';
import { seqValue, type SeqValue, type SymbolValues } from '../tcp/seqValue';
import type { ConditionNode, ConditionResult } from './condition';
import { evaluateCondition, type ConditionValue, type NameLookup } from './conditionValue';
import { EndpointTimeline, type EndpointAfter } from '../analysis/endpointTimeline';
import { secretKinds, tlsKnowledgeOf, type SecretKinds, type TlsKnowledge } from './tlsKnowledge';

/** One endpoint's TCP variables after a step, as the endpoints' timeline has them. */
export type EndpointTcp = EndpointAfter;

/** One place the debugger can stop: a step of the trace, on its source line. */
export interface DebugStop {
  /** Its index in `analysis.trace.steps`. */
  readonly index: number;
  readonly step: TraceStep;
  /** The 0-based line of the file the step happened on (a `deliver` line for a delayed segment). */
  readonly line: number;
  /** The statement as written, on one line: what the Call Stack shows. */
  readonly label: string;
  /** The diagnostics on the step's statement (Analysis.stepDiagnostics). */
  readonly diagnostics: readonly Diagnostic[];
  /** True when one of them is an error: where the "errors" exception breakpoint stops. */
  readonly hasError: boolean;
}

/**
 * A scenario as the debugger walks it: one stop per step of the engine's trace, and at each
 * stop every endpoint's variables after that step. Reads the trace only; nothing here
 * recomputes TCP or TLS. Variables are found when a stop is shown or a condition asks for
 * them, so a long capture costs nothing until it is stepped through.
 */
export class DebugTrace {
  readonly stops: readonly DebugStop[];
  /** The endpoints in the order they were declared (or first used). */
  readonly endpoints: readonly string[];
  /** Shared with the preview's timeline table: the one place endpoints are followed. */
  private readonly timeline: EndpointTimeline;
  private readonly kinds: SecretKinds;
  private readonly symbols: SymbolValues;

  constructor(text: string, analysis: Analysis) {
    this.timeline = new EndpointTimeline(analysis.trace);
    this.kinds = secretKinds(analysis.trace.steps);
    this.endpoints = this.timeline.endpoints;
    this.symbols = new Map(analysis.trace.symbols.map((s) => [s.name, s.value]));
    this.stops = analysis.trace.steps.map((step, index) => {
      const diagnostics = analysis.stepDiagnostics.byStep.get(step) ?? NO_DIAGNOSTICS;
      return {
        index,
        step,
        line: analysis.lines.lineOf(step.span),
        label: text.slice(step.span.start, step.span.end).replace(/\s+/g, ' ').trim(),
        diagnostics,
        hasError: diagnostics.some((d) => d.severity === 'error'),
      };
    });
  }

  /** `endpoint`'s TCP variables after stop `index`. */
  tcp(index: number, endpoint: string): EndpointTcp {
    return (
      this.timeline.after(index).find((e) => e.endpoint === endpoint) ?? {
        endpoint,
        state: 'CLOSED',
        inFlight: [],
        verified: [],
      }
    );
  }

  /** What `endpoint` knows of TLS after stop `index`; undefined before its first TLS message. */
  tls(index: number, endpoint: string): TlsKnowledge | undefined {
    return tlsKnowledgeOf(this.tcp(index, endpoint), this.kinds);
  }

  /** The lines that hold a stop: where a breakpoint is verified. */
  lines(): ReadonlySet<number> {
    return new Set(this.stops.map((s) => s.line));
  }

  /** Evaluates a breakpoint condition at stop `index`. Never throws. */
  evaluate(index: number, condition: ConditionNode): ConditionResult<boolean> {
    return evaluateCondition(condition, this.lookup(index), this.symbols);
  }

  /**
   * The names a condition can use at stop `index`: `ENDPOINT.state`, `ENDPOINT.ISS`,
   * `ENDPOINT.SND.UNA`, `.SND.NXT`, `.SND.WND`, `.IRS`, `.RCV.NXT`, `.RCV.WND`, `.inFlight`
   * (a count); and the current step's `seq`, `ack`, `len`, `expected` (= `expected.seq`),
   * `expected.ack`, `from`, `to`, `message` (a TLS message). `seq` and `ack` are as written on
   * the line, so `seq != expected` holds on a segment with a wrong seq.
   */
  lookup(index: number): NameLookup {
    const stop = this.stops[index];
    const cache = new Map<string, EndpointTcp>();
    return (path) => {
      if (!stop) return undefined;
      const [head, ...rest] = path;
      if (head !== undefined && rest.length > 0 && this.endpoints.includes(head)) {
        let tcp = cache.get(head);
        if (!tcp) cache.set(head, (tcp = this.tcp(index, head)));
        return endpointField(tcp, rest.join('.'));
      }
      // A bare endpoint name is a name, for `from == client`.
      if (head !== undefined && rest.length === 0 && this.endpoints.includes(head)) {
        return { kind: 'word', text: head };
      }
      return stepField(stop.step, path.join('.'));
    };
  }
}

const NONE: ConditionValue = { kind: 'none' };

function num(value: SeqValue | undefined): ConditionValue {
  return value === undefined ? NONE : { kind: 'number', value };
}

function count(value: number | undefined): ConditionValue {
  return value === undefined ? NONE : { kind: 'number', value: seqValue(value) };
}

/** A TCB variable by its RFC 9293 §3.3.1 name, in any case, with `.` or `_` (`SND.NXT`, `snd_nxt`). */
function endpointField(tcp: EndpointTcp, name: string): ConditionValue | undefined {
  switch (name.toUpperCase().replace(/_/g, '.')) {
    case 'STATE':
      return { kind: 'word', text: tcp.state };
    case 'ISS':
      return num(tcp.iss);
    case 'SND.UNA':
      return num(tcp.sndUna);
    case 'SND.NXT':
      return num(tcp.sndNxt);
    case 'SND.WND':
      return count(tcp.sndWnd);
    case 'IRS':
      return num(tcp.irs);
    case 'RCV.NXT':
      return num(tcp.rcvNxt);
    case 'RCV.WND':
      return count(tcp.rcvWnd);
    case 'INFLIGHT':
      return count(tcp.inFlight.length);
    default:
      return undefined;
  }
}

/** A field of the current step; `none` when the step has no such field (`seq` on a `listen`). */
function stepField(step: TraceStep, name: string): ConditionValue | undefined {
  const segment = step.kind === 'segment' ? step : undefined;
  switch (name) {
    case 'seq':
      return segment ? written(segment.statement.seqSymbol, segment.statement.seqOffset) : NONE;
    case 'ack':
      return segment ? written(segment.statement.ackSymbol, segment.statement.ackOffset) : NONE;
    case 'expected':
    case 'expected.seq':
      return num(segment?.expected.seq);
    case 'expected.ack':
      return num(segment?.expected.ack);
    case 'len':
      return segment ? count(segment.len) : NONE;
    case 'from':
    case 'to':
      return step.kind === 'segment' || step.kind === 'tls'
        ? { kind: 'word', text: step[name] }
        : NONE;
    case 'message':
      return step.kind === 'tls' ? { kind: 'word', text: step.message } : NONE;
    default:
      return undefined;
  }
}

/** A value as written on the line (NaN offset: not written). */
function written(symbol: string | undefined, offset: number): ConditionValue {
  return Number.isNaN(offset) ? NONE : { kind: 'number', value: seqValue(offset, symbol) };
}
