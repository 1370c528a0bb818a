import type { Span } from './span';

/** A 0-based line and UTF-16 column, as editors count them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Converts offsets to positions and back. The tree keeps offsets; positions are made only at
 * the edges (CLI output, VS Code adapters). Lines end at `\n`; a `\r` before it belongs to the line.
 */
export class LineMap {
  private starts: number[] | undefined;

  /** Finds the line starts on first use: a correct scenario may never need a position. */
  constructor(private readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) {
      starts.push(i + 1);
    }
    return (this.starts = starts);
  }

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
    return { line: low, column: clamped - (this.lineStarts[low] ?? 0) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line] ?? 0;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.column), end);
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] ?? 0;
  }

  /** Offset just past the last character of `line`, before its `\r\n` or `\n`. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
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
