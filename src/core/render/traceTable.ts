import type { Analysis } from '../analysis/analyze';
import type { Diagnostic } from '../check/diagnostic';
import type { Severity } from '../check/codes';
import type { TcpState } from '../protocol/tcpStates';
import type { TraceStep } from '../analysis/trace';
import type { SegmentStep } from '../tcp/trace';
import { TcpTimeline } from '../tls/tcpTimeline';
import type { TlsStep } from '../tls/tlsTrace';
import { truncate } from './escapeMermaid';
import type { NumberStyle } from './numberStyle';
import {
  numberText,
  quotedPayload,
  segmentFlags,
  segmentNumbers,
  segmentRemark,
} from './segmentText';
import { segmentWindow, type SegmentWindow } from './segmentWindow';

/** An endpoint's TCP state after a row's step. */
export interface TableState {
  readonly endpoint: string;
  readonly state: TcpState;
  /** The step moved the endpoint to this state. */
  readonly changed: boolean;
}

/** A diagnostic that belongs to a row's step (see analysis/stepDiagnostics.ts). */
export interface TableProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

/**
 * One row of the preview's table: a TCP segment or a TLS message, as the engine saw it. Text is
 * plain (the webview sets it as text); numbers are shown in the chosen style like the diagram.
 */
export interface TraceTableRow {
  /** 0-based source line, as the diagram's messages and `reveal` count it. */
  readonly line: number;
  readonly kind: 'segment' | 'tls';
  readonly from: string;
  readonly to: string;
  /** The flags (`SYN ACK`) or the TLS message (`ClientHello`, `forward Certificate`). */
  readonly message: string;
  /** The rest of the label: TLS fields, the window, the payload, lost or resent; may be ''. */
  readonly detail: string;
  /** '' when the step has none (a TLS message, a segment without an ack). */
  readonly seq: string;
  readonly ack: string;
  /** Bytes of data; absent for a TLS message. */
  readonly len?: number;
  /** The sender's state, then the receiver's; none for TLS without a TCP connection under it. */
  readonly states: readonly TableState[];
  readonly faulty: boolean;
  readonly lost: boolean;
  readonly problems: readonly TableProblem[];
}

export interface TraceTableOptions {
  readonly numbers: NumberStyle;
  /** Payload text in the detail column. */
  readonly showPayload: boolean;
  /** At most this many segments, in the same window around `focusOffset` as the diagram. */
  readonly maxSegments: number;
  readonly focusOffset?: number;
}

export const DEFAULT_TABLE_OPTIONS: TraceTableOptions = {
  numbers: 'asWritten',
  showPayload: true,
  maxSegments: Number.POSITIVE_INFINITY,
};

export interface TraceTable {
  readonly rows: readonly TraceTableRow[];
  readonly window: SegmentWindow;
}

/** TLS fields such as a long list of suites would make one row fill a narrow panel. */
const DETAIL_MAX = 160;

/**
 * The rows of the preview's table view, one per segment or TLS message, read from the engine's
 * trace: the values it used, each side's state after the step and the problems that belong to it.
 * Nothing is judged here; a row is faulty when the engine said so.
 */
export function traceTable(
  analysis: Analysis,
  options: Partial<TraceTableOptions> = {},
): TraceTable {
  const settings = { ...DEFAULT_TABLE_OPTIONS, ...options };
  const { trace, document } = analysis;
  const { steps, window } = segmentWindow(trace.steps, settings.maxSegments, settings.focusOffset);
  const symbols = new Map(trace.symbols.map((s) => [s.name, s.value]));
  // TLS does not change TCP states: a TLS row shows the states the TCP steps before it left.
  const timeline = new TcpTimeline(trace.steps, document.statements);
  const rows: TraceTableRow[] = [];
  for (const step of steps) {
    const row = rowOf(step);
    if (row) rows.push(row);
  }
  return { rows, window };

  /** The diagnostics that belong to the step, where it happened (a `deliver`'s, for one it brought in). */
  function problemsOf(step: TraceStep): readonly TableProblem[] {
    return analysis.stepDiagnostics.byStep.get(step)?.map(problemOf) ?? NO_PROBLEMS;
  }

  function rowOf(step: TraceStep): TraceTableRow | undefined {
    switch (step.kind) {
      case 'segment':
        return segmentRow(step);
      case 'tls':
        return tlsRow(step);
      case 'listen':
      case 'close':
      case 'wait':
      case 'expect':
        return undefined;
    }
  }

  function segmentRow(step: SegmentStep): TraceTableRow {
    const line = analysis.lines.lineOf(step.span);
    const { seq, ack } = segmentNumbers(step, analysis, settings.numbers, symbols);
    const detail: string[] = [];
    if (step.statement.win) detail.push(`win=${step.statement.win.value.text}`);
    if (settings.showPayload && step.payload !== undefined) {
      detail.push(quotedPayload(step.payload));
    }
    const remark = segmentRemark(step, analysis.lines.lineOf(step.statement) + 1, analysis.locale);
    if (remark) detail.push(remark);
    return {
      line,
      kind: 'segment',
      from: step.from,
      to: step.to,
      message: segmentFlags(step, analysis.locale),
      detail: detail.join(' '),
      seq: numberText(seq),
      ack: numberText(ack),
      len: step.len,
      states: [
        stateAfter(step.from, step.sender.before.state, step.sender.after.state),
        stateAfter(step.to, step.receiver.before.state, step.receiver.after.state),
      ],
      faulty: step.faulty,
      lost: step.lost,
      problems: problemsOf(step),
    };
  }

  function tlsRow(step: TlsStep): TraceTableRow {
    const line = analysis.lines.lineOf(step.span);
    const detail = [...step.details];
    const payload = step.statement.payload?.value;
    if (settings.showPayload && payload !== undefined) detail.push(quotedPayload(payload));
    const states = timeline.hasConnection(step.from, step.to)
      ? [step.from, step.to].map((endpoint, i) => {
          const peer = i === 0 ? step.to : step.from;
          const state = timeline.stateAt(endpoint, step.span.start, peer);
          return stateAfter(endpoint, state, state);
        })
      : [];
    return {
      line,
      kind: 'tls',
      from: step.from,
      to: step.to,
      // `forward` is the scenario's own word for a relayed message, as in the diagram.
      message: step.forwarded ? `forward ${step.message}` : step.message,
      detail: truncate(detail.join(' '), DETAIL_MAX),
      seq: '',
      ack: '',
      states,
      faulty: step.faulty,
      lost: false,
      problems: problemsOf(step),
    };
  }
}

function stateAfter(endpoint: string, before: TcpState, after: TcpState): TableState {
  return { endpoint, state: after, changed: after !== before };
}

const NO_PROBLEMS: readonly TableProblem[] = Object.freeze([]);

function problemOf(d: Diagnostic): TableProblem {
  return { code: d.code, severity: d.severity, message: d.message };
}
