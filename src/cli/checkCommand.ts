import { analyze } from '../core/check/analyze';
import { formatLine, locate, type LocatedDiagnostic } from './formatDiagnostic';
import type { CliIo } from './io';

export interface CheckOptions {
  readonly files: readonly string[];
  readonly json: boolean;
}

/**
 * `handshake check FILE...`: one line per problem (or a JSON array with --json).
 * Exit 0 when no errors, 1 when any file has an error, 2 when a file cannot be read.
 */
export function checkCommand(options: CheckOptions, io: CliIo): number {
  const all: LocatedDiagnostic[] = [];
  let unreadable = false;
  for (const file of options.files) {
    const text = io.readText(file);
    if (typeof text !== 'string') {
      io.error(`handshake: cannot read ${file}: ${text.reason}`);
      unreadable = true;
      continue;
    }
    const analysis = analyze(text);
    for (const d of analysis.diagnostics) all.push(locate(file, analysis, d));
  }
  if (options.json) io.out(JSON.stringify(all, null, 2));
  else for (const d of all) io.out(formatLine(d));
  if (unreadable) return 2;
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}
