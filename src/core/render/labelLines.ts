import { escapeMermaidText, truncate } from './escapeMermaid';

/**
 * Arrow labels and notes are broken into short lines so that a diagram reads in a side panel:
 * the width of a sequence diagram is set by its longest label, and a label of 70 characters
 * makes the diagram too wide to fit a 500 px panel at a readable size. Lines are built from
 * whole parts (a flag list, `seq=…`, a payload) so that a number is never split.
 */

/** Columns per line of an arrow label: `PSH ACK seq=3626544837 ack=1739326487` fits. */
export const LABEL_WIDTH = 28;
/** Columns per line of a note on one lifeline (a state, a key derivation). */
export const NOTE_WIDTH = 20;
/** Lines of an arrow label, at most. */
export const LABEL_LINES = 3;
/** Lines of a note, at most: a certificate check in Chinese takes five. */
export const NOTE_LINES = 6;

/**
 * Greedily packs `parts` (joined by spaces) into lines of at most `width` columns; a part
 * longer than `width` is broken at spaces, or cut, so no line is longer. At most `maxLines`
 * lines: the last one ends in an ellipsis when something was left out.
 */
export function packLines(parts: readonly string[], width: number, maxLines: number): string[] {
  const words = parts.flatMap((part) => splitLong(part, width));
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current === '') current = word;
    else if (length(current) + 1 + length(word) <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] as string;
  while (last !== '' && length(last) + 1 > width) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** The lines as Mermaid text: each escaped, joined by Mermaid's line break. */
export function mermaidLines(lines: readonly string[]): string {
  return lines.map(escapeMermaidText).join('<br/>');
}

/** A part longer than `width`, as pieces no longer than `width`: at spaces where it has them. */
function splitLong(part: string, width: number): string[] {
  if (length(part) <= width) return [part];
  const pieces: string[] = [];
  let current = '';
  for (const word of part.split(' ')) {
    for (const chunk of chunks(word, width)) {
      if (current === '') current = chunk;
      else if (length(current) + 1 + length(chunk) <= width) current += ` ${chunk}`;
      else {
        pieces.push(current);
        current = chunk;
      }
    }
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/**
 * `word` cut into pieces of at most `width` columns: between wide (Chinese) characters, as
 * Chinese is broken, or between one and a Latin run, and inside a Latin run only when the
 * run alone is wider than a line.
 */
function chunks(word: string, width: number): string[] {
  const tokens = [...word].reduce<string[]>((runs, char) => {
    const last = runs.at(-1);
    if (last !== undefined && !WIDE.test(char) && !WIDE.test(last)) runs[runs.length - 1] += char;
    else runs.push(char);
    return runs;
  }, []);
  const out: string[] = [];
  let current = '';
  for (const token of tokens) {
    for (const piece of cutRun(token, width)) {
      if (current !== '' && length(current + piece) > width) {
        out.push(current);
        current = '';
      }
      current += piece;
    }
  }
  out.push(current);
  return out;
}

/** A run cut into pieces of at most `width` columns, character by character. */
function cutRun(run: string, width: number): string[] {
  if (length(run) <= width) return [run];
  const out: string[] = [];
  let current = '';
  for (const char of run) {
    if (current !== '' && length(current + char) > width) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  out.push(current);
  return out;
}

/** East Asian wide characters and pictographs take two columns, as in a terminal. */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}/u;

/** Width in columns: a Latin letter or digit is one, a Chinese character two. */
export function length(text: string): number {
  let n = 0;
  for (const char of text) n += WIDE.test(char) ? 2 : 1;
  return n;
}

/** The escapes of the language's strings, for the control characters they stand for. */
const ESCAPES: Readonly<Record<string, string>> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/**
 * A payload as a label shows it: in quotes, control characters written as the scenario writes
 * them (`GET / HTTP/1.0\r\n`), at most `max` characters.
 */
export function payloadText(payload: string, max: number): string {
  const shown = payload.replace(
    /\p{Cc}/gu,
    (char) => ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `"${truncate(shown, max)}"`;
}
