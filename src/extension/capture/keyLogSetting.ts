import * as vscode from 'vscode';
import { parseKeyLog } from '../../core/capture/read/keyLog';
import type { TlsCrypto } from '../../core/capture/read/tlsCrypto';
import type { KeyLogDecryption } from '../../core/capture/read/tlsDecryption';
import type { Locale } from '../../core/text/locale';
import { word } from '../../core/text/words';

/**
 * The key log named by `handshake.capture.keyLogFile`, read for an import, with the host's
 * cryptography. Undefined when the setting is empty, when the host has no synchronous
 * cryptography (the web build: TLS 1.3 stays encrypted there, and the scenario says why), or
 * when the file cannot be read (the user is told, and the import goes on without it). A
 * relative path is taken from the first workspace folder; `${workspaceFolder}` and `~` are
 * expanded.
 */
export async function keyLogFromSettings(
  crypto: TlsCrypto | undefined,
  locale: Locale,
): Promise<KeyLogDecryption | undefined> {
  const setting = vscode.workspace
    .getConfiguration('handshake.capture')
    .get<string>('keyLogFile', '')
    .trim();
  if (setting === '' || !crypto) return undefined;
  const uri = keyLogUri(setting);
  if (!uri) return undefined;
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Cannot read the key log {0} (handshake.capture.keyLogFile): {1}. TLS 1.3 stays encrypted.',
        setting,
        (error as Error).message,
      ),
    );
    return undefined;
  }
  const keyLog = parseKeyLog(text);
  const first = keyLog.problems[0];
  if (first) {
    void vscode.window.showWarningMessage(
      `${setting}${first.line > 0 ? `:${first.line}` : ''}: ${word(first.message, locale)}`,
    );
  }
  return { keyLog, crypto };
}

function keyLogUri(setting: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const home = typeof process === 'object' ? process.env['HOME'] : undefined;
  let path = setting.replace('${workspaceFolder}', folder?.fsPath ?? '');
  if (home && (path === '~' || path.startsWith('~/'))) path = home + path.slice(1);
  if (/^([A-Za-z]:)?[\\/]/.test(path)) return vscode.Uri.file(path);
  return folder ? vscode.Uri.joinPath(folder, path) : undefined;
}
