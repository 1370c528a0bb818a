import type { TextEdit } from '../text/textEdits';
import { displayWidth } from '../text/displayWidth';
import { parse } from '../syntax/parser';
import type { Span } from '../text/span';
import { lineRoles, splitLines, type LineRole, type SourceLine } from './formatLines';
import { sameMeaning } from './formatMeaning';
import { applyEdits } from '../text/textEdits';
import { layOutSegments, MAX_KEPT_GAP, segmentRow, type SegmentRow } from './formatSegments';

export interface FormatOptions {
  /** Only lines touching this range are changed (a range ending at a line's start does not touch it). */
  readonly range?: Span;
  /** How wide a tab counts when reading the columns a line was aligned to; 4 by default. */
  readonly tabSize?: number;
}

/** Blanks before a trailing comment, after the widest code of its run of lines. */
const COMMENT_GAP = 2;

/**
 * Edits that format `text`; with `range`, only lines touching it are changed. Never throws.
 *
 * Segment lines are aligned in columns (sender, arrow, receiver, flags, `seq=`, `ack=`, the rest),
 * trailing comments in one column per run of code lines, other statements get single blanks,
 * segments in a `simultaneous` block are indented by two; trailing blanks go, runs of blank lines
 * become one, line breaks stay as they are. A line with a syntax error is left as it is. A run of
 * segment lines that is already aligned keeps its author's columns (see `layOutSegments`).
 *
 * Each edit replaces one line's content (without its line break), or removes a whole surplus
 * blank line; edits are sorted and do not overlap. The result is checked to parse to the same
 * statements and syntax errors as `text`; if it ever did not, no edits are returned.
 */
export function formatDocument(text: string, options: FormatOptions = {}): TextEdit[] {
  const tabSize =
    Number.isInteger(options.tabSize) && (options.tabSize ?? 0) > 0 ? (options.tabSize ?? 4) : 4;
  const lines = splitLines(text);
  const parsed = parse(text);
  const printed = printLines(text, lines, lineRoles(text, lines, parsed), tabSize);
  const edits = lineEdits(text, lines, printed, options.range);
  if (edits.length === 0 || sameMeaning(parsed, parse(applyEdits(text, edits)))) return edits;
  return [];
}

/** A line of code (a statement, or a block's brace line) and its trailing comment. */
interface CodeLine {
  readonly line: number;
  readonly code: string;
  readonly comment?: { readonly text: string; readonly column?: number };
}

/** The formatted content of every line; undefined for a blank line. */
function printLines(
  text: string,
  lines: readonly SourceLine[],
  roles: readonly LineRole[],
  tabSize: number,
): (string | undefined)[] {
  const rows: SegmentRow[] = [];
  roles.forEach((role, index) => {
    const line = lines[index];
    if (role.kind === 'segment' && line) {
      rows.push(segmentRow(text, role.statement, line, role, tabSize));
    }
  });
  const segments = layOutSegments(rows);
  const heads = alignTlsHeads(roles);
  const code: (CodeLine | undefined)[] = roles.map((role, index) => {
    const line = lines[index];
    if (!line || (role.kind !== 'segment' && role.kind !== 'statement')) return undefined;
    const printed =
      role.kind === 'segment' ? (segments.get(index) ?? '') : (heads.get(index) ?? role.code);
    if (role.comment === undefined) return { line: index, code: printed };
    const comment = text.slice(role.comment, line.end).trimEnd();
    // A tab inside the code (in a string) makes the written column unreliable.
    const column = printed.includes('\t')
      ? undefined
      : visualColumn(text, line.start, role.comment, tabSize);
    return { line: index, code: printed, comment: { text: comment, column } };
  });
  const commentColumns = alignComments(code);
  return roles.map((role, index) => {
    const line = lines[index] as SourceLine;
    switch (role.kind) {
      case 'verbatim':
        return text.slice(line.start, line.end);
      case 'blank':
        return undefined;
      case 'comment':
        return ' '.repeat(role.indent) + role.text;
      case 'segment':
      case 'statement': {
        const entry = code[index] as CodeLine;
        if (!entry.comment) return entry.code;
        const width = displayWidth(entry.code);
        const column = commentColumns.get(index) ?? width + COMMENT_GAP;
        return entry.code + ' '.repeat(Math.max(1, column - width)) + entry.comment.text;
      }
      default: {
        const unexpected: never = role;
        return unexpected;
      }
    }
  });
}

