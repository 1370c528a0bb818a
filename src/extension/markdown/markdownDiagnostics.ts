import * as vscode from 'vscode';
import { checkMarkdown, type MarkdownCheck } from '../../core/markdown/checkMarkdown';
import { toVscodeDiagnostic } from '../convert';
import { Disposable } from '../disposable';

export const MARKDOWN_LANGUAGE_ID = 'markdown';

/**
 * Publishes the engine's problems for the ` ```handshake ` blocks of open Markdown documents,
 * underlined where they are inside the fences: at once on open, debounced while typing (setting
 * `handshake.diagnostics.delay`), cleared on close.
 */
export class MarkdownDiagnostics extends Disposable {
  private readonly collection = this.register(
    vscode.languages.createDiagnosticCollection('handshake-markdown'),
  );
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last check of each open document, so that unchanged blocks are not checked again. */
  private readonly checks = new Map<string, MarkdownCheck>();

  constructor() {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.publishNow(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d);
        this.collection.delete(d.uri);
        this.checks.delete(d.uri.toString());
      }),
    );
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    for (const document of vscode.workspace.textDocuments) this.publishNow(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== MARKDOWN_LANGUAGE_ID) return;
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
    if (document.languageId !== MARKDOWN_LANGUAGE_ID || document.isClosed) return;
    const text = document.getText();
    // Most notes have no Handshake block: skip them without scanning line by line.
    const key = document.uri.toString();
    if (!/handshake/i.test(text)) {
      this.collection.delete(document.uri);
      this.checks.delete(key);
      return;
    }
    const check = checkMarkdown(text, this.checks.get(key));
    this.checks.set(key, check);
    this.collection.set(
      document.uri,
      check.diagnostics.map((d) => toVscodeDiagnostic(document, d)),
    );
  }
}
