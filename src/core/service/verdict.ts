import { DOCS } from './docs';
import type { Analysis } from '../check/analyze';
import type { SegmentStep } from '../tcp/trace';

/**
 * A one-line verdict for the CodeLens over `scenario`: which parts of a connection's life the
 * scenario completes, by the engine's trace, and how many problems it has.
 * For example "3-way handshake ✓ · close ✓ · 2 problems".
 */
export function verdict(analysis: Analysis): string {
  const segments = analysis.trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
  const parts: string[] = [];
  const established = segments.some(
    (s) => s.receiver.after.state === 'ESTABLISHED' && s.receiver.before.state !== 'ESTABLISHED',
  );
  if (established) parts.push(DOCS.features.handshakeDone);
  else if (segments.some((s) => s.flags.includes('SYN')))
    parts.push(DOCS.features.handshakeIncomplete);
  if (segments.some((s) => s.outcome === 'reset')) parts.push(DOCS.features.reset);
  const finished = segments.some(
    (s) =>
      (s.receiver.after.state === 'CLOSED' && s.receiver.before.state === 'LAST_ACK') ||
      s.receiver.after.state === 'TIME_WAIT' ||
      s.sender.after.state === 'TIME_WAIT',
  );
  if (finished) parts.push(DOCS.features.closeDone);
  else if (segments.some((s) => s.flags.includes('FIN'))) parts.push(DOCS.features.closeIncomplete);
  if (segments.some((s) => s.outcome === 'lost')) {
    const lost = segments.filter((s) => s.outcome === 'lost').length;
    parts.push(DOCS.features.lost({ count: lost }));
  }
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').length;
  const problems = errors + warnings;
  parts.push(
    problems === 0 ? DOCS.features.noProblems : DOCS.features.problems({ count: problems }),
  );
  return parts.join(' · ');
}
