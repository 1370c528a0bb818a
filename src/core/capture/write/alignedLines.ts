import { displayWidth } from '../../text/displayWidth';
import { BLOCK_INDENT } from '../../format/formatLines';
import { layOutSegments, type SegmentRow } from '../../format/formatSegments';

/**
 * The import's lines laid out as Format Document lays them out, without parsing them: the
 * importer wrote every line itself, in a handful of shapes whose parts it separates by two
 * blanks, so their columns are known from how they were written. Format Document's rules
 * (format.ts), for those shapes:
 * - segment lines in the document's columns (formatSegments.ts, `layOutSegments`, which is
 *   called here with the rows read off the written lines), two blanks inside a block;
 * - the `A -> B` heads of each run of TLS message lines padded to the widest;
 * - trailing comments in one column per run of code lines, two blanks after the widest code;
 * - comment lines at the block's indentation, runs of blank lines made one.
 *
 * The shapes (ScenarioWriter, CaptureGaps, TlsConversation; `#` starts every trailing comment,
 * which holds no two blanks in a row, and names hold none at all):
 * - `A ARROW B  FLAGS  seq=N[ ack=N][ win=N][ len=N][ "LABEL"]  # COMMENT` (a segment);
 * - `A -> B  MESSAGE FIELDS[  # COMMENT]` (a TLS message);
 * - `simultaneous {`, `}`, `# COMMENT`, a blank line, and other statements
 *   (`endpoint A[ ADDRESS][  # COMMENT]`, `A listen`, `scenario "TITLE"`, TLS declarations).
 *
 * test/core/capture/write/alignedLines.test.ts checks that this gives what Format Document
 * gives on the imports of every capture in the fixtures.
 */
export function alignedLines(lines: readonly string[]): string[] {
  const read = readLines(lines);
  const segments = layOutSegments(read.rows);
  const heads = alignHeads(read.lines);
  const codes = read.lines.map((line, index): string | undefined => {
    if (line.kind === 'segment') return segments.get(index) ?? '';
    if (line.kind === 'tls') return heads.get(index) ?? '';
    return line.kind === 'statement' ? line.code : undefined;
  });
  const columns = commentColumns(read.lines, codes);
  const out: string[] = [];
  read.lines.forEach((line, index) => {
    switch (line.kind) {
      case 'blank':
        // Runs of blank lines become one (the first; the text ends with a line break).
        if (read.lines[index - 1]?.kind !== 'blank') out.push('');
        return;
      case 'comment':
        out.push(line.text);
        return;
      default: {
        const code = codes[index] as string;
        if (line.comment === undefined) {
          out.push(code);
          return;
        }
        const column = columns.get(index) ?? 0;
        const width = displayWidth(code);
        out.push(code + ' '.repeat(Math.max(1, column - width)) + line.comment);
      }
    }
  });
  return out;
}

/** A line as the writer wrote it: what it is and its parts. */
type Line =
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'segment'; readonly comment?: string }
  | {
      readonly kind: 'tls';
      readonly head: string;
      readonly message: string;
      readonly comment?: string;
    }
  | { readonly kind: 'statement'; readonly code: string; readonly comment?: string };

const BLANK = /^[ \t\r\f\v\ufeff]*$/;
/** A segment line up to its flags (groups: indent, sender, arrow, receiver, flags). */
const SEGMENT_HEAD = /^( *)(\S+) (->|-x|~>) (\S+) {2}([A-Z]+(?: [A-Z]+)*) {2}(?=seq=)/;
/** A TLS message line's head (groups: sender, receiver). */
const TLS_HEAD = /^(\S+) -> (\S+) {2}(?=\S)/;

function readLines(written: readonly string[]): { lines: Line[]; rows: SegmentRow[] } {
  const lines: Line[] = [];
  const rows: SegmentRow[] = [];
  let paragraph = 0;
  let inBlock = false;
  written.forEach((text, index) => {
    if (BLANK.test(text)) {
      paragraph++;
      lines.push({ kind: 'blank' });
      return;
    }
    if (text.startsWith('#')) {
      const indent = inBlock ? ' '.repeat(BLOCK_INDENT) : '';
      lines.push({ kind: 'comment', text: indent + text.trimEnd() });
      return;
    }
    if (text === 'simultaneous {' || text === '}') {
      // A block's braces end a paragraph of segments, like a blank line.
      paragraph++;
      inBlock = text !== '}';
      lines.push({ kind: 'statement', code: text });
      return;
    }
    const segment = SEGMENT_HEAD.exec(text);
    if (segment) {
      const { row, comment } = segmentRow(text, segment, index, paragraph);
      rows.push(row);
      lines.push(comment === undefined ? { kind: 'segment' } : { kind: 'segment', comment });
      return;
    }
    const tls = TLS_HEAD.exec(text);
    if (tls) {
      const [code, comment] = splitComment(text.slice(tls[0].length));
      const head = `${tls[1]} -> ${tls[2]}`;
      lines.push({ kind: 'tls', head, message: code, ...(comment ? { comment } : {}) });
      return;
    }
    // A title may hold anything, `#` and blanks included: it has no comment.
    const [code, comment] = text.startsWith('scenario "') ? [text] : splitComment(text);
    lines.push({ kind: 'statement', code, ...(comment ? { comment } : {}) });
  });
  return { lines, rows };
}

