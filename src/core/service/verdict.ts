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
  if (established) parts.push('3-way handshake ✓');
  else if (segments.some((s) => s.flags.includes('SYN'))) parts.push('handshake incomplete');
  if (segments.some((s) => s.outcome === 'reset')) parts.push('reset');
  const finished = segments.some(
    (s) =>
      (s.receiver.after.state === 'CLOSED' && s.receiver.before.state === 'LAST_ACK') ||
      s.receiver.after.state === 'TIME_WAIT' ||
      s.sender.after.state === 'TIME_WAIT',
  );
  if (finished) parts.push('close ✓');
  else if (segments.some((s) => s.flags.includes('FIN'))) parts.push('close incomplete');
  if (segments.some((s) => s.outcome === 'lost')) {
    const lost = segments.filter((s) => s.outcome === 'lost').length;
    parts.push(`${lost} lost`);
  }
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').length;
  const problems = errors + warnings;
  parts.push(problems === 0 ? 'no problems' : `${problems} problem${problems === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
