import { setLocale } from '../core/l10n/locale';
import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CaptureCommands } from './capture/captureCommands';
import { CaptureEditorProvider } from './capture/captureEditor';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { EditorFeatures } from './language/editorFeatures';
import { registerNewScenario } from './language/newScenario';
import { MarkdownDiagnostics } from './markdown/markdownDiagnostics';
import { extendMarkdownIt } from './markdown/markdownPreview';
import { PreviewManager } from './preview/previewManager';

/**
 * Activated by the `handshake` language, its commands, a preview panel to restore, a capture
 * file, a Markdown document (for its ```handshake blocks), or VS Code's Markdown preview, which
 * uses the returned `extendMarkdownIt`.
 */
export function activate(context: vscode.ExtensionContext): {
  extendMarkdownIt: typeof extendMarkdownIt;
} {
  // Diagnostics, hovers and the diagram speak VS Code's display language (简体中文 or English).
  setLocale(vscode.env.language);
  const cache = new AnalysisCache();
  context.subscriptions.push(
    new DiagnosticsPublisher(cache),
    new EditorFeatures(cache),
    registerNewScenario(),
    new PreviewManager(context.extensionUri, cache),
    new CaptureCommands(),
    new CaptureEditorProvider(),
    new MarkdownDiagnostics(),
  );
  return { extendMarkdownIt };
}

export function deactivate(): void {}
