import * as vscode from 'vscode';
import {
  completionListInMarkdown,
  fenceVerdicts,
  fixAllSeqAckInMarkdown,
  hoverInMarkdown,
  inlayHintsInMarkdown,
  quickFixesInMarkdown,
} from '../../core/markdown/fenceServices';
import { fixAllTitle } from '../../core/service/fixes';
import { toRange } from '../convert';
import { Disposable } from '../disposable';
import {
  FIX_ALL_KIND,
  toCompletionItem,
  wantsFixAll,
  workspaceEdit,
} from '../language/editorFeatures';
import type { MarkdownChecks } from './markdownChecks';
import { MARKDOWN_LANGUAGE_ID } from './markdownDiagnostics';
import type { TypingTracker } from '../language/typingTracker';
import { valueHintsProvider } from '../language/valueHints';

const SELECTOR: vscode.DocumentSelector = { language: MARKDOWN_LANGUAGE_ID };

/**
 * Hover, completion, quick fixes, fix-all, inlay hints and a verdict above each block, for the
 * ` ```handshake ` blocks of Markdown documents: thin adapters to `core/markdown/fenceServices`,
 * which asks the `.handshake` language service about the block under the cursor. Outside the
 * blocks they answer nothing, so the Markdown extension's own features are left alone.
 */
export class MarkdownFeatures extends Disposable {
  constructor(
    private readonly checks: MarkdownChecks,
    typing: TypingTracker,
  ) {
    super();
    const l = vscode.languages;
    this.register(l.registerHoverProvider(SELECTOR, { provideHover: (d, p) => this.hover(d, p) }));
    // The same trigger characters as in a .handshake file; outside a block the provider
    // answers nothing at once, and a trigger character asks only the providers that claim it.
    this.register(
      l.registerCompletionItemProvider(
        SELECTOR,
        { provideCompletionItems: (d, p) => this.complete(d, p) },
        '=',
        ' ',
        '>',
      ),
    );
    this.register(
      l.registerCodeActionsProvider(
        SELECTOR,
        { provideCodeActions: (d, r, c) => this.codeActions(d, r, c) },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] },
      ),
    );
    this.register(
      l.registerInlayHintsProvider(
        SELECTOR,
        valueHintsProvider(typing, (d, span) => {
          const check = this.checks.get(d);
          return check.fences.length === 0 ? [] : inlayHintsInMarkdown(check, span);
        }),
      ),
    );
    this.register(
      l.registerCodeLensProvider(SELECTOR, { provideCodeLenses: (d) => this.codeLenses(d) }),
    );
  }

  private hover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.Hover | undefined {
    const found = hoverInMarkdown(this.checks.get(document), document.offsetAt(position));
    if (!found) return undefined;
    const markdown = new vscode.MarkdownString(found.markdown);
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, toRange(document, found.span));
  }

  private complete(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.CompletionList {
    const list = completionListInMarkdown(this.checks.get(document), document.offsetAt(position));
    return new vscode.CompletionList(
      list.items.map((item) => toCompletionItem(document, item)),
      list.isIncomplete,
    );
  }

  private codeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (wantsFixAll(context.only)) return this.fixAllAction(document);
    const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    const fixes = quickFixesInMarkdown(document.getText(), this.checks.get(document), span);
    return fixes.map((fix) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(document, fix.edits);
      action.isPreferred = fix.preferred;
      const d = fix.diagnostic;
      if (d) {
        action.diagnostics = context.diagnostics.filter(
          (v) => v.code === d.code && v.range.isEqual(toRange(document, d.span)),
        );
      }
      return action;
    });
  }

  private fixAllAction(document: vscode.TextDocument): vscode.CodeAction[] {
    if (this.checks.get(document).fences.length === 0) return [];
    const edits = fixAllSeqAckInMarkdown(document.getText());
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction(fixAllTitle(this.checks.locale), FIX_ALL_KIND);
    action.edit = workspaceEdit(document, edits);
    return [action];
  }

  /** Each block's verdict above its opening fence, as above the scenario of a .handshake file. */
  private codeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return fenceVerdicts(this.checks.get(document)).map(({ line, verdict, problems }) => {
      const range = new vscode.Range(line, 0, line, 0);
      return new vscode.CodeLens(range, {
        title: verdict,
        command: problems > 0 ? 'workbench.actions.view.problems' : '',
      });
    });
  }
}
