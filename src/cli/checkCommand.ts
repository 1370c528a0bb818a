import type { Locale } from '../core/text/locale';
import { cliTextIn } from './cliText';
import { analyze, type Analysis } from '../core/analysis/analyze';
import type { Diagnostic } from '../core/check/diagnostic';
import { checkMarkdown } from '../core/markdown/checkMarkdown';
import { LineMap } from '../core/text/lineMap';
import { formatLine, locate, type LocatedDiagnostic } from './formatDiagnostic';
import { githubAnnotation } from './githubAnnotations';
import type { CliIo } from './io';
import { sarifLog, type Unreadable } from './sarifLog';
import { VERSION } from './version';
import { MARKDOWN } from './markdownInput';

/** How `check` prints its problems: for people, for programs, for GitHub Actions, for SARIF tools. */
export const CHECK_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions {
  readonly files: readonly string[];
  readonly format: CheckFormat;
}

/** The problems of a file; a Markdown note's are its ```handshake blocks', at the note's lines. */
function problemsOf(
  file: string,
  text: string,
  locale: Locale,
): {
  lines: Analysis['lines'];
  diagnostics: readonly Diagnostic[];
} {
  if (MARKDOWN.test(file))
    return { lines: new LineMap(text), ...checkMarkdown(text, undefined, locale) };
  return analyze(text, { locale });
}

function print(
  format: CheckFormat,
  all: readonly LocatedDiagnostic[],
  unreadable: readonly Unreadable[],
  io: CliIo,
): void {
  switch (format) {
    case 'text':
      for (const d of all) io.out(formatLine(d));
      return;
    case 'github':
      for (const d of all) io.out(githubAnnotation(d));
      return;
    case 'json':
      io.out(JSON.stringify(all, null, 2));
      return;
    case 'sarif':
      io.out(JSON.stringify(sarifLog(all, unreadable, VERSION), null, 2));
      return;
    default: {
      const unknown: never = format;
      throw new Error(`unknown format ${String(unknown)}`);
    }
  }
}

/**
 * `handshake check FILE...`: the problems, in `options.format` (one line each by default); in a
 * Markdown file (.md, .markdown), the problems of its ```handshake blocks.
 * Exit 0 when no errors, 1 when any file has an error, 2 when a file cannot be read.
 */
export function checkCommand(options: CheckOptions, io: CliIo): number {
  const cliText = cliTextIn(io.locale);
  const all: LocatedDiagnostic[] = [];
  const unreadable: Unreadable[] = [];
  for (const file of options.files) {
    const text = io.readText(file);
    if (typeof text !== 'string') {
      const reason = cliText.cannotRead({ file, reason: text.reason });
      io.error(`handshake: ${reason}`);
      unreadable.push({ file, reason });
      continue;
    }
    const checked = problemsOf(file, text, io.locale);
    for (const d of checked.diagnostics) all.push(locate(file, checked, d));
  }
  print(options.format, all, unreadable, io);
  if (unreadable.length > 0) return 2;
  return all.some((d) => d.severity === 'error') ? 1 : 0;
}
