import type { Span } from './span';

/** One text replacement; spans are offsets into the checked text. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/**
 * Applies non-overlapping edits (later ones first; an edit overlapping a kept one is dropped).
 * Edits at the same offset come out in reverse order of `edits`. Linear in the text and the
 * edits (after sorting them): the kept edits are chosen from the end, then the result is built
 * in one pass from the start, so formatting a 100k-line document costs no more than reading it.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  const kept: TextEdit[] = [];
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.span.end > limit) continue;
    kept.push(edit);
    limit = edit.span.start;
  }
  const parts: string[] = [];
  let offset = 0;
  for (let i = kept.length - 1; i >= 0; i--) {
    const edit = kept[i] as TextEdit;
    parts.push(text.slice(offset, edit.span.start), edit.newText);
    offset = edit.span.end;
  }
  parts.push(text.slice(offset));
  return parts.join('');
}
