import type MarkdownIt from 'markdown-it';
import { readPreviewSettings } from '../preview/previewSettings';
import { handshakeMarkdownIt } from './markdownItPlugin';

/**
 * What `activate` returns for VS Code's Markdown preview (`contributes.markdown.markdownItPlugins`):
 * the plugin that turns ` ```handshake ` blocks into checked diagrams, drawn in the preview by
 * `dist/webview/markdown-preview.js` (`contributes.markdown.previewScripts`). The diagram follows
 * the `handshake.preview.*` settings, read at each render.
 */
export function extendMarkdownIt(md: MarkdownIt): MarkdownIt {
  return md.use(handshakeMarkdownIt(() => ({ diagram: readPreviewSettings().diagram })));
}