/** `CODE  # COMMENT` as its code and comment (the last two blanks before a `#`). */
function splitComment(text: string): [string, string?] {
  const at = text.lastIndexOf('  #');
  if (at < 0) return [text.trimEnd()];
  return [text.slice(0, at).trimEnd(), text.slice(at + 2).trimEnd()];
}

/**
 * The row of a segment line for `layOutSegments`: its cells (sender, arrow, receiver, flags,
 * `seq=`, `ack=`, the rest) and the columns they were written at.
 */
function segmentRow(
  text: string,
  head: RegExpExecArray,
  line: number,
  paragraph: number,
): { row: SegmentRow; comment?: string } {
  const [, spaces, sender, arrow, receiver, flags] = head as unknown as string[];
  // The comment follows the fields after the line's last two blanks (a label may hold two).
  const fieldsAt = head[0].length;
  const at = text.lastIndexOf('  ');
  const withComment = at >= fieldsAt && text[at + 2] === '#';
  const fields = withComment ? text.slice(fieldsAt, at) : text.slice(fieldsAt);
  const seqEnd = spaceOrEnd(fields, 0);
  const seq = fields.slice(0, seqEnd);
  const afterSeq = fields.slice(seqEnd + 1);
  const ackEnd = afterSeq.startsWith('ack=') ? spaceOrEnd(afterSeq, 0) : 0;
  const ack = afterSeq.slice(0, ackEnd);
  const rest = ackEnd > 0 ? afterSeq.slice(ackEnd + 1) : afterSeq;
  const texts = [sender, arrow, receiver, flags, seq, ack, rest] as string[];
  const written: (number | undefined)[] = [];
  const indent = (spaces as string).length;
  // The blanks the writer puts before each cell: one around the arrow and between values.
  const before = [0, 1, 1, 2, 2, 1, 1];
  let column = indent;
  texts.forEach((cell, i) => {
    if (cell === '') {
      written.push(undefined);
      return;
    }
    column += i === 0 ? 0 : (before[i] as number);
    written.push(column);
    column += displayWidth(cell);
  });
  const cells = texts.map((cell) => (cell === '' ? undefined : { start: 0, end: 0, text: cell }));
  const row: SegmentRow = {
    line,
    indent: indent > 0 ? BLOCK_INDENT : 0,
    paragraph,
    cells,
    written,
  };
  return withComment ? { row, comment: text.slice(at + 2).trimEnd() } : { row };
}

function spaceOrEnd(text: string, from: number): number {
  const at = text.indexOf(' ', from);
  return at < 0 ? text.length : at;
}

/** Each run of TLS message lines with their heads padded to the widest of the run. */
function alignHeads(lines: readonly Line[]): Map<number, string> {
  const aligned = new Map<number, string>();
  let run: number[] = [];
  const close = (): void => {
    let widest = 0;
    for (const i of run) {
      const line = lines[i] as Extract<Line, { kind: 'tls' }>;
      widest = Math.max(widest, displayWidth(line.head));
    }
    for (const i of run) {
      const line = lines[i] as Extract<Line, { kind: 'tls' }>;
      const pad = ' '.repeat(Math.max(0, widest - displayWidth(line.head)));
      aligned.set(i, `${line.head}${pad}  ${line.message}`);
    }
    run = [];
  };
  lines.forEach((line, index) => {
    if (line.kind === 'tls') run.push(index);
    else if (run.length > 0) close();
  });
  if (run.length > 0) close();
  return aligned;
}

/** One comment column per run of code lines: two blanks after the widest commented code. */
function commentColumns(
  lines: readonly Line[],
  codes: readonly (string | undefined)[],
): Map<number, number> {
  const columns = new Map<number, number>();
  let run: number[] = [];
  const close = (): void => {
    let widest = 0;
    for (const i of run) widest = Math.max(widest, displayWidth(codes[i] as string));
    for (const i of run) columns.set(i, widest + COMMENT_GAP);
    run = [];
  };
  lines.forEach((line, index) => {
    if (codes[index] === undefined) close();
    else if ('comment' in line && line.comment !== undefined) run.push(index);
  });
  close();
  return columns;
}

/** Blanks before a trailing comment (format.ts). */
const COMMENT_GAP = 2;
