import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import { NO_DIAGNOSTICS } from '../analysis/stepDiagnostics';
import { spanOf, type Span } from '../text/span';
import type { Statement } from '../syntax/tree';
import type { ActionStep } from '../tcp/trace';
import { docsIn, type Keyword } from './docs';

/** A hover: the range it explains and what it says about it. */
export interface Hover {
  /** The range the hover explains. */
  readonly span: Span;
  readonly markdown: string;
}

/** The parts that are there, as Markdown paragraphs. */
export function paragraphs(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}

/** The diagnostics that belong to a statement, as a list under a heading; none, undefined. */
export function problemsText(analysis: Analysis, statement: Statement): string | undefined {
  const docs = docsIn(analysis.locale);
  const problems = analysis.stepDiagnostics.byStatement.get(statement) ?? NO_DIAGNOSTICS;
  if (problems.length === 0) return undefined;
  const items = problems.map((d) =>
    docs.hover.problem({ code: d.code, severity: d.severity, message: escapeMarkdown(d.message) }),
  );
  return `${docs.hover.problemsHeading}\n${items.join('\n')}`;
}

/** A fenced block longer than any run of backticks in the text, so a payload cannot end it. */
export function codeBlock(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}handshake\n${text}\n${fence}`;
}

/** Diagnostic messages are plain text: keep Markdown from reading them as markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (ch) => `\\${ch}`);
}

/** A keyword's syntax and meaning; on `listen`, `close` and `wait`, what it did there. */
export function keywordHover(
  keyword: Keyword,
  where: Span,
  locale: Locale,
  step?: ActionStep,
  problems?: string,
): Hover {
  const docs = docsIn(locale);
  const doc = docs.keywords[keyword];
  const changes =
    step &&
    (step.changes.length === 0
      ? docs.hover.noChange
      : step.changes
          .map(({ endpoint, before, after }) =>
            docs.hover.changes({ endpoint, change: docs.hover.stateChange({ before, after }) }),
          )
          .join('\n\n'));
  return {
    span: spanOf(where),
    markdown: paragraphs(codeBlock(doc.syntax), doc.text, changes, problems),
  };
}