/**
 * TLS message lines printed with their `A -> B` heads padded to the widest of each run of
 * consecutive ones, so that the message names line up the way segment flags do.
 */
function alignTlsHeads(roles: readonly LineRole[]): Map<number, string> {
  const aligned = new Map<number, string>();
  let run: number[] = [];
  const close = (): void => {
    const widest = Math.max(...run.map((i) => headOf(roles[i])));
    for (const i of run) {
      const role = roles[i];
      if (role?.kind !== 'statement' || role.head === undefined) continue;
      const head = role.code.slice(0, role.head);
      const rest = role.code.slice(role.head).trimStart();
      aligned.set(i, `${head}${' '.repeat(Math.max(0, widest - displayWidth(head)))}  ${rest}`);
    }
    run = [];
  };
  roles.forEach((role, index) => {
    if (role.kind === 'statement' && role.head !== undefined) run.push(index);
    else if (run.length > 0) close();
  });
  if (run.length > 0) close();
  return aligned;
}

function headOf(role: LineRole | undefined): number {
  return role?.kind === 'statement' ? (role.headWidth ?? role.head ?? 0) : 0;
}

/**
 * The comment column of each commented line: one column per run of consecutive code lines, two
 * blanks after the widest commented code, unless the comments are already in one column two to
 * four blanks after it.
 */
function alignComments(code: readonly (CodeLine | undefined)[]): Map<number, number> {
  const columns = new Map<number, number>();
  let run: CodeLine[] = [];
  const close = (): void => {
    const commented = run.filter((entry) => entry.comment);
    run = [];
    const first = commented[0];
    if (!first) return;
    const widest = commented.reduce((max, entry) => Math.max(max, displayWidth(entry.code)), 0);
    const written = first.comment?.column;
    const kept =
      written !== undefined &&
      written - widest >= COMMENT_GAP &&
      written - widest <= MAX_KEPT_GAP &&
      commented.every((entry) => entry.comment?.column === written);
    const column = kept ? written : widest + COMMENT_GAP;
    for (const entry of commented) columns.set(entry.line, column);
  };
  for (const entry of code) {
    if (entry) run.push(entry);
    else close();
  }
  close();
  return columns;
}

/** The column of `offset` on the line starting at `lineStart`, a tab counting to the next stop. */
function visualColumn(text: string, lineStart: number, offset: number, tabSize: number): number {
  let column = 0;
  for (let i = lineStart; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 9) column += tabSize - (column % tabSize);
    else if (code < 0x300) column++;
    else {
      const point = text.codePointAt(i) as number;
      column += displayWidth(String.fromCodePoint(point));
      if (point > 0xffff) i++;
    }
  }
  return column;
}

/**
 * One edit per line whose content changes, and one per surplus blank line, which is removed with
 * its line break (the last blank of a run is kept instead when the text ends in it without one).
 */
function lineEdits(
  text: string,
  lines: readonly SourceLine[],
  printed: readonly (string | undefined)[],
  range: Span | undefined,
): TextEdit[] {
  const edits: TextEdit[] = [];
  const touched = (line: SourceLine): boolean => touches(line, range);
  let runStart = -1;
  lines.forEach((line, index) => {
    const content = printed[index];
    const blank = content === undefined;
    if (blank && runStart < 0) runStart = index;
    const lastOfRun = blank && (index + 1 >= lines.length || printed[index + 1] !== undefined);
    if (lastOfRun) {
      const keepLast = line.next === line.end; // the text ends without a line break
      const keep = keepLast ? index : runStart;
      for (let i = runStart; i <= index; i++) {
        const blankLine = lines[i] as SourceLine;
        if (!touched(blankLine)) continue;
        if (i !== keep) {
          edits.push({ span: { start: blankLine.start, end: blankLine.next }, newText: '' });
        } else if (blankLine.end > blankLine.start) {
          edits.push({ span: { start: blankLine.start, end: blankLine.end }, newText: '' });
        }
      }
      runStart = -1;
    }
    if (!blank && touched(line) && content !== text.slice(line.start, line.end)) {
      edits.push({ span: { start: line.start, end: line.end }, newText: content });
    }
  });
  return edits;
}

function touches(line: SourceLine, range: Span | undefined): boolean {
  if (!range) return true;
  const start = Math.min(range.start, range.end);
  const end = Math.max(range.start, range.end);
  if (end > start && end === line.start) return false;
  return start <= line.end && line.start <= end;
}
