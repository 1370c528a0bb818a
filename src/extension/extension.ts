import type * as vscode from 'vscode';
import { AnalysisCache } from './analysisCache';
import { DiagnosticsPublisher } from './diagnosticsPublisher';

/** Activated by the `handshake` language (see package.json activationEvents). */
export function activate(context: vscode.ExtensionContext): void {
  const cache = new AnalysisCache();
  context.subscriptions.push(new DiagnosticsPublisher(cache));
}

export function deactivate(): void {}
