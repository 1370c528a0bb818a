import { previewText } from '../../core/preview/previewText';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/analysis/analyze';
import {
  parseWebviewMessage,
  type ExportFormat,
  type HostMessage,
  type WebviewMessage,
} from '../../core/preview/protocol';
import { isSameRender, type RenderMessage } from '../../core/preview/sameRender';
import { renderMermaid, type MermaidDiagram } from '../../core/render/mermaid';
import { traceTable } from '../../core/render/traceTable';
import { stepTable } from '../../core/preview/stepTable';
import type { AnalysisCache } from '../analysisCache';
import { Disposable } from '../disposable';
import { nonce } from '../nonce';
import { previewHtml } from './previewHtml';
import { readPreviewSettings } from './previewSettings';

export const PREVIEW_VIEW_TYPE = 'handshake.preview';

/** What an export from the webview resolves to. */
type ExportResult =
  { readonly ok: true; readonly data: string } | { readonly ok: false; readonly error: string };

/**
 * One preview panel: shows the diagram of `resource`, redraws as it changes (the first time at
 * once, later debounced), follows the active editor unless locked, and turns clicks on arrows
 * into cursor moves.
 */
export class HandshakePreview extends Disposable {
  private version = 0;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private diagram: MermaidDiagram | undefined;
  private requestId = 0;
  private readonly exports = new Map<number, (result: ExportResult) => void>();
  private readonly disposedEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  /** Lines of the segments drawn, to tell when the cursor leaves a windowed diagram. */
  private shownLines: { first: number; last: number; windowed: boolean } | undefined;
  /** The last render sent to the page since it (re)loaded: an identical one is not sent again. */
  private lastSent: RenderMessage | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly cache: AnalysisCache,
    private resourceUri: vscode.Uri,
    private lockedTo: boolean,
  ) {
    super();
    const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'file-icon.svg');
    const uri = (file: string) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    panel.webview.html = previewHtml({
      cspSource: panel.webview.cspSource,
      mermaidUri: uri('mermaid.js'),
      scriptUri: uri('preview.js'),
      styleUri: uri('preview-style.css'),
      nonce: nonce(),
      title: 'Handshake Preview',
      lang: this.cache.locale,
    });
    this.updateTitle();
    this.register(panel.webview.onDidReceiveMessage((raw) => this.receive(raw)));
    this.register(
      panel.onDidDispose(() => {
        this.disposedEmitter.fire();
        this.dispose();
      }),
    );
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  get locked(): boolean {
    return this.lockedTo;
  }

  /** The Mermaid text last drawn, for "Copy Mermaid Source". */
  get mermaidSource(): string | undefined {
    return this.diagram?.text;
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const resolve of this.exports.values())
      resolve({ ok: false, error: 'the preview was closed' });
    this.exports.clear();
    super.dispose();
  }

  matches(uri: vscode.Uri): boolean {
    return this.resourceUri.toString() === uri.toString();
  }

  /** Shows another file; a locked preview keeps its own. */
  follow(uri: vscode.Uri): void {
    if (this.lockedTo || this.matches(uri)) return;
    this.resourceUri = uri;
    this.updateTitle();
    this.renderNow();
  }

  toggleLock(): void {
    this.lockedTo = !this.lockedTo;
    this.updateTitle();
    this.renderNow();
  }

  /** Redraws after the configured delay; a newer change restarts the wait. */
  scheduleUpdate(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renderNow();
    }, readPreviewSettings(this.resourceUri).delay);
  }

  /** Redraws at once (the first render, a switch of file, a setting). */
  renderNow(): void {
    if (!this.ready) return;
    void this.render();
  }

  /**
   * Marks the arrows of the lines under the cursor; redraws a windowed diagram if it left it.
   * `debugStop`: the debugger stopped on `lines[0]`, and the timeline goes to that step.
   */
  selectionChanged(lines: readonly number[], debugStop = false): void {
    const shown = this.shownLines;
    const line = lines[0];
    if (shown?.windowed && line !== undefined && (line < shown.first || line > shown.last)) {
      this.scheduleUpdate();
    }
    this.post(debugStop ? { type: 'highlight', lines, debugStop } : { type: 'highlight', lines });
  }

  zoom(action: 'in' | 'out' | 'fit' | 'reset'): void {
    this.post({ type: 'zoom', action });
  }

  /** Asks the webview for the drawn diagram as SVG text or PNG (base64). */
  requestExport(format: ExportFormat): Promise<ExportResult> {
    const requestId = ++this.requestId;
    return new Promise((resolve) => {
      this.exports.set(requestId, resolve);
      this.post({ type: 'export', requestId, format });
      setTimeout(() => {
        if (this.exports.delete(requestId))
          resolve({ ok: false, error: 'the preview did not answer' });
      }, 30_000);
    });
  }

  private async render(): Promise<void> {
    const resource = this.resourceUri;
    const document = await this.document();
    // The preview may have moved to another file while this one was opening: drop this render.
    if (!document || this.isDisposed || !this.matches(resource)) return;
    const analysis = this.cache.get(document);
    const settings = readPreviewSettings(this.resourceUri);
    const focusOffset = this.cursorOffset(document);
    const options = {
      ...settings.diagram,
      ...(focusOffset !== undefined ? { focusOffset } : {}),
    };
    const diagram = renderMermaid(analysis, options);
    this.diagram = diagram;
    const { first, last, total } = diagram.window;
    const windowed = total > 0 && (first > 0 || last < total - 1);
    this.shownLines = {
      first: diagram.messages[0]?.line ?? 0,
      last: diagram.messages[diagram.messages.length - 1]?.line ?? 0,
      windowed,
    };
    const message: RenderMessage = {
      type: 'render',
      version: this.version + 1,
      source: diagram.text,
      messages: diagram.messages,
      rows: traceTable(analysis, options).rows,
      // Only the drawn arrows' entries: a window of a long capture sends a window of the table.
      steps: stepTable(
        analysis,
        diagram.messages.map((m) => m.line),
      ),
      notice: windowed
        ? previewText(this.cache.locale).window({
            first: first + 1,
            last: last + 1,
            total,
            max: settings.diagram.maxSegments,
          })
        : '',
      problems: countProblems(analysis),
      resource: this.resourceUri.toString(),
      locked: this.lockedTo,
    };
    if (isSameRender(this.lastSent, message)) return;
    this.version = message.version;
    this.lastSent = message;
    this.post(message);
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => this.matches(d.uri));
    if (open) return open;
    try {
      return await vscode.workspace.openTextDocument(this.resourceUri);
    } catch {
      this.panel.title = `Preview: cannot open ${basename(this.resourceUri)}`;
      return undefined;
    }
  }

  private cursorOffset(document: vscode.TextDocument): number | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => this.matches(e.document.uri));
    return editor ? document.offsetAt(editor.selection.active) : undefined;
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // not from our page, or malformed: ignored
    this.handle(message);
  }

  private handle(message: WebviewMessage): void {
    switch (message.type) {
      case 'ready':
        // A new page (first load, or reloaded after being hidden) has drawn nothing yet.
        this.ready = true;
        this.lastSent = undefined;
        this.renderNow();
        return;
      case 'reveal':
        void this.revealLine(message.line, message.preserveFocus === true);
        return;
      case 'rendered':
        return;
      case 'exported': {
        const resolve = this.exports.get(message.requestId);
        this.exports.delete(message.requestId);
        resolve?.({ ok: true, data: message.data });
        return;
      }
      case 'exportFailed': {
        const resolve = this.exports.get(message.requestId);
        this.exports.delete(message.requestId);
        resolve?.({ ok: false, error: message.error });
        return;
      }
    }
  }

  /**
   * Click-to-source: puts the cursor at the start of `line` in an editor of the resource. The
   * timeline keeps the focus in the preview, so that the next key steps again.
   */
  private async revealLine(line: number, preserveFocus: boolean): Promise<void> {
    const document = await this.document();
    if (!document) return;
    const target = Math.min(line, Math.max(0, document.lineCount - 1));
    const position = new vscode.Position(
      target,
      document.lineAt(target).firstNonWhitespaceCharacterIndex,
    );
    const visible = vscode.window.visibleTextEditors.find((e) => this.matches(e.document.uri));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(
      new vscode.Range(position, position),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
  }

  private post(message: HostMessage): void {
    if (this.ready && !this.isDisposed) void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    const name = basename(this.resourceUri);
    this.panel.title = this.lockedTo ? `[Preview] ${name}` : `Preview ${name}`;
  }
}

function countProblems(analysis: Analysis): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of analysis.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
