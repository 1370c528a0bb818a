import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/preview/protocol';
import { base64ToBytes } from './base64';
import type { HandshakePreview } from './preview';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
};

/**
 * Saves the drawn diagram where the user chooses (VS Code's save dialog asks before replacing a
 * file); nothing is written without that choice.
 */
export async function exportDiagram(
  preview: HandshakePreview,
  format: ExportFormat,
): Promise<void> {
  const result = await preview.requestExport(format);
  if (!result.ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not export the diagram: {0}', result.error),
    );
    return;
  }
  const source = preview.resource;
  const defaultUri = source.with({ path: source.path.replace(/\.[^./]*$/, '') + `.${format}` });
  const target = await vscode.window.showSaveDialog({
    defaultUri,
    filters: FILTERS[format],
    saveLabel: vscode.l10n.t('Save {0}', format.toUpperCase()),
  });
  if (!target) return;
  const bytes =
    format === 'svg' ? new TextEncoder().encode(result.data) : base64ToBytes(result.data);
  if (format === 'png' && !isPng(bytes)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not export the diagram: the preview sent no PNG image.'),
    );
    return;
  }
  if (format === 'svg' && !/^<\?xml[^>]*>\s*<svg[\s>]/.test(result.data)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not export the diagram: the preview sent no SVG image.'),
    );
    return;
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.setStatusBarMessage(
    vscode.l10n.t('Diagram saved to {0}', target.fsPath),
    5000,
  );
}

function isPng(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return signature.every((byte, index) => bytes[index] === byte);
}
