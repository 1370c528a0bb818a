/**
 * Characters that may stand in Mermaid sequence-diagram text as they are. Everything else,
 * including `;` and newlines (statement ends), `#` (entity start), `%` (`%%` comments and
 * `%%{init}%%` directives), `<` `>` (HTML and arrows), `:` and `-`, is written as a `#NNN;`
 * entity code, which Mermaid shows as that character and never reads as syntax.
 */
const SAFE = /[\p{L}\p{N} ._=+/(),']/u;

/**
 * Mermaid picks a diagram's kind by testing detectors in turn, and the C4 one is not anchored
 * (`/^\s*C4Context|C4Container|C4Component|C4Dynamic|C4Deployment/`, tested before the sequence
 * one): any of these words anywhere in the text makes a sequence diagram a C4 diagram, which
 * fails. Their `4` is written as an entity, which Mermaid shows as `4` after it has chosen.
 */
const C4_WORD = /C4(?=Context|Container|Component|Dynamic|Deployment)/g;

/** Escapes user text for a message, note, title or alias in a Mermaid sequence diagram. */
export function escapeMermaid(text: string): string {
  let out = '';
  for (const char of text) {
    out += SAFE.test(char) ? char : `#${char.codePointAt(0)};`;
  }
  return out.replace(C4_WORD, 'C#52;');
}

/** Shortens text to `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * What may not stand as itself in the text of a message, note, title, or the part of an alias
 * after a line break: Mermaid's lexer reads such text up to `#`, `;` or a line end, `%` may
 * open a directive, `<` `>` `&` make markup, and control and line-separator characters end
 * lines. Everything else (`:`, `-`, quotes, brackets) is plain text there.
 */
const UNSAFE_IN_TEXT = /[#;%<>&\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Escapes user text for the text of a message, note or title: fewer entity codes than
 * `escapeMermaid`, because Mermaid lays text out before it decodes them (`#58;` is measured as
 * a word, not as `:`), so every code widens the diagram.
 */
export function escapeMermaidText(text: string): string {
  let out = '';
  for (const char of text) {
    out += UNSAFE_IN_TEXT.test(char) ? `#${char.codePointAt(0)};` : char;
  }
  // `wrap:` or `nowrap:` at the start would be read as a directive for the line.
  return out.replace(/^(\s*(?:no)?wrap):/i, '$1#58;').replace(C4_WORD, 'C#52;');
}
