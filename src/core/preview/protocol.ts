/**
 * The messages between the extension host and the preview webview, with validators used on
 * both sides: nothing that arrives over postMessage is trusted until it has passed them.
 */
import type { TableProblem, TableState, TraceTableRow } from '../render/traceTable';
import { TCP_STATES } from '../protocol/tcpStates';
import { MAX_TABLE_ENDPOINTS, type EndpointAfterStep, type StepState } from './stepTable';

export interface PreviewMessageInfo {
  /** 0-based source line. */
  readonly line: number;
  readonly faulty: boolean;
  readonly lost: boolean;
  /** A TLS message rather than a TCP segment. */
  readonly tls: boolean;
  /** Lines of its label, each drawn by Mermaid as a text element of its own. */
  readonly labelLines: number;
}

export type ZoomAction = 'in' | 'out' | 'fit' | 'reset';
export type ExportFormat = 'svg' | 'png';

export type HostMessage =
  | {
      readonly type: 'render';
      readonly version: number;
      readonly source: string;
      readonly messages: readonly PreviewMessageInfo[];
      /** The same steps as rows, for the table view. */
      readonly rows: readonly TraceTableRow[];
      /**
       * The timeline's table: each endpoint after each arrow in `messages` (one entry per
       * arrow). Absent from a host that sends none: the page then offers no timeline.
       */
      readonly steps?: readonly StepState[];
      /** Shown above the diagram: what part of a large scenario is drawn. */
      readonly notice: string;
      readonly problems: { readonly errors: number; readonly warnings: number };
      /** The previewed file and whether the preview is locked to it, kept in the webview's state
       * so that the panel can be restored after a reload. */
      readonly resource: string;
      readonly locked: boolean;
    }
  | {
      readonly type: 'highlight';
      readonly lines: readonly number[];
      /**
       * Set when the debugger stopped on `lines[0]`: the timeline goes to that step (turning
       * itself on), not only the arrow's mark.
       */
      readonly debugStop?: boolean;
    }
  | { readonly type: 'zoom'; readonly action: ZoomAction }
  | { readonly type: 'export'; readonly requestId: number; readonly format: ExportFormat };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | {
      readonly type: 'reveal';
      readonly line: number;
      /** Set by the timeline: move the cursor but leave the keyboard in the preview. */
      readonly preserveFocus?: boolean;
    }
  | {
      readonly type: 'rendered';
      readonly version: number;
      readonly ok: boolean;
      readonly error?: string;
      readonly arrows: number;
      readonly ms: number;
    }
  | {
      readonly type: 'exported';
      readonly requestId: number;
      readonly format: ExportFormat;
      /** SVG text, or a PNG as base64. */
      readonly data: string;
    }
  | { readonly type: 'exportFailed'; readonly requestId: number; readonly error: string };

/** Generous bounds: a diagram of thousands of segments stays well inside them. */
export const MAX_SOURCE_LENGTH = 20_000_000;
export const MAX_EXPORT_LENGTH = 64 * 1024 * 1024;
const MAX_ERROR_LENGTH = 10_000;
const MAX_LINE = 10_000_000;
const MAX_LABEL_LINES = 10;
/** More rows than any window of `maxSegments` a panel could show. */
const MAX_ROWS = 1_000_000;
const MAX_NAME_LENGTH = 1000;
/** The core cuts payloads and TLS fields far shorter; a written seq= is one token. */
const MAX_CELL_LENGTH = 2000;
const MAX_PROBLEMS_PER_ROW = 1000;
const MAX_SEGMENT_LENGTH = 2 ** 32;

type Record_ = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isFormat(value: unknown): value is ExportFormat {
  return value === 'svg' || value === 'png';
}

/** Validates a message from the webview; undefined for anything malformed. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      if (!isCount(value.line, MAX_LINE)) return undefined;
      if (value.preserveFocus !== undefined && typeof value.preserveFocus !== 'boolean') {
        return undefined;
      }
      return {
        type: 'reveal',
        line: value.line,
        ...(value.preserveFocus === true ? { preserveFocus: true } : {}),
      };
    case 'rendered': {
      const { version, ok, error, arrows, ms } = value;
      if (!isCount(version) || typeof ok !== 'boolean' || !isCount(arrows)) return undefined;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return undefined;
      if (error !== undefined && !isText(error, MAX_ERROR_LENGTH)) return undefined;
      return {
        type: 'rendered',
        version,
        ok,
        arrows,
        ms,
        ...(error !== undefined ? { error } : {}),
      };
    }
    case 'exported': {
      const { requestId, format, data } = value;
      if (!isCount(requestId) || !isFormat(format) || !isText(data, MAX_EXPORT_LENGTH)) {
        return undefined;
      }
      return { type: 'exported', requestId, format, data };
    }
    case 'exportFailed': {
      const { requestId, error } = value;
      if (!isCount(requestId) || !isText(error, MAX_ERROR_LENGTH)) return undefined;
      return { type: 'exportFailed', requestId, error };
    }
    default:
      return undefined;
  }
}

function isMessageInfo(value: unknown): value is PreviewMessageInfo {
  return (
    isRecord(value) &&
    isCount(value.line, MAX_LINE) &&
    typeof value.faulty === 'boolean' &&
    typeof value.lost === 'boolean' &&
    typeof value.tls === 'boolean' &&
    isCount(value.labelLines, MAX_LABEL_LINES) &&
    value.labelLines >= 1
  );
}

const STATES: ReadonlySet<unknown> = new Set(TCP_STATES);

function isTableState(value: unknown): value is TableState {
  return (
    isRecord(value) &&
    isText(value.endpoint, MAX_NAME_LENGTH) &&
    STATES.has(value.state) &&
    typeof value.changed === 'boolean'
  );
}

function isTableProblem(value: unknown): value is TableProblem {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    /^HS\d{3}$/.test(value.code) &&
    (value.severity === 'error' || value.severity === 'warning' || value.severity === 'info') &&
    isText(value.message, MAX_ERROR_LENGTH)
  );
}

function isListOf<T>(value: unknown, max: number, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.length <= max && value.every(item);
}

/** A row of the table view: every field present, of its type and within its bounds. */
export function isTableRow(value: unknown): value is TraceTableRow {
  if (!isRecord(value)) return false;
  const { line, kind, from, to, message, detail, seq, ack, len, states, faulty, lost } = value;
  return (
    isCount(line, MAX_LINE) &&
    (kind === 'segment' || kind === 'tls') &&
    isText(from, MAX_NAME_LENGTH) &&
    isText(to, MAX_NAME_LENGTH) &&
    isText(message, MAX_CELL_LENGTH) &&
    isText(detail, MAX_CELL_LENGTH) &&
    isText(seq, MAX_CELL_LENGTH) &&
    isText(ack, MAX_CELL_LENGTH) &&
    (len === undefined || isCount(len, MAX_SEGMENT_LENGTH)) &&
    isListOf(states, 2, isTableState) &&
    typeof faulty === 'boolean' &&
    typeof lost === 'boolean' &&
    isListOf(value.problems, MAX_PROBLEMS_PER_ROW, isTableProblem)
  );
}

