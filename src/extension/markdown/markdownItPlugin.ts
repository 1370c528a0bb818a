import type MarkdownIt from 'markdown-it';
import {
  FENCE_CLASS,
  handshakeFenceBody,
  type FenceHtmlOptions,
} from '../../core/markdown/fenceHtml';
import { isHandshakeInfo } from '../../core/markdown/fences';

/**
 * A markdown-it plugin for VS Code's Markdown preview (`extendMarkdownIt`): a fenced block whose
 * language is `handshake` becomes the checked diagram with its problems (see
 * `handshakeFenceBody`), its lines numbered as in the document; every other fence is left to the
 * renderer before it. The block keeps the attributes VS Code put on the token (`data-line`,
 * class `code-line`) for scroll sync.
 * `options` is read for each block, so changed settings apply at the next render.
 */
export function handshakeMarkdownIt(options: () => FenceHtmlOptions = () => ({})) {
  return (md: MarkdownIt): void => {
    const fallback = md.renderer.rules.fence;
    md.renderer.rules.fence = (tokens, index, mdOptions, env, self) => {
      const token = tokens[index];
      if (!token || !isHandshakeInfo(token.info)) {
        return fallback
          ? fallback(tokens, index, mdOptions, env, self)
          : self.renderToken(tokens, index, mdOptions);
      }
      token.attrJoin('class', FENCE_CLASS);
      // token.map[0] is the opening fence's line in the document VS Code gave markdown-it: the
      // problems then name the lines the editor and the Problems list name.
      const line = token.map?.[0];
      const body = handshakeFenceBody(token.content, {
        ...options(),
        ...(line === undefined ? {} : { line }),
      });
      return `<div${self.renderAttrs(token)}>\n${body}\n</div>\n`;
    };
  };
}
