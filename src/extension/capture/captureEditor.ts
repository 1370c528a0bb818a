import type { Locale } from '../../core/text/locale';
import * as vscode from 'vscode';
import { problemText, type CaptureSummary } from '../../core/capture/write/importCapture';
import { listConnectionsStream } from '../../core/capture/write/importStream';
import { Disposable } from '../disposable';
import type { OpenCaptureFile } from './captureFile';
import { captureEditorHtml } from './captureEditorHtml';

export const CAPTURE_EDITOR_VIEW_TYPE = 'handshake.capture';

/**
 * Opening a .pcap or .pcapng file shows this read-only view: the capture's TCP connections
 * with their Wireshark analysis, and buttons that import the whole capture or one connection
 * as a scenario (the "Handshake: Import Capture…" command with this file).
 */
export class CaptureEditorProvider
  extends Disposable
  implements vscode.CustomReadonlyEditorProvider
{
  constructor(
    private readonly openCaptureFile: OpenCaptureFile,
    private readonly locale: Locale,
  ) {
    super();
    this.register(
      vscode.window.registerCustomEditorProvider(CAPTURE_EDITOR_VIEW_TYPE, this, {
        supportsMultipleEditorsPerDocument: true,
      }),
    );
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(
    document: vscode.CustomDocument,
    panel: vscode.WebviewPanel,
  ): Promise<void> {
    // The page is one inline script and style: it may read no file at all.
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
    };
    const name = document.uri.path.split('/').pop() ?? document.uri.path;
    // Read chunk by chunk, never whole; closing the view stops the reading.
    let closed = false;
    panel.onDidDispose(() => (closed = true));
    let summary: CaptureSummary;
    try {
      const file = await this.openCaptureFile(document.uri);
      summary = await listConnectionsStream(file.chunks(), () => closed);
    } catch (error) {
      if (!closed) {
        panel.webview.html = captureEditorHtml(panel.webview, name, {
          error: (error as Error).message,
        });
      }
      return;
    }
    if (closed) return;
    const fatal = summary.connections.length === 0 ? summary.problems[0] : undefined;
    panel.webview.html = captureEditorHtml(panel.webview, name, {
      summary,
      ...(fatal ? { error: problemText(fatal, this.locale) } : {}),
      locale: this.locale,
    });
    panel.webview.onDidReceiveMessage((message: unknown) => {
      const connection = parseImportMessage(message);
      if (connection === undefined) return;
      void vscode.commands.executeCommand(
        'handshake.importCapture',
        document.uri,
        connection === 0 ? undefined : connection,
      );
    });
  }
}

/** `{ type: 'import', connection?: number }` from the webview: 0 for the whole capture. */
function parseImportMessage(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { type, connection } = message as { type?: unknown; connection?: unknown };
  if (type !== 'import') return undefined;
  return typeof connection === 'number' && Number.isInteger(connection) && connection > 0
    ? connection
    : 0;
}
