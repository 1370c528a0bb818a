import type { Analysis } from '../core/analysis/analyze';
import type { Diagnostic } from '../core/check/diagnostic';

/** A diagnostic at the edge: 1-based lines and columns, as compilers print them. */
export interface LocatedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Diagnostic['severity'];
  readonly code: string;
  readonly message: string;
}

export function locate(
  file: string,
  analysis: Pick<Analysis, 'lines'>,
  d: Diagnostic,
): LocatedDiagnostic {
  const start = analysis.lines.positionAt(d.span.start);
  const end = analysis.lines.positionAt(d.span.end);
  return {
    file,
    line: start.line + 1,
    column: start.column + 1,
    endLine: end.line + 1,
    endColumn: end.column + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

/** `FILE:LINE:COL: error CODE: MESSAGE` */
export function formatLine(d: LocatedDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}
