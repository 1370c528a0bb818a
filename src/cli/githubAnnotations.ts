import type { LocatedDiagnostic } from './formatDiagnostic';

/** GitHub's command for each severity: an info is a notice. */
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * A workflow command's message: GitHub reads `%`, CR and LF as escapes there, so they are
 * escaped as its runner does (`escapeData` in actions/toolkit's command.ts).
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: besides the message escapes, `:` and `,` end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One problem as a GitHub Actions workflow command
 * (`::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=HS101::message`), which the
 * runner shows as an annotation on the file's line.
 */
export function githubAnnotation(d: LocatedDiagnostic): string {
  const properties = [
    ['file', d.file],
    ['line', String(d.line)],
    ['col', String(d.column)],
    ['endLine', String(d.endLine)],
    ['endColumn', String(d.endColumn)],
    ['title', d.code],
  ]
    .map(([name, value]) => `${name}=${escapeProperty(value as string)}`)
    .join(',');
  return `::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}`;
}
