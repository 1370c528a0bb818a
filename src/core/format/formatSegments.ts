import type { Span } from '../text/span';
import { displayWidth } from '../text/displayWidth';
import type { SegmentStatement } from '../syntax/tree';

/**
 * The columns of segment lines. A segment line is a row of cells,
 * `SENDER -> RECEIVER  FLAGS  seq=V  ack=V  win=N len=N "payload"`, and the formatter lines the
 * cells up in columns across the document, the way the examples are written.
 */
const enum Column {
  Sender,
  Arrow,
  Receiver,
  Flags,
  Seq,
  Ack,
  Rest,
}

const COLUMNS = 7;

/** Blanks between columns from the receiver on; the arrow has one on each side. */
const GAP = 2;

/**
 * The widest gap a hand-aligned value column (ack=, the rest, a trailing comment) may keep at its
 * narrowest point: authors pad numbers by a space or two more than the formatter would.
 */
export const MAX_KEPT_GAP = 4;

/** A cell's text as it is printed, and where it was written. */
interface Cell extends Span {
  readonly text: string;
}

type Cells = readonly (Cell | undefined)[];

/** A segment line to lay out. */
export interface SegmentRow {
  readonly line: number;
  readonly indent: number;
  /** Rows of one paragraph at one indentation are checked for alignment together. */
  readonly paragraph: number;
  readonly cells: Cells;
  /** Columns where the cells were written, when the line is otherwise already clean. */
  readonly written?: readonly (number | undefined)[];
}

const BLANKS = /[ \t\r\f\v\ufeff]/g;

/**
 * The cells of a segment, printed: flags joined by single spaces (`,` and `+` dropped) in their
 * written case, values without blanks (`x + 1` → `x+1`), `win=`/`wscale=`/`len=` in written order and then
 * the payload, byte for byte.
 */
export function segmentRow(
  text: string,
  statement: SegmentStatement,
  line: { readonly index: number; readonly start: number },
  placement: { readonly indent: number; readonly paragraph: number },
  tabSize: number,
): SegmentRow {
  const source = (span: Span): string => text.slice(span.start, span.end);
  const cell = (span: Span, printed: string): Cell => ({
    start: span.start,
    end: span.end,
    text: printed,
  });
  const cells: (Cell | undefined)[] = new Array<Cell | undefined>(COLUMNS).fill(undefined);
  cells[Column.Sender] = cell(statement.from, statement.from.text);
  cells[Column.Arrow] = cell(statement.arrow, source(statement.arrow));
  cells[Column.Receiver] = cell(statement.to, statement.to.text);
  const { flags } = statement;
  const first = flags[0];
  const last = flags[flags.length - 1];
  if (first && last) {
    cells[Column.Flags] = cell({ start: first.start, end: last.end }, flags.map(source).join(' '));
  }
  for (const field of [statement.seq, statement.ack]) {
    if (!field) continue;
    const printed = `${source(field.nameSpan)}=${source(field.value).replace(BLANKS, '')}`;
    cells[field.name === 'seq' ? Column.Seq : Column.Ack] = cell(field, printed);
  }
  const rest: Cell[] = [statement.win, statement.wscale, statement.len]
    .filter((field) => field !== undefined)
    .sort((a, b) => a.start - b.start)
    .map((field) => cell(field, `${source(field.nameSpan)}=${field.value.text}`));
  if (statement.payload) rest.push(cell(statement.payload, source(statement.payload)));
  if (statement.label) rest.push(cell(statement.label, `as ${statement.label.name.text}`));
  const head = rest[0];
  if (head) {
    const end = rest.reduce((max, c) => Math.max(max, c.end), 0);
    cells[Column.Rest] = cell({ start: head.start, end }, rest.map((c) => c.text).join(' '));
  }
  const written = writtenColumns(text, cells, line.start, tabSize);
  const { indent, paragraph } = placement;
  return { line: line.index, indent, paragraph, cells, ...(written ? { written } : {}) };
}

