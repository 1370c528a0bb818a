import * as vscode from 'vscode';
import { EditingLines } from '../../core/service/editingLines';
import { LANGUAGE_ID } from '../analysisCache';
import { Disposable } from '../disposable';

/**
 * Follows which line of each scenario is being typed (see `EditingLines`), from the edits and
 * the cursor moves VS Code reports, and says when that changes.
 */
export class TypingTracker extends Disposable {
  private readonly lines = new EditingLines();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires with a document whose line being typed changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Typing is one change at a time in the editor on screen; a rename, a format or a
        // fix-all changes many places and is nobody's line being typed.
        const [change, ...more] = e.contentChanges;
        if (!TRACKED.has(e.document.languageId) || !change || more.length > 0) return;
        if (vscode.window.activeTextEditor?.document !== e.document) return;
        // Where the change ends, in the new text: the caret after typing or pasting.
        const end = change.range.start.line + (change.text.match(/\n/g)?.length ?? 0);
        if (this.lines.edited(e.document.uri.toString(), end)) this.changed.fire(e.document.uri);
      }),
    );
    this.register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const document = e.textEditor.document;
        if (!TRACKED.has(document.languageId)) return;
        if (this.lines.moved(document.uri.toString(), e.selections[0]?.active.line ?? -1)) {
          this.changed.fire(document.uri);
        }
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => this.lines.forget(d.uri.toString())),
    );
  }

  /** The 0-based line being typed in `document`, if any. */
  lineOf(document: vscode.TextDocument): number | undefined {
    return this.lines.lineOf(document.uri.toString());
  }
}

/** Scenarios, and Markdown notes for their ```handshake blocks. */
const TRACKED = new Set([LANGUAGE_ID, 'markdown']);
