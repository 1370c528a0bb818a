import * as vscode from 'vscode';
import { type AnalysisCache, LANGUAGE_ID } from './analysisCache';
import { toVscodeDiagnostic } from './convert';
import { Disposable } from './disposable';

/**
 * Publishes the engine's diagnostics for every open `.handshake` document: at once on open,
 * debounced while typing (setting `handshake.diagnostics.delay`), cleared on close.
 */
export class DiagnosticsPublisher extends Disposable {
  private readonly collection = this.register(
    vscode.languages.createDiagnosticCollection(LANGUAGE_ID),
  );
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly cache: AnalysisCache) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.publishNow(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d);
        this.collection.delete(d.uri);
        this.cache.forget(d);
      }),
    );
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    for (const document of vscode.workspace.textDocuments) this.publishNow(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID) return;
    this.cancel(document);
    const delay = vscode.workspace
      .getConfiguration('handshake', document)
      .get<number>('diagnostics.delay', 300);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          this.publishNow(document);
        },
        Math.max(0, delay),
      ),
    );
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private publishNow(document: vscode.TextDocument): void {
    if (document.languageId !== LANGUAGE_ID || document.isClosed) return;
    const analysis = this.cache.get(document);
    this.collection.set(
      document.uri,
      analysis.diagnostics.map((d) => toVscodeDiagnostic(document, d)),
    );
  }
}
