/**
 * What our generator never writes and Mermaid would obey: `%%` anywhere (comments, and
 * `%%{init}%%` directives, which Mermaid finds anywhere in the text and which can set
 * `themeCSS`), and the interaction statements (`click`, `link`,
 * `links`, `properties`, `details`: menus of links on a participant).
 */
const FOREIGN = /%%|^\s*(click|links?|properties|details)\s/i;

/**
 * Why `text` is not a diagram `renderMermaid` wrote, or undefined when it may be one. A page
 * script draws only such text: in a Markdown preview, raw HTML written in the note can carry the
 * fence's class, and what it holds must not reach Mermaid as configuration or links. User
 * strings cannot trip this: `escapeMermaid` writes `%` and `:` as entities.
 */
export function foreignMermaid(text: string): string | undefined {
  if (!/^sequenceDiagram\s*$/m.test(text.split('\n', 1)[0] ?? '')) {
    return 'not a Handshake sequence diagram';
  }
  for (const [index, line] of text.split('\n').entries()) {
    if (FOREIGN.test(line))
      return `line ${index + 1} is not one Handshake writes: ${line.trim().slice(0, 40)}`;
  }
  return undefined;
}
