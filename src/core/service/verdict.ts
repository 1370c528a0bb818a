import type { Locale } from '../text/locale';
import { docsIn } from './docs';
import type { Analysis } from '../analysis/analyze';
import type { Diagnostic } from '../check/diagnostic';
import type { Span } from '../text/span';
import { phaseOf } from '../tcp/phase';
import type { Trace } from '../analysis/trace';
import type { SegmentStep } from '../tcp/trace';

/** How far the trace took a phase of the connection. */
export type PhaseStatus =
  | { readonly kind: 'done' }
  /** Problems (errors and warnings) lie on the phase's segments, complete or not. */
  | { readonly kind: 'failed'; readonly problems: number }
  /** Not complete, and nothing wrong in it: what the engine still waits for. */
  | { readonly kind: 'waiting'; readonly awaited?: 'synAck' | 'finalAck' };

/**
 * A one-line verdict over `scenario`, for the CodeLens and the Markdown preview alike: which
 * parts of a connection's life the scenario completes, by the engine's trace, and how many
 * problems it has. A phase is ✓ only when it is complete and no problem lies on its segments.
 * For example "3-way handshake ✓ · close ✗ (1 problem) · 1 problem".
 */
export function verdict(analysis: Analysis): string {
  const docs = docsIn(analysis.locale);
  const segments = analysis.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  const problems = problemsOf(analysis);
  const text = docs.features;
  const parts: string[] = [];
  const problemsOn = (steps: readonly SegmentStep[]) => problemsOnSteps(analysis, steps);
  const handshake = handshakeStatus(analysis.trace, segments, problemsOn);
  if (handshake) parts.push(phaseText('handshake', handshake, analysis.locale));
  if (segments.some((s) => s.outcome === 'reset')) parts.push(text.reset);
  const close = closeStatus(segments, problemsOn);
  if (close) parts.push(phaseText('close', close, analysis.locale));
  const lost = segments.filter((s) => s.outcome === 'lost').length;
  if (lost > 0) parts.push(text.lost({ count: lost }));
  parts.push(problems.length === 0 ? text.noProblems : text.problems({ count: problems.length }));
  return parts.join(' · ');
}

/** Where a click on the verdict leads: the first problem it counts, or the diagram. */
export type VerdictTarget =
  { readonly kind: 'problem'; readonly span: Span } | { readonly kind: 'preview' };

/**
 * What the verdict opens when clicked: with problems, the first one in the text (the one to fix
 * first, since the engine reads on from it); without, the preview, the picture of what checked.
 */
export function verdictTarget(analysis: Analysis): VerdictTarget {
  const first = problemsOf(analysis).reduce<Diagnostic | undefined>(
    (earliest, d) => (earliest && earliest.span.start <= d.span.start ? earliest : d),
    undefined,
  );
  return first
    ? { kind: 'problem', span: { start: first.span.start, end: first.span.end } }
    : { kind: 'preview' };
}

/** The diagnostics the verdict counts: errors and warnings, not information. */
function problemsOf(analysis: Analysis): Diagnostic[] {
  return analysis.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
}

function phaseText(phase: 'handshake' | 'close', status: PhaseStatus, locale: Locale): string {
  const docs = docsIn(locale);
  const text = docs.features;
  switch (status.kind) {
    case 'done':
      return phase === 'handshake' ? text.handshakeDone : text.closeDone;
    case 'failed':
      return phase === 'handshake'
        ? text.handshakeFailed({ count: status.problems })
        : text.closeFailed({ count: status.problems });
    case 'waiting':
      if (status.awaited === 'synAck') return text.waitingForSynAck;
      if (status.awaited === 'finalAck') return text.waitingForFinalAck;
      return phase === 'handshake' ? text.handshakeIncomplete : text.closeIncomplete;
    default:
      return assertNever(status);
  }
}

/**
 * The handshake is complete once an endpoint in SYN_RECEIVED gets the ACK of its SYN and is
 * ESTABLISHED (RFC 9293 §3.5): the client is ESTABLISHED one segment earlier, on the SYN ACK,
 * so its state alone would call the handshake done before the final ACK.
 */
function handshakeStatus(
  trace: Trace,
  segments: readonly SegmentStep[],
  problemsOn: (steps: readonly SegmentStep[]) => number,
): PhaseStatus | undefined {
  const steps = segments.filter((s) => phaseOf(s) === 'handshake');
  if (steps.length === 0) return undefined;
  const count = problemsOn(steps);
  if (count > 0) return { kind: 'failed', problems: count };
  const completed = segments.some(
    (s) => s.receiver.before.state === 'SYN_RECEIVED' && s.receiver.after.state === 'ESTABLISHED',
  );
  if (completed) return { kind: 'done' };
  const states = [...trace.finalStates.values()];
  if (!states.includes('SYN_RECEIVED') || segments.some((s) => s.outcome === 'reset')) {
    return { kind: 'waiting' };
  }
  // The SYN arrived: the peer's SYN ACK is due, unless it arrived too and made its sender
  // ESTABLISHED, when only the final ACK is missing.
  return { kind: 'waiting', awaited: states.includes('ESTABLISHED') ? 'finalAck' : 'synAck' };
}

function closeStatus(
  segments: readonly SegmentStep[],
  problemsOn: (steps: readonly SegmentStep[]) => number,
): PhaseStatus | undefined {
  const steps = segments.filter((s) => phaseOf(s) === 'close');
  if (!steps.some((s) => s.flags.includes('FIN'))) return undefined;
  const count = problemsOn(steps);
  if (count > 0) return { kind: 'failed', problems: count };
  const finished = segments.some(
    (s) =>
      (s.receiver.after.state === 'CLOSED' && s.receiver.before.state === 'LAST_ACK') ||
      s.receiver.after.state === 'TIME_WAIT' ||
      s.sender.after.state === 'TIME_WAIT',
  );
  return finished ? { kind: 'done' } : { kind: 'waiting' };
}

/**
 * How many problems (errors and warnings) belong to `steps`, as the analysis placed them (the
 * table and the diagram show the same ones on the same rows). Linear in the steps.
 */
function problemsOnSteps(analysis: Analysis, steps: readonly SegmentStep[]): number {
  const counted = new Set<Diagnostic>();
  for (const step of steps) {
    for (const d of analysis.stepDiagnostics.byStep.get(step) ?? []) {
      if (d.severity === 'error' || d.severity === 'warning') counted.add(d);
    }
  }
  return counted.size;
}

function assertNever(value: never): never {
  throw new Error(`unexpected phase status ${JSON.stringify(value)}`);
}
