import { analyze, type Analysis } from '../src/core/analysis/analyze';
import type { Diagnostic } from '../src/core/check/diagnostic';

/** Joins lines with `\n`, so scenarios in tests read like files. */
export function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

/** `CODE@LINE:COL` (1-based) for each diagnostic, in order: compact for table-driven asserts. */
export function codesAt(analysis: Analysis, severities = ['error', 'warning', 'info']): string[] {
  return analysis.diagnostics
    .filter((d) => severities.includes(d.severity))
    .map((d) => {
      const p = analysis.lines.positionAt(d.span.start);
      return `${d.code}@${p.line + 1}:${p.column + 1}`;
    });
}

/** The codes of every diagnostic, in order. */
export function codes(text: string): string[] {
  return analyze(text).diagnostics.map((d) => d.code);
}

/** The source text a diagnostic's span covers. */
export function covered(text: string, d: Diagnostic): string {
  return text.slice(d.span.start, d.span.end);
}

/** The standard opening of most scenarios in tests. */
export const OPEN = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=x',
  'server -> client SYN ACK seq=y ack=x+1',
  'client -> server ACK seq=x+1 ack=y+1',
];

/** The opening of an imported capture: the handshake with frame numbers and times (HS7xx). */
export const CAPTURED = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=1000 win=65535 # frame 1 t=0.000',
  'server -> client SYN ACK seq=5000 ack=1001 win=65535 # frame 2 t=0.010',
  'client -> server ACK seq=1001 ack=5001 win=65535 # frame 3 t=0.020',
];
