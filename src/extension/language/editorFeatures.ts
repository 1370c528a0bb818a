import * as vscode from 'vscode';
import type { Analysis } from '../../core/analysis/analyze';
import type { TextEdit } from '../../core/text/textEdits';
import { completionList, type CompletionItem } from '../../core/service/completion';
import { fixAllSeqAck, fixAllTitle, quickFixes } from '../../core/service/fixes';
import { foldingRanges } from '../../core/service/folding';
import { formatDocument } from '../../core/format/format';
import { hover } from '../../core/service/hover';
import { inlayHints } from '../../core/service/inlayHints';
import { definition, prepareRename, references, rename } from '../../core/service/names';
import { outline, type OutlineSymbol } from '../../core/service/outline';
import { alignRename } from '../../core/service/renameAligned';
import { verdict, verdictTarget } from '../../core/service/verdict';
import { type AnalysisCache, LANGUAGE_ID } from '../analysisCache';
import { toRange } from '../convert';
import { Disposable } from '../disposable';
import { completeWalkthroughStep, WalkthroughStep } from '../walkthroughProgress';
import type { TypingTracker } from './typingTracker';
import { valueHintsProvider } from './valueHints';

const SELECTOR: vscode.DocumentSelector = { language: LANGUAGE_ID };
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('handshake');

/**
 * Run by VS Code after a fix's edit is applied: ticks the walkthrough's "Fix a mistake" step,
 * which a quick fix completes without running any command of ours.
 */
const MISTAKE_FIXED: vscode.Command = {
  title: '',
  command: 'setContext',
  arguments: [WalkthroughStep.mistakeFixed, true],
};

/**
 * The editor features, each a thin adapter from the pure language service in src/core/service
 * to a VS Code provider: positions and ranges are converted here, nothing is decided here.
 */
export class EditorFeatures extends Disposable {
  constructor(
    private readonly cache: AnalysisCache,
    typing: TypingTracker,
  ) {
    super();
    const l = vscode.languages;
    this.register(l.registerHoverProvider(SELECTOR, { provideHover: (d, p) => this.hover(d, p) }));
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
      l.registerDocumentSymbolProvider(SELECTOR, {
        provideDocumentSymbols: (d) => this.symbols(d),
      }),
    );
    this.register(
      l.registerFoldingRangeProvider(SELECTOR, { provideFoldingRanges: (d) => this.folding(d) }),
    );
    this.register(
      l.registerDefinitionProvider(SELECTOR, {
        provideDefinition: (d, p) => this.definition(d, p),
      }),
    );
    this.register(
      l.registerReferenceProvider(SELECTOR, { provideReferences: (d, p) => this.references(d, p) }),
    );
    this.register(
      l.registerRenameProvider(SELECTOR, {
        prepareRename: (d, p) => this.prepareRename(d, p),
        provideRenameEdits: (d, p, name) => this.rename(d, p, name),
      }),
    );
    this.register(
      l.registerDocumentFormattingEditProvider(SELECTOR, {
        provideDocumentFormattingEdits: (d) => this.format(d),
      }),
    );
    this.register(
      l.registerDocumentRangeFormattingEditProvider(SELECTOR, {
        provideDocumentRangeFormattingEdits: (d, r) => this.format(d, r),
      }),
    );
    this.register(
      l.registerCodeLensProvider(SELECTOR, { provideCodeLenses: (d) => this.codeLenses(d) }),
    );
    this.register(
      l.registerInlayHintsProvider(
        SELECTOR,
        valueHintsProvider(typing, (d, span) => inlayHints(this.analysis(d), span)),
      ),
    );
    this.register(
      vscode.commands.registerCommand('handshake.fixAllSeqAck', () => this.fixAllCommand()),
    );
  }

  private analysis(document: vscode.TextDocument) {
    return this.cache.get(document);
  }

  private hover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.Hover | undefined {
    const found = hover(this.analysis(document), document.offsetAt(position));
    if (!found) return undefined;
    const markdown = new vscode.MarkdownString(found.markdown);
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, toRange(document, found.span));
  }

  private complete(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.CompletionList {
    const list = completionList(this.analysis(document), document.offsetAt(position));
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
    const analysis = this.analysis(document);
    if (wantsFixAll(context.only)) return this.fixAllAction(document);
    const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    return quickFixes(analysis, span).map((fix) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(document, fix.edits);
      action.command = MISTAKE_FIXED;
      action.isPreferred = fix.preferred;
      if (fix.diagnostic) {
        const d = fix.diagnostic;
        action.diagnostics = context.diagnostics.filter(
          (v) => v.code === d.code && v.range.isEqual(toRange(document, d.span)),
        );
      }
      return action;
    });
  }

  private fixAllAction(document: vscode.TextDocument): vscode.CodeAction[] {
    const edits = fixAllSeqAck(document.getText());
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction(fixAllTitle(this.cache.locale), FIX_ALL_KIND);
    action.edit = workspaceEdit(document, edits);
    action.command = MISTAKE_FIXED;
    return [action];
  }

  /** "Handshake: Fix All Seq/Ack Numbers": one undoable edit of the active file. */
  private async fixAllCommand(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    const edits = fixAllSeqAck(editor.document.getText());
    if (edits.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Every seq and ack number is already right.'),
      );
      return;
    }
    if (await vscode.workspace.applyEdit(workspaceEdit(editor.document, edits))) {
      void completeWalkthroughStep(WalkthroughStep.mistakeFixed);
    }
  }

  private symbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return outline(this.analysis(document)).map((s) => toDocumentSymbol(document, s));
  }

  private folding(document: vscode.TextDocument): vscode.FoldingRange[] {
    return foldingRanges(this.analysis(document)).map(
      (r) =>
        new vscode.FoldingRange(
          r.startLine,
          r.endLine,
          r.kind === 'comment'
            ? vscode.FoldingRangeKind.Comment
            : r.kind === 'region'
              ? vscode.FoldingRangeKind.Region
              : undefined,
        ),
    );
  }

  private definition(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): vscode.Location | undefined {
    const found = definition(this.analysis(document).document, document.offsetAt(position));
    return found ? new vscode.Location(document.uri, toRange(document, found.span)) : undefined;
  }

  private references(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] {
    return references(this.analysis(document).document, document.offsetAt(position)).map(
      (o) => new vscode.Location(document.uri, toRange(document, o.span)),
    );
  }

  private prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): { range: vscode.Range; placeholder: string } {
    const result = prepareRename(this.analysis(document).document, document.offsetAt(position));
    if ('reason' in result) throw new Error(result.reason);
    return { range: toRange(document, result.span), placeholder: result.text };
  }

  private rename(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
  ): vscode.WorkspaceEdit {
    const result = rename(this.analysis(document).document, document.offsetAt(position), newName);
    if (!result.ok) throw new Error(result.reason);
    // A name of another length shifts the formatted columns: put them back in the same edit.
    return workspaceEdit(document, alignRename(document.getText(), result.edits));
  }

  private format(document: vscode.TextDocument, range?: vscode.Range): vscode.TextEdit[] {
    const span = range
      ? { start: document.offsetAt(range.start), end: document.offsetAt(range.end) }
      : undefined;
    return formatDocument(document.getText(), span ? { range: span } : {}).map(
      (edit) => new vscode.TextEdit(toRange(document, edit.span), edit.newText),
    );
  }

  private codeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.analysis(document);
    const scenario = analysis.document.statements.find((s) => s.kind === 'scenario');
    const range = toRange(document, scenario ? scenario.keywordSpan : { start: 0, end: 0 });
    return [
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('Open Preview'),
        command: 'handshake.showPreviewToSide',
        arguments: [document.uri],
      }),
      new vscode.CodeLens(range, {
        title: verdict(analysis),
        ...verdictCommand(document, analysis),
      }),
    ];
  }
}

