import * as vscode from 'vscode';
import { Disposable } from './disposable';

/**
 * Publishes diagnostics for the open documents of one language: at once on open, debounced
 * while typing (setting `handshake.diagnostics.delay`), cleared on close. Subclasses say what
 * the diagnostics of a document are, and call `start()` at the end of their constructor.
 */
export abstract class DebouncedDiagnostics extends Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  protected constructor(
    collectionName: string,
    private readonly languageId: string,
  ) {
    super();
    this.collection = this.register(vscode.languages.createDiagnosticCollection(collectionName));
  }

  /** The document's diagnostics now; undefined to clear them. */
  protected abstract diagnosticsOf(document: vscode.TextDocument): vscode.Diagnostic[] | undefined;

  /** Drops what is kept for a closed document. */
  protected abstract forget(document: vscode.TextDocument): void;

  /** Listens, and publishes for the documents already open. */
  protected start(): void {
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.publishNow(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d);
        this.collection.delete(d.uri);
        this.forget(d);
      }),
    );
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    for (const document of vscode.workspace.textDocuments) this.publishNow(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== this.languageId) return;
    this.cancel(document);
    const delay = vscode.workspace
      .getConfiguration('handshake', document)
      .get<number>('diagnostics.delay', 300);
    const key = document.uri.toString();
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        this.publishNow(document);
      },
      Math.max(0, delay),
    );
    this.timers.set(key, timer);
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private publishNow(document: vscode.TextDocument): void {
    if (document.languageId !== this.languageId || document.isClosed) return;
    const diagnostics = this.diagnosticsOf(document);
    if (diagnostics) this.collection.set(document.uri, diagnostics);
    else this.collection.delete(document.uri);
  }
}
