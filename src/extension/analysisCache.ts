import type { Locale } from '../core/text/locale';
import type * as vscode from 'vscode';
import { analyze, type Analysis } from '../core/analysis/analyze';

export const LANGUAGE_ID = 'handshake';

/** One analysis per document version, shared by every feature that reads the same text. */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; analysis: Analysis }>();

  /** `locale`: the display language every analysis is worded in, read once at activation. */
  constructor(readonly locale: Locale) {}

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached.analysis;
    const analysis = analyze(document.getText(), { locale: this.locale });
    this.entries.set(key, { version: document.version, analysis });
    return analysis;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }
}