/**
 * The columns the cells were written at, counting a tab to the next multiple of `tabSize`, or
 * undefined unless the line is clean: every cell exactly as it is printed, in column order, with
 * only spaces and tabs around.
 */
function writtenColumns(
  text: string,
  cells: Cells,
  lineStart: number,
  tabSize: number,
): (number | undefined)[] | undefined {
  const columns: (number | undefined)[] = [];
  let offset = lineStart;
  let column = 0;
  for (const cell of cells) {
    if (!cell) {
      columns.push(undefined);
      continue;
    }
    const gap = text.slice(offset, Math.max(offset, cell.start));
    if (cell.start < offset || !/^[ \t]*$/.test(gap)) return undefined;
    if (gap.length === 0 && offset !== lineStart) return undefined;
    if (text.slice(cell.start, cell.end) !== cell.text || cell.text.includes('\t'))
      return undefined;
    for (const ch of gap) column = ch === '\t' ? column + tabSize - (column % tabSize) : column + 1;
    columns.push(column);
    column += displayWidth(cell.text);
    offset = cell.end;
  }
  return columns;
}

/**
 * Lays out every segment line: the printed code of each, by line. The segments of a paragraph
 * keep the columns they were written in when these are already aligned (see
 * {@link keepsColumns}); otherwise they get the document's columns, whose widths come from all
 * segment lines, so formatting a range gives the same lines as formatting the document.
 */
export function layOutSegments(rows: readonly SegmentRow[]): Map<number, string> {
  const starts = documentColumns(rows);
  const printed = new Map<number, string>();
  for (const group of paragraphs(rows)) {
    const canonical = starts.map((start) => start + (group[0]?.indent ?? 0));
    const keep = keepsColumns(group, canonical);
    for (const row of group) {
      const columns = keep && row.written ? row.written : canonical;
      printed.set(row.line, render(row.cells, columns));
    }
  }
  return printed;
}

/**
 * Where each column starts, from column 0 of the sender: each column is as wide as its widest
 * cell, counting only cells that something follows on their line (a long trailing value does not
 * push the others), then two blanks.
 */
function documentColumns(rows: readonly SegmentRow[]): number[] {
  const widths = new Array<number>(COLUMNS).fill(0);
  for (const { cells } of rows) {
    let followed = false;
    for (let column = COLUMNS - 1; column >= 0; column--) {
      const cell = cells[column];
      if (!cell) continue;
      if (followed) widths[column] = Math.max(widths[column] ?? 0, displayWidth(cell.text));
      followed = true;
    }
  }
  const width = (column: Column): number => widths[column] ?? 0;
  const starts = new Array<number>(COLUMNS).fill(0);
  starts[Column.Arrow] = width(Column.Sender) + 1;
  starts[Column.Receiver] = starts[Column.Arrow] + '->'.length + 1;
  for (let column = Column.Flags; column < COLUMNS; column++) {
    const previous = column - 1;
    const before = width(previous);
    starts[column] = (starts[previous] ?? 0) + (before > 0 ? before + GAP : 0);
  }
  return starts;
}

