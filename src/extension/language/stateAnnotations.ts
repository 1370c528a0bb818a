import * as vscode from 'vscode';
import { inlayHintsInMarkdown } from '../../core/markdown/fenceServices';
import type { Span } from '../../core/text/span';
import { inlayHints, type InlayHint } from '../../core/service/inlayHints';
import { type AnalysisCache, LANGUAGE_ID } from '../analysisCache';
import { Disposable } from '../disposable';
import type { MarkdownChecks } from '../markdown/markdownChecks';
import type { TypingTracker } from './typingTracker';

/**
 * The states the endpoints enter after each segment (setting `handshake.inlayHints.states`),
 * drawn after the end of the segment's line as a decoration rather than an inlay hint: the
 * caret at the end of a line stays beside the text (an inlay hint there takes the caret past
 * itself, and End scrolls a half-width editor sideways to reach it), and nothing the person
 * wrote moves. The line being typed gets none until it is left. Only the visible lines are
 * computed, so a capture of thousands of segments costs what its screen costs. The same in the
 * ```handshake blocks of Markdown notes.
 */
export class StateAnnotations extends Disposable {
  private readonly decoration = this.register(
    vscode.window.createTextEditorDecorationType({
      after: {
        color: new vscode.ThemeColor('editorInlayHint.foreground'),
        backgroundColor: new vscode.ThemeColor('editorInlayHint.background'),
        margin: '0 0 0 2ch',
      },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
    }),
  );
  private readonly timers = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly cache: AnalysisCache,
    private readonly markdown: MarkdownChecks,
    private readonly typing: TypingTracker,
  ) {
    super();
    const w = vscode.window;
    this.register(
      w.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.now(e))),
    );
    this.register(w.onDidChangeTextEditorVisibleRanges((e) => this.later(e.textEditor, 50)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const delay = vscode.workspace
          .getConfiguration('handshake', e.document)
          .get<number>('diagnostics.delay', 300);
        for (const editor of this.editorsOf(e.document.uri)) this.later(editor, delay);
      }),
    );
    this.register(
      typing.onDidChange((uri) => this.editorsOf(uri).forEach((editor) => this.now(editor))),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('handshake.inlayHints.states')) return;
        w.visibleTextEditors.forEach((editor) => this.now(editor));
      }),
    );
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    w.visibleTextEditors.forEach((editor) => this.now(editor));
  }

  private editorsOf(uri: vscode.Uri): vscode.TextEditor[] {
    const key = uri.toString();
    return vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === key);
  }

  private later(editor: vscode.TextEditor, delay: number): void {
    const pending = this.timers.get(editor);
    if (pending) clearTimeout(pending);
    this.timers.set(
      editor,
      setTimeout(() => this.now(editor), Math.max(0, delay)),
    );
  }

  private now(editor: vscode.TextEditor): void {
    const pending = this.timers.get(editor);
    if (pending) clearTimeout(pending);
    this.timers.delete(editor);
    const document = editor.document;
    if (this.isDisposed || !ANNOTATED.has(document.languageId) || document.isClosed) return;
    const on = vscode.workspace
      .getConfiguration('handshake.inlayHints', document)
      .get<boolean>('states', true);
    editor.setDecorations(this.decoration, on ? this.annotations(editor) : []);
  }

  private annotations(editor: vscode.TextEditor): vscode.DecorationOptions[] {
    const document = editor.document;
    const typed = this.typing.lineOf(document);
    const shown = new Map<number, vscode.DecorationOptions>();
    for (const visible of editor.visibleRanges) {
      const span = { start: document.offsetAt(visible.start), end: document.offsetAt(visible.end) };
      for (const hint of this.hintsOf(document, span)) {
        if (hint.kind !== 'state') continue;
        const line = document.positionAt(hint.offset).line;
        if (line === typed || shown.has(line)) continue;
        const end = document.lineAt(line).range.end;
        shown.set(line, {
          range: new vscode.Range(end, end),
          hoverMessage: hint.tooltip,
          renderOptions: { after: { contentText: hint.label } },
        });
      }
    }
    return [...shown.values()];
  }

  private hintsOf(document: vscode.TextDocument, span: Span): InlayHint[] {
    if (document.languageId === LANGUAGE_ID) return inlayHints(this.cache.get(document), span);
    const check = this.markdown.get(document);
    return check.fences.length === 0 ? [] : inlayHintsInMarkdown(check, span);
  }
}

/** Scenarios, and Markdown notes for their ```handshake blocks. */
const ANNOTATED = new Set([LANGUAGE_ID, 'markdown']);
