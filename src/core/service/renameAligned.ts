import type { TextEdit } from '../text/textEdits';
import { formatDocument } from '../format/format';
import { splitLines, type SourceLine } from '../format/formatLines';
import { applyEdits } from '../text/textEdits';

/**
 * A rename's `edits` to `text`, with the columns it disturbs put back: a name of another length
 * shifts the cells after it, and, since segment columns are as wide as their widest cell, can
 * move whole columns. Every line the formatter left as it was before the rename is re-aligned
 * after it, in the same edit; lines that were not formatted get only the new name, so a rename
 * never formats what its author laid out by hand.
 *
 * The result replaces each re-aligned line's content in `text` (and keeps the plain rename edits
 * elsewhere), so it applies to `text` like `edits` do. Never throws: when the rename changes the
 * lines themselves (a name never holds a line break, but edits come from outside) the edits are
 * returned unchanged.
 */
export function alignRename(text: string, edits: readonly TextEdit[]): TextEdit[] {
  if (edits.length === 0) return [...edits];
  const lines = splitLines(text);
  const renamed = applyEdits(text, edits);
  const renamedLines = splitLines(renamed);
  if (renamedLines.length !== lines.length) return [...edits];
  const unformatted = changedLines(formatDocument(text), lines);
  const realigned = new Map<number, string>();
  for (const edit of formatDocument(renamed)) {
    const line = lineOf(renamedLines, edit.span.start);
    const whole = line && edit.span.start === line.start && edit.span.end === line.end;
    if (whole && !unformatted.has(line.index)) realigned.set(line.index, edit.newText);
  }
  const kept = edits.filter((e) => !realigned.has(lineOf(lines, e.span.start)?.index ?? -1));
  const lineEdits = [...realigned].map(([index, newText]) => {
    const line = lines[index] as SourceLine;
    return { span: { start: line.start, end: line.end }, newText };
  });
  return [...kept, ...lineEdits].sort((a, b) => a.span.start - b.span.start);
}

/** The lines that `edits` (the formatter's, one line or one blank line each) touch. */
function changedLines(edits: readonly TextEdit[], lines: readonly SourceLine[]): Set<number> {
  const changed = new Set<number>();
  for (const edit of edits) {
    const line = lineOf(lines, edit.span.start);
    if (line) changed.add(line.index);
  }
  return changed;
}

/** The line holding `offset` (a line's end, before its line break, belongs to it). */
function lineOf(lines: readonly SourceLine[], offset: number): SourceLine | undefined {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const line = lines[middle] as SourceLine;
    if (offset < line.start) high = middle - 1;
    else if (offset >= line.next && middle < lines.length - 1) low = middle + 1;
    else return line;
  }
  return undefined;
}