/** Runs of segment rows in the same paragraph at the same indentation. */
function paragraphs(rows: readonly SegmentRow[]): SegmentRow[][] {
  const groups: SegmentRow[][] = [];
  let group: SegmentRow[] = [];
  for (const row of rows) {
    const previous = group[group.length - 1];
    if (previous && (previous.paragraph !== row.paragraph || previous.indent !== row.indent)) {
      groups.push(group);
      group = [];
    }
    group.push(row);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Places each cell at its column, with at least one blank between cells. */
function render(cells: Cells, columns: readonly (number | undefined)[]): string {
  let line = '';
  let width = 0; // in columns: a name in Chinese takes two per character
  cells.forEach((cell, column) => {
    if (!cell) return;
    const pad = (columns[column] ?? 0) - width;
    const blanks = line.length === 0 ? Math.max(0, pad) : Math.max(1, pad);
    line += ' '.repeat(blanks) + cell.text;
    width += blanks + displayWidth(cell.text);
  });
  return line;
}

/** A written cell in one column: where it starts and where the cell before it on its line ends. */
interface Placement {
  readonly start: number;
  readonly previousEnd: number;
  /** True when the cell before it is a value, so it may follow it after a single blank. */
  readonly mayFlow: boolean;
}

/**
 * True when the segments of a paragraph are already aligned, so that the author's layout is kept:
 * every line clean, at its indentation, the arrows one blank after the widest sender, the
 * receivers one blank after the arrow; the flags and the first field each in one column, two
 * blanks after the widest cell before it (a receiver too wide for the flags column pushes its own
 * flags to one blank after it); `ack=` and the rest either one blank after a value or in one
 * column, two to four blanks after the widest cell before it. Any column may also be where the
 * document's own layout puts it.
 */
function keepsColumns(group: readonly SegmentRow[], canonical: readonly number[]): boolean {
  const written: (readonly (number | undefined)[])[] = [];
  for (const row of group) {
    if (!row.written || row.written[Column.Sender] !== row.indent) return false;
    written.push(row.written);
  }
  const widestSender = group.reduce(
    (max, row) => Math.max(max, displayWidth(row.cells[Column.Sender]?.text ?? '')),
    0,
  );
  const arrow = written[0]?.[Column.Arrow];
  if (arrow === undefined) return false;
  if (arrow !== (group[0]?.indent ?? 0) + widestSender + 1 && arrow !== canonical[Column.Arrow]) {
    return false;
  }
  const headsAligned = written.every(
    (columns) => columns[Column.Arrow] === arrow && columns[Column.Receiver] === arrow + 3,
  );
  if (!headsAligned) return false;
  const placements = (column: Column): Placement[] =>
    group.flatMap((row, index) => {
      const start = written[index]?.[column];
      if (start === undefined) return [];
      let before = column - 1;
      while (!row.cells[before]) before--;
      const previous = row.cells[before];
      const previousEnd = (written[index]?.[before] ?? 0) + displayWidth(previous?.text ?? '');
      return [{ start, previousEnd, mayFlow: before === Column.Seq || before === Column.Ack }];
    });
  return (
    flagsAligned(placements(Column.Flags), canonical[Column.Flags]) &&
    aligned(placements(Column.Seq), canonical[Column.Seq], GAP) &&
    aligned(placements(Column.Ack), canonical[Column.Ack], MAX_KEPT_GAP) &&
    aligned(placements(Column.Rest), canonical[Column.Rest], MAX_KEPT_GAP)
  );
}

/** Flags in one column, except that a receiver too wide for it pushes its own line's flags. */
function flagsAligned(placements: readonly Placement[], canonical: number | undefined): boolean {
  if (placements.length === 0) return true;
  const column = placements.reduce((min, p) => Math.min(min, p.start), Infinity);
  const inColumn = placements.filter((p) => p.start === column);
  const pushed = (p: Placement): boolean =>
    p.start === p.previousEnd + 1 && p.previousEnd + GAP > column;
  return (
    placements.every((p) => p.start === column || pushed(p)) && aligned(inColumn, canonical, GAP)
  );
}

/**
 * Cells that do not flow (one blank after a value) share one column, at least two blanks after
 * the cell before each, and at most `maxGap` after the widest, unless it is the document's column.
 */
function aligned(
  placements: readonly Placement[],
  canonical: number | undefined,
  maxGap: number,
): boolean {
  const inColumn = placements.filter((p) => !(p.mayFlow && p.start === p.previousEnd + 1));
  const first = inColumn[0];
  if (!first) return true;
  const column = first.start;
  if (!inColumn.every((p) => p.start === column && p.start >= p.previousEnd + GAP)) return false;
  const gap = column - inColumn.reduce((max, p) => Math.max(max, p.previousEnd), 0);
  return gap <= maxGap || column === canonical;
}
