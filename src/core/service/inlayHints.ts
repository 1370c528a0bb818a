import { DOCS } from './docs';
import type { Analysis } from '../check/analyze';
import type { Span } from '../syntax/span';
import { resolve } from '../tcp/seqValue';
import type { SegmentStep } from '../tcp/trace';

export interface InlayHint {
  /** Where the hint is shown: after a value, or at the end of a segment line. */
  readonly offset: number;
  readonly label: string;
  readonly kind: 'value' | 'state';
  readonly tooltip: string;
}

/**
 * Hints from the trace: the number behind a symbolic value (`x+1` → `= 3626544837`) when a `let`
 * gives the symbol a number, and the states the endpoints enter after each segment.
 */
export function inlayHints(analysis: Analysis, range?: Span): InlayHint[] {
  const symbols = new Map(analysis.trace.symbols.map((s) => [s.name, s.value]));
  const hints: InlayHint[] = [];
  for (const step of analysis.trace.steps) {
    if (step.kind !== 'segment') continue;
    if (range && (step.span.end < range.start || step.span.start > range.end)) continue;
    for (const role of ['seq', 'ack'] as const) {
      const node = step.statement[role]?.value;
      const used = step[role];
      if (!node?.symbol || !used || step.corrected[role]) continue;
      const value = resolve(used, symbols);
      if (value.symbol !== undefined) continue;
      hints.push({
        offset: node.end,
        label: `= ${value.offset}`,
        kind: 'value',
        tooltip: DOCS.features.asNumber({ role }),
      });
    }
    const states = stateChanges(step);
    if (states) {
      hints.push({
        // At the end of the segment, before any trailing comment.
        offset: step.span.end,
        label: `→ ${states}`,
        kind: 'state',
        tooltip: DOCS.features.statesTooltip,
      });
    }
  }
  return hints;
}

function stateChanges(step: SegmentStep): string {
  const changes: string[] = [];
  if (step.sender.after.state !== step.sender.before.state) {
    changes.push(`${step.from} ${step.sender.after.state}`);
  }
  if (step.receiver.after.state !== step.receiver.before.state) {
    changes.push(`${step.to} ${step.receiver.after.state}`);
  }
  return changes.join(', ');
}
