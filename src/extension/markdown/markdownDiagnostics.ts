import type * as vscode from 'vscode';
import { checkMarkdown, type MarkdownCheck } from '../../core/markdown/checkMarkdown';
import { toVscodeDiagnostic } from '../convert';
import { DebouncedDiagnostics } from '../debouncedDiagnostics';

export const MARKDOWN_LANGUAGE_ID = 'markdown';

/**
 * Publishes the engine's problems for the ` ```handshake ` blocks of open Markdown documents,
 * underlined where they are inside the fences: at once on open, debounced while typing (setting
 * `handshake.diagnostics.delay`), cleared on close.
 */
export class MarkdownDiagnostics extends DebouncedDiagnostics {
  /** The last check of each open document, so that unchanged blocks are not checked again. */
  private readonly checks = new Map<string, MarkdownCheck>();

  constructor() {
    super('handshake-markdown', MARKDOWN_LANGUAGE_ID);
    this.start();
  }

  protected diagnosticsOf(document: vscode.TextDocument): vscode.Diagnostic[] | undefined {
    const text = document.getText();
    const key = document.uri.toString();
    // Most notes have no Handshake block: skip them without scanning line by line.
    if (!/handshake/i.test(text)) {
      this.checks.delete(key);
      return undefined;
    }
    const check = checkMarkdown(text, this.checks.get(key));
    this.checks.set(key, check);
    return check.diagnostics.map((d) => toVscodeDiagnostic(document, d));
  }

  protected forget(document: vscode.TextDocument): void {
    this.checks.delete(document.uri.toString());
  }
}
