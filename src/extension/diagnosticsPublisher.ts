import type * as vscode from 'vscode';
import { type AnalysisCache, LANGUAGE_ID } from './analysisCache';
import { toVscodeDiagnostic } from './convert';
import { DebouncedDiagnostics } from './debouncedDiagnostics';

/**
 * Publishes the engine's diagnostics for every open `.handshake` document: at once on open,
 * debounced while typing (setting `handshake.diagnostics.delay`), cleared on close.
 */
export class DiagnosticsPublisher extends DebouncedDiagnostics {
  constructor(private readonly cache: AnalysisCache) {
    super(LANGUAGE_ID, LANGUAGE_ID);
    this.start();
  }

  protected diagnosticsOf(document: vscode.TextDocument): vscode.Diagnostic[] {
    return this.cache.get(document).diagnostics.map((d) => toVscodeDiagnostic(document, d));
  }

  protected forget(document: vscode.TextDocument): void {
    this.cache.forget(document);
  }
}
