import type { Locale } from '../../core/text/locale';
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { FenceStrings } from '../../core/markdown/fenceStrings';
import { readPreviewSettings } from '../preview/previewSettings';
import { handshakeMarkdownIt } from './markdownItPlugin';

/** The words around a block's problems, in the display language (`vscode.l10n`). */
function fenceStrings(): FenceStrings {
  return {
    line: (line) => vscode.l10n.t('line {0}', line),
    severity: {
      error: vscode.l10n.t('error'),
      warning: vscode.l10n.t('warning'),
      info: vscode.l10n.t('info'),
    },
    diagram: vscode.l10n.t('Handshake sequence diagram'),
    drawFailed: vscode.l10n.t('The diagram could not be drawn:'),
  };
}

/**
 * What `activate` returns for VS Code's Markdown preview (`contributes.markdown.markdownItPlugins`):
 * the plugin that turns ` ```handshake ` blocks into checked diagrams, drawn in the preview by
 * `dist/webview/markdown-preview.js` with the shared `dist/webview/mermaid.js`
 * (`contributes.markdown.previewScripts`). The diagram follows the `handshake.preview.*`
 * settings, read at each render.
 */
export function markdownItExtender(locale: Locale): (md: MarkdownIt) => MarkdownIt {
  return (md) =>
    md.use(
      handshakeMarkdownIt(() => ({
        diagram: readPreviewSettings().diagram,
        strings: fenceStrings(),
        locale,
      })),
    );
}
