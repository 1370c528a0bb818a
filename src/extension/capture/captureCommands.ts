import type { Locale } from '../../core/text/locale';
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { bytesCaptureFile, type CaptureFile, type OpenCaptureFile } from './captureFile';
import { importAndOpen } from './runImport';
import type { HostTlsCrypto } from './hostTlsCrypto';
import { keyLogFromSettings } from './keyLogSetting';

const FILTERS = {
  'Packet captures and tcpdump text': ['pcap', 'pcapng', 'cap', 'dmp', 'txt', 'log'],
  'All files': ['*'],
};

/**
 * "Handshake: Import Capture…" (file picker), "Handshake: Paste tcpdump Output as Scenario"
 * (clipboard) and the import of a given capture file (from the capture editor or the explorer).
 */
export class CaptureCommands extends Disposable {
  constructor(
    private readonly openCaptureFile: OpenCaptureFile,
    private readonly locale: Locale,
    /** The host's cryptography for the key log (none where the web worker has no WebCrypto). */
    private readonly tlsCrypto?: HostTlsCrypto,
  ) {
    super();
    const command = (id: string, run: (...args: unknown[]) => unknown) =>
      this.register(vscode.commands.registerCommand(id, run));
    command('handshake.importCapture', (uri, connection) => this.importFile(uri, connection));
    command('handshake.pasteTcpdump', () => this.paste());
  }

  private async importFile(
    arg: unknown,
    connection: unknown,
  ): Promise<vscode.TextDocument | undefined> {
    const uri =
      arg instanceof vscode.Uri
        ? arg
        : (
            await vscode.window.showOpenDialog({
              title: vscode.l10n.t('Import Capture'),
              openLabel: vscode.l10n.t('Import'),
              canSelectMany: false,
              filters: FILTERS,
            })
          )?.[0];
    if (!uri) return undefined;
    let file: CaptureFile;
    try {
      // Opened only: the import reads it chunk by chunk (see OpenCaptureFile).
      file = await this.openCaptureFile(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Cannot read {0}: {1}', uri.fsPath, (error as Error).message),
      );
      return undefined;
    }
    const name = uri.path.split('/').pop() ?? uri.path;
    const keyLog = await keyLogFromSettings(this.locale);
    if (keyLog && !this.tlsCrypto) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'The key log (handshake.capture.keyLogFile) cannot be used here: there is no WebCrypto (crypto.subtle needs a secure context). TLS 1.3 stays encrypted.',
        ),
      );
    }
    return importAndOpen(
      file,
      name,
      {
        name,
        locale: this.locale,
        ...(typeof connection === 'number' ? { connection } : {}),
      },
      keyLog ? { keyLog, host: this.tlsCrypto } : undefined,
    );
  }

  private async paste(): Promise<vscode.TextDocument | undefined> {
    const text = await vscode.env.clipboard.readText();
    if (text.trim() === '') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The clipboard is empty: copy some tcpdump output first.'),
      );
      return undefined;
    }
    return importAndOpen(
      bytesCaptureFile(new TextEncoder().encode(text)),
      vscode.l10n.t('the clipboard'),
      { name: 'pasted tcpdump output', locale: this.locale },
    );
  }
}