/**
 * What clicking the verdict runs: the first problem selected in this file's editor (its hover
 * and quick fixes are then a keystroke away), or the preview beside when there is none.
 */
function verdictCommand(
  document: vscode.TextDocument,
  analysis: Analysis,
): Pick<vscode.Command, 'command' | 'arguments'> {
  const target = verdictTarget(analysis);
  switch (target.kind) {
    case 'problem': {
      const options: vscode.TextDocumentShowOptions = {
        selection: toRange(document, target.span),
        preserveFocus: false,
      };
      return { command: 'vscode.open', arguments: [document.uri, options] };
    }
    case 'preview':
      return { command: 'handshake.showPreviewToSide', arguments: [document.uri] };
    default: {
      const unexpected: never = target;
      return unexpected;
    }
  }
}

/**
 * True when the request is for source actions that include ours: `source.fixAll` (on save with
 * `editor.codeActionsOnSave`, the Fix All command), `source.fixAll.handshake`, or `source`; the
 * lightbulb's quick fixes are asked for without `only` or with `quickfix`.
 */
export function wantsFixAll(only: vscode.CodeActionKind | undefined): boolean {
  if (!only || vscode.CodeActionKind.QuickFix.contains(only)) return false;
  return only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only);
}

export function workspaceEdit(
  document: vscode.TextDocument,
  edits: readonly TextEdit[],
): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, toRange(document, e.span), e.newText);
  return edit;
}

const COMPLETION_KINDS: Record<CompletionItem['kind'], vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  endpoint: vscode.CompletionItemKind.Variable,
  flag: vscode.CompletionItemKind.EnumMember,
  field: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.Value,
  state: vscode.CompletionItemKind.Enum,
  arrow: vscode.CompletionItemKind.Operator,
  duration: vscode.CompletionItemKind.Constant,
  symbol: vscode.CompletionItemKind.Variable,
  message: vscode.CompletionItemKind.Event,
};

export function toCompletionItem(
  document: vscode.TextDocument,
  item: CompletionItem,
): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, COMPLETION_KINDS[item.kind]);
  if (item.insertText !== undefined) result.insertText = item.insertText;
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation !== undefined)
    result.documentation = new vscode.MarkdownString(item.documentation);
  if (item.sortText !== undefined) result.sortText = item.sortText;
  if (item.preselect) result.preselect = true;
  if (item.replace) result.range = toRange(document, item.replace);
  return result;
}

const SYMBOL_KINDS: Record<OutlineSymbol['kind'], vscode.SymbolKind> = {
  scenario: vscode.SymbolKind.Namespace,
  endpoint: vscode.SymbolKind.Object,
  phase: vscode.SymbolKind.Module,
  segment: vscode.SymbolKind.Event,
  symbol: vscode.SymbolKind.Variable,
  certificate: vscode.SymbolKind.Key,
};

function toDocumentSymbol(
  document: vscode.TextDocument,
  symbol: OutlineSymbol,
): vscode.DocumentSymbol {
  const range = toRange(document, symbol.span);
  let selection = toRange(document, symbol.selectionSpan);
  if (!range.contains(selection)) selection = new vscode.Range(range.start, range.start);
  const result = new vscode.DocumentSymbol(
    symbol.name,
    symbol.detail,
    SYMBOL_KINDS[symbol.kind],
    range,
    selection,
  );
  result.children = symbol.children.map((child) => toDocumentSymbol(document, child));
  return result;
}
