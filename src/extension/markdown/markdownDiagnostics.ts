import type * as vscode from 'vscode';
import { toVscodeDiagnostic } from '../convert';
import { DebouncedDiagnostics } from '../debouncedDiagnostics';
import type { MarkdownChecks } from './markdownChecks';

export const MARKDOWN_LANGUAGE_ID = 'markdown';

/**
 * Publishes the engine's problems for the ` ```handshake ` blocks of open Markdown documents,
 * underlined where they are inside the fences: at once on open, debounced while typing (setting
 * `handshake.diagnostics.delay`), cleared on close.
 */
export class MarkdownDiagnostics extends DebouncedDiagnostics {
  constructor(private readonly checks: MarkdownChecks) {
    super('handshake-markdown', MARKDOWN_LANGUAGE_ID);
    this.start();
  }

  protected diagnosticsOf(document: vscode.TextDocument): vscode.Diagnostic[] | undefined {
    const { fences, diagnostics } = this.checks.get(document);
    if (fences.length === 0) return undefined;
    return diagnostics.map((d) => toVscodeDiagnostic(document, d));
  }

  protected forget(document: vscode.TextDocument): void {
    this.checks.forget(document);
  }
}
