/**
 * Finds the ` ```handshake ` fenced code blocks of a Markdown document and maps offsets in a
 * block's text back to the document, so that a block can be checked like a `.handshake` file
 * and its problems shown where they are in the Markdown editor.
 *
 * The rules are CommonMark's fenced code blocks (spec §4.5), as markdown-it applies them:
 * an opening fence of at least three backticks or tildes, an info string whose first word is
 * the language, content up to a closing fence of the same character at least as long (or the
 * end of the document), and each content line stripped of as many leading spaces as the
 * opening fence was indented. Fences inside block quotes (`> `) are not found.
 */

/** A fenced block of Handshake text inside a Markdown document. */
export interface HandshakeFence {
  /** The block's text with `\n` line ends, as markdown-it gives it to a fence renderer. */
  readonly text: string;
  /** 0-based line of the opening fence in the document. */
  readonly line: number;
  /** For each line of `text`: its offset in `text`. */
  readonly textLineStarts: readonly number[];
  /** For each line of `text`: the document offset of its first character. */
  readonly documentLineStarts: readonly number[];
  /** Where the content starts in the document: the line after the opening fence. */
  readonly documentStart: number;
}

/** True for an info string whose language (its first word) is `handshake`, in any case. */
export function isHandshakeInfo(info: string): boolean {
  const language = info.trim().split(/\s+/, 1)[0] ?? '';
  return language.toLowerCase() === 'handshake';
}

const OPENING = /^( *)(`{3,}|~{3,})(.*)$/;

interface Line {
  /** Without its line end. */
  readonly text: string;
  readonly start: number;
  /** False for a last line without a line end. */
  readonly ended: boolean;
}

function splitLines(markdown: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = markdown.indexOf('\n', start);
    const end = newline < 0 ? markdown.length : newline;
    const text = markdown.slice(start, end).replace(/\r$/, '');
    lines.push({ text, start, ended: newline >= 0 });
    if (newline < 0) return lines;
    start = newline + 1;
  }
}

function isClosing(line: string, marker: string): boolean {
  const run = line.replace(/^ */, '').match(/^(`+|~+)[ \t]*$/);
  return !!run && run[1]![0] === marker[0] && run[1]!.length >= marker.length;
}

/**
 * Every ` ```handshake ` (or `~~~handshake`) block of `markdown`, in document order. Other
 * fenced blocks are skipped whole, so a handshake fence shown inside a Markdown example is not
 * taken for a real one.
 */
export function findHandshakeFences(markdown: string): HandshakeFence[] {
  const lines = splitLines(markdown);
  const fences: HandshakeFence[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING.exec((lines[index] as Line).text);
    if (!opening) continue;
    const indent = (opening[1] as string).length;
    const marker = opening[2] as string;
    const info = opening[3] as string;
    // CommonMark: the info string of a backtick fence may not contain a backtick.
    if (marker[0] === '`' && info.includes('`')) continue;
    let close = index + 1;
    while (close < lines.length) {
      const text = (lines[close] as Line).text;
      const leading = text.length - text.replace(/^ */, '').length;
      if (leading < indent + 4 && isClosing(text, marker)) break;
      close++;
    }
    if (isHandshakeInfo(info)) {
      const next = lines[index + 1]?.start ?? markdown.length;
      fences.push(fenceOf(lines.slice(index + 1, close), index, indent, next));
    }
    index = close; // skip the content and the closing fence
  }
  return fences;
}

function fenceOf(
  content: readonly Line[],
  line: number,
  indent: number,
  documentStart: number,
): HandshakeFence {
  let text = '';
  const textLineStarts: number[] = [];
  const documentLineStarts: number[] = [];
  for (const { text: lineText, start, ended } of content) {
    // Strip at most `indent` spaces, as markdown-it does for a fence indented by `indent`.
    const stripped = Math.min(indent, lineText.length - lineText.replace(/^ */, '').length);
    textLineStarts.push(text.length);
    documentLineStarts.push(start + stripped);
    text += lineText.slice(stripped) + (ended ? '\n' : '');
  }
  return { text, line, textLineStarts, documentLineStarts, documentStart };
}

/**
 * The document offset of `offset` in the fence's text. An offset past the end of a line (on its
 * `\n`, or past the end of the text) stays at the end of that line in the document, before any
 * `\r\n`.
 */
export function toDocumentOffset(fence: HandshakeFence, offset: number): number {
  const starts = fence.textLineStarts;
  if (starts.length === 0) return fence.documentStart;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  const lineStart = starts[low] as number;
  const next = starts[low + 1];
  const lineEnd = next === undefined ? fence.text.replace(/\n$/, '').length : next - 1;
  const lineLength = lineEnd - lineStart;
  const column = Math.max(0, Math.min(offset - lineStart, lineLength));
  return (fence.documentLineStarts[low] as number) + column;
}