/** How many secrets or certificates one endpoint's cell lists at most. */
const MAX_KNOWN = 200;

function isEndpointAfterStep(value: unknown): value is EndpointAfterStep {
  if (!isRecord(value)) return false;
  const { endpoint, state, sndUna, sndNxt, sndWnd, rcvNxt, rcvWnd, inFlight, knows, verified } =
    value;
  const text = (v: unknown) => isText(v, MAX_CELL_LENGTH);
  return (
    isText(endpoint, MAX_NAME_LENGTH) &&
    STATES.has(state) &&
    [sndUna, sndNxt, sndWnd, rcvNxt, rcvWnd].every(text) &&
    isCount(inFlight, MAX_ROWS) &&
    isListOf(knows, MAX_KNOWN, (v): v is string => text(v)) &&
    isListOf(verified, MAX_KNOWN, (v): v is string => text(v))
  );
}

/** A timeline entry: an arrow's line and at most MAX_TABLE_ENDPOINTS endpoints. */
export function isStepState(value: unknown): value is StepState {
  return (
    isRecord(value) &&
    isCount(value.line, MAX_LINE) &&
    isListOf(value.endpoints, MAX_TABLE_ENDPOINTS, isEndpointAfterStep)
  );
}

/** Validates a message from the host, in the webview. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'render': {
      const { version, source, messages, rows, notice, problems, resource, locked } = value;
      if (!isCount(version) || !isText(source, MAX_SOURCE_LENGTH) || !isText(notice, 1000)) {
        return undefined;
      }
      if (!isText(resource, 10_000) || typeof locked !== 'boolean') return undefined;
      if (!Array.isArray(messages) || !messages.every(isMessageInfo)) return undefined;
      if (!isListOf(rows, MAX_ROWS, isTableRow)) return undefined;
      const { steps } = value;
      // One entry per arrow, or none at all.
      if (
        steps !== undefined &&
        (!isListOf(steps, MAX_ROWS, isStepState) || steps.length !== messages.length)
      ) {
        return undefined;
      }
      if (!isRecord(problems) || !isCount(problems.errors) || !isCount(problems.warnings)) {
        return undefined;
      }
      return {
        type: 'render',
        version,
        source,
        messages,
        rows,
        ...(steps !== undefined ? { steps } : {}),
        notice,
        problems: { errors: problems.errors, warnings: problems.warnings },
        resource,
        locked,
      };
    }
    case 'highlight': {
      const { lines } = value;
      if (
        !Array.isArray(lines) ||
        lines.length > 1000 ||
        !lines.every((l) => isCount(l, MAX_LINE))
      ) {
        return undefined;
      }
      return value.debugStop === true
        ? { type: 'highlight', lines, debugStop: true }
        : { type: 'highlight', lines };
    }
    case 'zoom':
      return value.action === 'in' ||
        value.action === 'out' ||
        value.action === 'fit' ||
        value.action === 'reset'
        ? { type: 'zoom', action: value.action }
        : undefined;
    case 'export':
      return isCount(value.requestId) && isFormat(value.format)
        ? { type: 'export', requestId: value.requestId, format: value.format }
        : undefined;
    default:
      return undefined;
  }
}

/** What the webview keeps with `setState`, and the serializer reads back after a reload. */
export interface PreviewState {
  readonly resource: string;
  readonly locked: boolean;
  readonly zoom?: unknown;
}

export function parsePreviewState(value: unknown): PreviewState | undefined {
  if (!isRecord(value) || !isText(value.resource, 10_000) || value.resource === '')
    return undefined;
  return {
    resource: value.resource,
    locked: value.locked === true,
    ...(value.zoom !== undefined ? { zoom: value.zoom } : {}),
  };
}
