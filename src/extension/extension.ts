import { setLocale } from '../core/l10n/locale';
import * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { CaptureCommands } from './capture/captureCommands';
import { CaptureEditorProvider } from './capture/captureEditor';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { EditorFeatures } from './language/editorFeatures';
import { registerNewScenario } from './language/newScenario';
import { PreviewManager } from './preview/previewManager';

/** Activated by the `handshake` language, its commands, or a preview panel to restore. */
export function activate(context: vscode.ExtensionContext): void {
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
  );
}

export function deactivate(): void {}
