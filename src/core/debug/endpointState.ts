import type { TraceStep } from '../analysis/trace';
import type { TcpState } from '../protocol/tcpStates';
import type { SegmentStep } from '../tcp/trace';
import type { TcbView } from '../tcp/tcb';

/** One endpoint's TCP variables after a step: the engine's snapshot (TcbView), and more. */
export interface EndpointTcp extends TcbView {
  /**
   * The window its peer last advertised in a segment that reached it (`win=` as written), and
   * the one it last advertised itself; undefined while none was written. As written: the trace
   * keeps no scaled windows (RFC 7323 §2.2), and the debugger does not scale them again.
   */
  readonly sndWnd?: number;
  readonly rcvWnd?: number;
  /** The segments it sent that are still in the network (sent with `~>`, not yet delivered). */
  readonly inFlight: readonly SegmentStep[];
}

const CLOSED: EndpointTcp = Object.freeze({ state: 'CLOSED', inFlight: Object.freeze([]) });

/**
 * What `endpoint` looks like after step `index`: the latest snapshot the engine took of it, the
 * latest state change an action step recorded, the windows of the segments it sent and received,
 * and what it sent that has not arrived. Reads the trace only.
 *
 * "Latest" is by position in the text: a segment sent with `~>` is a step only where it
 * arrives, but its sender's snapshot was taken on the line that sent it, so that line's
 * position is when the sender was last seen (and a `~>` segment not delivered yet still
 * tells what its sender looked like when it sent it).
 */
export function endpointAfter(
  steps: readonly TraceStep[],
  delayed: readonly DelayedSegment[],
  index: number,
  endpoint: string,
): EndpointTcp {
  const now = steps[index]?.span.start ?? -1;
  let view: { time: number; view: TcbView } | undefined;
  let state: { time: number; state: TcpState } | undefined;
  const seen = (time: number, tcb: TcbView | undefined, changed: TcpState | undefined): void => {
    if (tcb && (!view || time > view.time)) view = { time, view: tcb };
    if (changed && (!state || time > state.time)) state = { time, state: changed };
  };
  let sndWnd: number | undefined;
  let rcvWnd: number | undefined;
  let settled = false; // a snapshot on the step's own line: nothing older can be later
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const step = steps[i] as TraceStep;
    if (step.kind === 'segment') {
      if (!settled && step.to === endpoint) {
        seen(step.span.start, step.receiver.after, step.receiver.after.state);
        settled = true;
      }
      if (!settled && step.from === endpoint) {
        const time = step.network ? step.statement.start : step.span.start;
        seen(time, step.sender.after, step.sender.after.state);
        settled = step.network === undefined;
      }
      const win = step.statement.winValue;
      if (win >= 0 && step.from === endpoint) rcvWnd ??= win;
      if (win >= 0 && step.to === endpoint && delivered(step)) sndWnd ??= win;
    } else if (!settled && step.kind !== 'expect' && step.kind !== 'tls') {
      seen(step.span.start, undefined, step.changes.find((c) => c.endpoint === endpoint)?.after);
    }
    if (settled && sndWnd !== undefined && rcvWnd !== undefined) break;
  }
  for (const { index: i, step } of delayed) {
    if (i > index && step.from === endpoint && step.statement.start <= now) {
      seen(step.statement.start, step.sender.after, step.sender.after.state);
    }
  }
  const base: Partial<TcbView> = view?.view ?? {};
  return {
    state: state?.state ?? 'CLOSED',
    iss: base.iss,
    sndUna: base.sndUna,
    sndNxt: base.sndNxt,
    irs: base.irs,
    rcvNxt: base.rcvNxt,
    sndWnd,
    rcvWnd,
    inFlight: inFlightAfter(steps, delayed, index, endpoint),
  };
}

/** True when the segment reached its receiver (it was not lost or left in the network). */
function delivered(step: SegmentStep): boolean {
  return !step.lost && step.outcome !== 'inFlight';
}

/** A segment sent with `~>`: its step (where it arrived, or its own line) and that step's index. */
export interface DelayedSegment {
  readonly index: number;
  readonly step: SegmentStep;
}

/** The `~>` segments of a trace, found once per trace (see inFlightAfter). */
export function delayedSegments(steps: readonly TraceStep[]): readonly DelayedSegment[] {
  const found: DelayedSegment[] = [];
  steps.forEach((step, index) => {
    if (step.kind !== 'segment') return;
    if (step.network === 'later' || (step.outcome === 'inFlight' && step.network === undefined)) {
      found.push({ index, step });
    }
  });
  return found;
}

/**
 * The segments `endpoint` sent with `~>` that have not arrived by step `index`. A `~>` segment
 * is a step only where it arrives (a `deliver` line: `network` is 'later') or, never delivered,
 * on its own line (outcome 'inFlight'); so it is in flight at a stop that comes after its line
 * and before its arrival.
 */
function inFlightAfter(
  steps: readonly TraceStep[],
  delayed: readonly DelayedSegment[],
  index: number,
  endpoint: string,
): readonly SegmentStep[] {
  const at = steps[index];
  if (at === undefined) return CLOSED.inFlight;
  const now = at.span.start;
  const found: SegmentStep[] = [];
  for (const { index: i, step } of delayed) {
    if (step.from !== endpoint) continue;
    const arrivesLater = step.network === 'later' && i > index && step.statement.start <= now;
    const neverArrives = step.network === undefined && i <= index;
    if (arrivesLater || neverArrives) found.push(step);
  }
  return found;
}
