import type { Span } from '../text/span';

/**
 * Full-width forms (U+FF01 to U+FF5E) and the ideographic space (U+3000): what a Chinese or
 * Japanese input method types for `＋`, `＝`, `，`, `１`, `（` and the space. Outside strings and
 * comments they are read as their ASCII forms (`x＋1` is `x+1`), and each line that has them gets
 * one warning with a fix that writes the ASCII (see parser.ts). Inside a string they are payload
 * bytes, inside a comment words: both are left as written.
 */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** The full-width characters of one line, read as ASCII. */
export interface FullWidthLine {
  /** From the first full-width character of the line to the last. */
  readonly span: Span;
  /** Each character's offset, in order. */
  readonly offsets: readonly number[];
}

/** The ASCII form of a full-width character (the ideographic space is a space). */
export function asciiOf(code: number): string {
  return code === 0x3000 ? ' ' : String.fromCharCode(code - 0xfee0);
}

/**
 * True when the `//` at `at` follows `=SCHEME:` (`sni=https://`): the scanner reads that as a
 * URL, not a comment (see scanner.ts), so the characters after it are read here too.
 */
function afterScheme(text: string, at: number): boolean {
  if (text.charCodeAt(at - 1) !== 58) return false;
  let i = at - 2;
  while (i >= 0 && /[A-Za-z]/.test(text[i] as string)) i--;
  const equals = text.charCodeAt(i);
  return i < at - 2 && (equals === 61 || equals === 0xff1d);
}

function isFullWidth(code: number): boolean {
  return (code >= 0xff01 && code <= 0xff5e) || code === 0x3000;
}

/**
 * `text` with its full-width characters outside strings and comments replaced by their ASCII
 * forms (one code unit each, so every offset stays), and where they were, line by line; the
 * text itself, and no lines, when it has none (the usual case, found by one search).
 */
export function readFullWidthAsAscii(text: string): {
  readonly text: string;
  readonly lines: readonly FullWidthLine[];
} {
  if (!FULL_WIDTH.test(text)) return { text, lines: [] };
  const out: string[] = [];
  const lines: FullWidthLine[] = [];
  let offsets: number[] = [];
  let from = 0;
  let inString = false;
  let inComment = false;
  /** Replaces the full-width character at `at` by its ASCII form; gives that form's code. */
  const readAsAscii = (at: number): number => {
    const ascii = asciiOf(text.charCodeAt(at));
    out.push(text.slice(from, at), ascii);
    from = at + 1;
    offsets.push(at);
    return ascii.charCodeAt(0);
  };
  const endLine = (): void => {
    if (offsets.length === 0) return;
    const first = offsets[0] as number;
    const last = offsets[offsets.length - 1] as number;
    lines.push({ span: { start: first, end: last + 1 }, offsets });
    offsets = [];
  };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code === 10) {
      inString = inComment = false;
      endLine();
      continue;
    }
    if (inComment) continue;
    if (inString) {
      // An escape: the next character is the string's, unless the line ends (the scanner
      // ends an unterminated string there too).
      if (code === 92 && text.charCodeAt(i + 1) !== 10) i++;
      else if (code === 34) inString = false;
      continue;
    }
    if (isFullWidth(code)) code = readAsAscii(i);
    const next = text.charCodeAt(i + 1);
    if (code === 34) inString = true;
    else if (code === 35) inComment = true;
    else if (code === 47 && (next === 47 || next === 0xff0f) && !afterScheme(text, i)) {
      // `//` or `／／`: the comment starts at both slashes, so the second is read as ASCII too.
      if (next === 0xff0f) readAsAscii(i + 1);
      inComment = true;
    }
  }
  endLine();
  out.push(text.slice(from));
  return { text: out.join(''), lines };
}
