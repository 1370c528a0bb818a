import type { Span } from './span';

/** A 0-based line and UTF-16 column, as editors count them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Converts offsets to positions and back. The tree keeps offsets; positions are made only at
 * the edges (CLI output, VS Code adapters). Lines end at `\n`; a `\r` before it belongs to the line.
 *
 * `firstLine` numbers the text's first line: a block of a Markdown note is analysed alone, with
 * its offsets counted in the block and its lines named as the note's, so that "the SYN client
 * sent at line 42" and the diagram's numbers name the lines the writer sees. Every method takes
 * and gives lines in that numbering.
 */
export class LineMap {
  private starts: number[] | undefined;

  /** Finds the line starts on first use: a correct scenario may never need a position. */
  constructor(
    private readonly text: string,
    readonly firstLine = 0,
  ) {}

  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
    }
    return (this.starts = starts);
  }

  /** How many lines the text has (from `firstLine` on). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + this.firstLine, column: clamped - (this.lineStarts[low] ?? 0) };
  }

  offsetAt(position: Position): number {
    const line = position.line - this.firstLine;
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line] ?? 0;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.column), end);
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    const index = line - this.firstLine;
    return this.lineStarts[Math.max(0, Math.min(index, this.lineStarts.length - 1))] ?? 0;
  }

  /** Offset just past the last character of `line`, before its `\r\n` or `\n`. */
  lineEnd(line: number): number {
    const index = line - this.firstLine;
    if (index < 0) return 0;
    const next = this.lineStarts[index + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** 0-based line of a span's start; handy for "the SYN at line N" (add 1 for people). */
  lineOf(span: Span): number {
    return this.positionAt(span.start).line;
  }
}
