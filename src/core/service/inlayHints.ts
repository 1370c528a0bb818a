import type { Locale } from '../text/locale';
import { docsIn } from './docs';
import type { Analysis } from '../analysis/analyze';
import type { Span } from '../text/span';
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
  const docs = docsIn(analysis.locale);
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
        tooltip: docs.features.asNumber({ role }),
      });
    }
    const hint = step.faulty ? faultyHint(step, analysis.locale) : stateHint(step, analysis.locale);
    // At the end of the segment, before any trailing comment.
    if (hint) hints.push({ offset: step.span.end, kind: 'state', ...hint });
  }
  return hints;
}

type HintText = Pick<InlayHint, 'label' | 'tooltip'>;

function stateHint(step: SegmentStep, locale: Locale): HintText | undefined {
  const docs = docsIn(locale);
  const states = stateChanges(step);
  return states ? { label: `→ ${states}`, tooltip: docs.features.statesTooltip } : undefined;
}

/**
 * What the engine did with a segment it reported an error on, by the trace: the reading it
 * chose and the outcome, never the state the writer meant to reach.
 */
function faultyHint(step: SegmentStep, locale: Locale): HintText {
  const docs = docsIn(locale);
  const text = docs.features;
  const outcome = docs.outcomes[step.outcome]({ to: step.to });
  switch (step.outcome) {
    case 'ignored':
    case 'duplicate':
      return { label: text.faultyDropped({ to: step.to }), tooltip: outcome };
    case 'challenged':
      return { label: text.faultyChallenged({ to: step.to }), tooltip: outcome };
    case 'invalid':
    case 'inFlight':
      return { label: text.faultyNotPlayed, tooltip: outcome };
    case 'delivered':
    case 'queued':
    case 'lost':
    case 'refused':
    case 'reset': {
      const states = stateChanges(step);
      if (step.reading === 'asSent') {
        return { label: text.faultyAsWritten({ states }), tooltip: docs.hover.readingAsSent };
      }
      // A fault that is not a wrong number (no value corrected) leaves the segment as written.
      if (!step.corrected.seq && !step.corrected.ack) {
        return { label: text.faultyAsWritten({ states }), tooltip: docs.features.statesTooltip };
      }
      return { label: text.faultyAsCorrected({ states }), tooltip: docs.hover.readingIntended };
    }
    default:
      return assertNever(step.outcome);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected segment outcome ${String(value)}`);
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
