import type * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { PreviewManager } from './preview/previewManager';

/** Activated by the `handshake` language, its commands, or a preview panel to restore. */
export function activate(context: vscode.ExtensionContext): void {
  const cache = new AnalysisCache();
  context.subscriptions.push(new DiagnosticsPublisher(cache));
  context.subscriptions.push(new PreviewManager(context.extensionUri, cache));
}

export function deactivate(): void {}
