import type { Locale } from '../../core/text/locale';
import type * as vscode from 'vscode';
import { checkMarkdown, type MarkdownCheck } from '../../core/markdown/checkMarkdown';

/**
 * One check of the ` ```handshake ` blocks per Markdown document version, shared by the
 * diagnostics and the editor features. A new version is checked against the last one, so that
 * typing in a long note re-analyses only the block being edited (see `checkMarkdown`).
 */
export class MarkdownChecks {
  private readonly entries = new Map<string, { version: number; check: MarkdownCheck }>();
  private readonly noBlocks: MarkdownCheck;

  /** `locale`: the display language the blocks are checked in, read once at activation. */
  constructor(readonly locale: Locale) {
    this.noBlocks = { fences: [], diagnostics: [], locale };
  }

  get(document: vscode.TextDocument): MarkdownCheck {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached.check;
    const text = document.getText();
    // Most notes have no Handshake block: skip them without scanning line by line.
    const check = /handshake/i.test(text)
      ? checkMarkdown(text, cached?.check, this.locale)
      : this.noBlocks;
    this.entries.set(key, { version: document.version, check });
    return check;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }
}
