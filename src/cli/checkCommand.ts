import { CLI_TEXT } from './cliText';
import { analyze, type Analysis } from '../core/check/analyze';
import type { Diagnostic } from '../core/check/diagnostic';
import { checkMarkdown } from '../core/markdown/checkMarkdown';
import { LineMap } from '../core/syntax/lineMap';
import { formatLine, locate, type LocatedDiagnostic } from './formatDiagnostic';
import type { CliIo } from './io';

export interface CheckOptions {
  readonly files: readonly string[];
  readonly json: boolean;
}

/** A Markdown file is checked by its ```handshake blocks, with lines and columns in the file. */
const MARKDOWN = /\.(md|markdown)$/i;

function problemsOf(
  file: string,
  text: string,
): {
  lines: Analysis['lines'];
  diagnostics: readonly Diagnostic[];
} {
  if (MARKDOWN.test(file)) return { lines: new LineMap(text), ...checkMarkdown(text) };
  return analyze(text);
}

/**
 * `handshake check FILE...`: one line per problem (or a JSON array with --json); in a Markdown
 * file (.md, .markdown), the problems of its ```handshake blocks.
 * Exit 0 when no errors, 1 when any file has an error, 2 when a file cannot be read.
 */
export function checkCommand(options: CheckOptions, io: CliIo): number {
  const all: LocatedDiagnostic[] = [];
  let unreadable = false;
  for (const file of options.files) {
    const text = io.readText(file);
    if (typeof text !== 'string') {
      io.error(`handshake: ${CLI_TEXT.cannotRead({ file, reason: text.reason })}`);
      unreadable = true;
      continue;
    }
    const checked = problemsOf(file, text);
    for (const d of checked.diagnostics) all.push(locate(file, checked, d));
  }
  if (options.json) io.out(JSON.stringify(all, null, 2));
  else for (const d of all) io.out(formatLine(d));
  if (unreadable) return 2;
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}
