import type { TraceStep } from '../analysis/trace';

/** The segments shown (0-based, inclusive) out of all of them. */
export interface SegmentWindow {
  readonly first: number;
  readonly last: number;
  readonly total: number;
}

/**
 * The steps to show of a large scenario: all of them when there are at most `maxSegments`
 * segments, else the steps from a window of `maxSegments` segments around the first one that
 * ends at or after `focusOffset` (the cursor). The diagram and the table show the same window.
 */
export function segmentWindow(
  all: readonly TraceStep[],
  maxSegments: number,
  focusOffset: number | undefined,
): { readonly steps: readonly TraceStep[]; readonly window: SegmentWindow } {
  const segments: number[] = [];
  all.forEach((step, index) => {
    if (step.kind === 'segment') segments.push(index);
  });
  const total = segments.length;
  const max = Math.max(1, Math.floor(maxSegments));
  if (total <= max) return { steps: all, window: { first: 0, last: total - 1, total } };
  const focus = focusOffset ?? 0;
  let focused = segments.findIndex((index) => (all[index]?.span.end ?? 0) >= focus);
  if (focused < 0) focused = total - 1;
  const first = Math.max(0, Math.min(focused - Math.floor(max / 2), total - max));
  const last = first + max - 1;
  const startStep = first === 0 ? 0 : (segments[first] as number);
  const endStep = last === total - 1 ? all.length : (segments[last + 1] as number);
  return { steps: all.slice(startStep, endStep), window: { first, last, total } };
}
