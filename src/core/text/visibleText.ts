/**
 * Control characters (C0 but tab, DEL, C1) and the Unicode line and paragraph separators.
 * Any of them in a quoted line could move a terminal's cursor or colours (ESC sequences), or
 * break a comment into two lines in an editor that treats a lone CR or U+2028 as a line end.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * `text` safe to show on one line, in a terminal or after `#` in a scenario: each control
 * character written as an escape (`\x1b`, `\r`, `\n`, `\u2028`), everything else as it is.
 */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\r') return '\\r';
    if (c === '\n') return '\\n';
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
