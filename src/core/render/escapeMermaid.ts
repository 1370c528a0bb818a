/**
 * Characters that may stand in Mermaid sequence-diagram text as they are. Everything else,
 * including `;` and newlines (statement ends), `#` (entity start), `%` (`%%` comments and
 * `%%{init}%%` directives), `<` `>` (HTML and arrows), `:` and `-`, is written as a `#NNN;`
 * entity code, which Mermaid shows as that character and never reads as syntax.
 */
const SAFE = /[\p{L}\p{N} ._=+/(),']/u;

/** Escapes user text for a message, note, title or alias in a Mermaid sequence diagram. */
export function escapeMermaid(text: string): string {
  let out = '';
  for (const char of text) {
    out += SAFE.test(char) ? char : `#${char.codePointAt(0)};`;
  }
  return out;
}

/** Shortens text to `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}
