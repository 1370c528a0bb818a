import * as vscode from 'vscode';
import { parsePreviewState } from '../../core/preview/protocol';
import { type AnalysisCache, LANGUAGE_ID } from '../analysisCache';
import { Disposable } from '../disposable';
import { completeWalkthroughStep, WalkthroughStep } from '../walkthroughProgress';
import { exportDiagram } from './exporter';
import { HandshakePreview, PREVIEW_VIEW_TYPE } from './preview';

/**
 * True while any Handshake preview is open: the palette lists the preview's commands (export,
 * copy, zoom) then, for the preview last active, even while the editor beside it has the focus.
 */
const OPEN_CONTEXT = 'handshake.previewOpen';

function openHandshakeDocument(): vscode.Uri | undefined {
  const visible = vscode.window.visibleTextEditors.find(
    (e) => e.document.languageId === LANGUAGE_ID,
  );
  return (
    visible?.document ?? vscode.workspace.textDocuments.find((d) => d.languageId === LANGUAGE_ID)
  )?.uri;
}

/**
 * Owns the preview panels: the commands that open them, one dynamic preview that follows the
 * active `.handshake` editor plus any number locked to a file, updates on edits, cursor sync,
 * settings, and restoring panels after a reload.
 */
export class PreviewManager extends Disposable {
  private readonly previews = new Set<HandshakePreview>();
  private active: HandshakePreview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly cache: AnalysisCache,
  ) {
    super();
    const command = (id: string, run: (...args: unknown[]) => unknown) =>
      this.register(vscode.commands.registerCommand(id, run));
    command('handshake.showPreviewToSide', (uri) =>
      this.show(uri, vscode.ViewColumn.Beside, false),
    );
    command('handshake.showPreview', (uri) => this.show(uri, vscode.ViewColumn.Active, false));
    command('handshake.showLockedPreviewToSide', (uri) =>
      this.show(uri, vscode.ViewColumn.Beside, true),
    );
    command('handshake.togglePreviewLock', () => this.active?.toggleLock());
    command('handshake.preview.zoomIn', () => this.active?.zoom('in'));
    command('handshake.preview.zoomOut', () => this.active?.zoom('out'));
    command('handshake.preview.fitWidth', () => this.active?.zoom('fit'));
    command('handshake.preview.copyMermaidSource', () => this.copyMermaidSource());
    command('handshake.preview.exportSvg', () => this.export('svg'));
    command('handshake.preview.exportPng', () => this.export('png'));

    this.register(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.revive(panel, state),
      }),
    );
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId !== LANGUAGE_ID) return;
        for (const preview of this.previews) preview.follow(editor.document.uri);
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        // A save or a change of the dirty flag (auto save, about 1 s after typing) fires this
        // event with no content change: the text, and so the diagram, is the same.
        if (event.contentChanges.length === 0) return;
        for (const preview of this.previews) {
          if (preview.matches(event.document.uri)) preview.scheduleUpdate();
        }
      }),
    );
    this.register(
      vscode.window.onDidChangeTextEditorSelection((event) => {
        const lines = event.selections.map((s) => s.active.line);
        for (const preview of this.previews) {
          if (preview.matches(event.textEditor.document.uri)) preview.selectionChanged(lines);
        }
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('handshake.preview')) return;
        for (const preview of this.previews) preview.renderNow();
      }),
    );
  }

  /**
   * The debugger stopped at `line` (0-based) of `document`: its previews mark that step, as
   * they mark the line under the cursor, and their timelines go to it.
   */
  followStep(document: vscode.Uri, line: number): void {
    for (const preview of this.previews) {
      if (preview.matches(document)) preview.selectionChanged([line], true);
    }
  }

  /** The preview with focus, for the commands in the panel's title bar. */
  get activePreview(): HandshakePreview | undefined {
    return this.active;
  }

  get openPreviews(): readonly HandshakePreview[] {
    return [...this.previews];
  }

  private resourceFrom(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === LANGUAGE_ID) return editor.document.uri;
    return this.active?.resource;
  }

  private show(arg: unknown, column: vscode.ViewColumn, locked: boolean): void {
    const resource = this.resourceFrom(arg);
    if (!resource) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open a .handshake file to preview it.'),
      );
      return;
    }
    const existing =
      [...this.previews].find((p) => p.locked && p.matches(resource)) ??
      (locked ? undefined : [...this.previews].find((p) => !p.locked));
    if (existing) {
      existing.follow(resource);
      existing.panel.reveal(existing.panel.viewColumn ?? column, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Handshake Preview',
      { viewColumn: column, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: false },
    );
    this.add(new HandshakePreview(panel, this.extensionUri, this.cache, resource, locked));
  }

  private async revive(panel: vscode.WebviewPanel, raw: unknown): Promise<void> {
    const state = parsePreviewState(raw);
    let resource: vscode.Uri | undefined;
    try {
      resource = state ? vscode.Uri.parse(state.resource, true) : undefined;
    } catch {
      resource = undefined;
    }
    // A panel restored before its page saved any state follows the open .handshake file, if any.
    resource ??= this.resourceFrom(undefined) ?? openHandshakeDocument();
    if (!resource) {
      panel.dispose(); // nothing to restore it to
      return;
    }
    this.add(
      new HandshakePreview(panel, this.extensionUri, this.cache, resource, state?.locked ?? false),
    );
  }

  private add(preview: HandshakePreview): void {
    this.previews.add(preview);
    this.active = preview;
    void completeWalkthroughStep(WalkthroughStep.previewOpened);
    void vscode.commands.executeCommand('setContext', OPEN_CONTEXT, true);
    preview.panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.active) this.active = preview;
    });
    preview.onDidDispose(() => {
      this.previews.delete(preview);
      if (this.previews.size === 0) {
        void vscode.commands.executeCommand('setContext', OPEN_CONTEXT, false);
      }
      if (this.active === preview) this.active = undefined;
    });
  }

  override dispose(): void {
    for (const preview of this.previews) preview.panel.dispose();
    this.previews.clear();
    super.dispose();
  }

  private async copyMermaidSource(): Promise<void> {
    const preview = this.active ?? [...this.previews][0];
    const source = preview?.mermaidSource;
    if (!source) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Handshake preview first.'));
      return;
    }
    await vscode.env.clipboard.writeText(source);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Mermaid source copied'), 3000);
  }

  private async export(format: 'svg' | 'png'): Promise<void> {
    const preview = this.active ?? [...this.previews][0];
    if (!preview) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Handshake preview first.'));
      return;
    }
    await exportDiagram(preview, format);
  }
}
