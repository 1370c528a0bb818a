import type { Locale } from '../text/locale';
import { docsIn } from './docs';
import { analyze, type Analysis } from '../analysis/analyze';
import type { DiagnosticCode } from '../check/codes';
import type { Diagnostic } from '../check/diagnostic';
import type { TextEdit } from '../text/textEdits';
import { applyEdits } from '../text/textEdits';
import type { Span } from '../text/span';

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The diagnostic it fixes; none for "fix all". */
  readonly diagnostic?: Diagnostic;
  readonly preferred: boolean;
}

/** The diagnostics whose fix puts a sequence or acknowledgment number right. */
export const SEQ_ACK_CODES: ReadonlySet<DiagnosticCode> = new Set([
  'HS101',
  'HS102',
  'HS104',
  'HS105',
  'HS108',
  'HS109',
]);

/** The title of the fix-all action, in the current language. */
export function fixAllTitle(locale: Locale): string {
  const docs = docsIn(locale);
  return docs.features.fixAll;
}

/**
 * The quick fixes for the diagnostics that touch `span`: each diagnostic's own fix (the engine
 * computed it), plus "Fix all seq/ack numbers in file" when any number in the file is wrong.
 */
export function quickFixes(analysis: Analysis, span: Span): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const d of analysis.diagnostics) {
    if (!d.fix || d.span.end < span.start || d.span.start > span.end) continue;
    fixes.push({ title: d.fix.title, edits: d.fix.edits, diagnostic: d, preferred: true });
  }
  const here = fixes.some((f) => f.diagnostic && SEQ_ACK_CODES.has(f.diagnostic.code));
  if (here) {
    const edits = fixAllSeqAck(analysis.document.text);
    if (edits.length > 0)
      fixes.push({ title: fixAllTitle(analysis.locale), edits, preferred: false });
  }
  return fixes;
}

const MAX_PASSES = 20;

/**
 * Recomputes every seq and ack value in the text and returns the edits, one per changed line.
 * The engine goes on with the right values after a mistake, so one pass fixes nearly all; a few
 * more passes catch values that only become checkable once earlier ones are right.
 */
export function fixAllSeqAck(text: string): TextEdit[] {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Every wrong value, not only those among the first diagnostics a file reports.
    const edits = analyze(current, { maxDiagnostics: Infinity })
      .diagnostics.filter((d) => SEQ_ACK_CODES.has(d.code) && d.fix)
      .flatMap((d) => d.fix?.edits ?? []);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return lineEdits(text, current);
}

/** The edits that turn `before` into `after`, as whole-line replacements of the changed lines. */
function lineEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return [{ span: { start: 0, end: before.length }, newText: after }];
  const edits: TextEdit[] = [];
  let offset = 0;
  a.forEach((line, index) => {
    const next = b[index] as string;
    if (line !== next)
      edits.push({ span: { start: offset, end: offset + line.length }, newText: next });
    offset += line.length + 1;
  });
  return edits;
}
