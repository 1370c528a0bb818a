import * as vscode from 'vscode';
import { parseKeyLog, type KeyLog } from '../../core/capture/read/keyLog';
import type { Locale } from '../../core/text/locale';
import { word } from '../../core/text/words';

/**
 * The key log named by `handshake.capture.keyLogFile`, read for an import through
 * `vscode.workspace.fs` (on the desktop and in VS Code for the Web alike). Undefined when the
 * setting is empty, or when the file cannot be read (the user is told, and the import goes on
 * without it). A relative path, and one after `${workspaceFolder}`, is taken from the first
 * workspace folder; a URI (`vscode-vfs://...`) is read as it is; `~` is expanded where there is
 * a home folder (not on the web). An absolute path is a file on disk, or, in a workspace that is
 * not on disk (the web), a path in the workspace folder's file system.
 */
export async function keyLogFromSettings(locale: Locale): Promise<KeyLog | undefined> {
  const setting = vscode.workspace
    .getConfiguration('handshake.capture')
    .get<string>('keyLogFile', '')
    .trim();
  if (setting === '') return undefined;
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
  return keyLog;
}

/** A scheme followed by `//`: a URI, not a path (a Windows drive letter has no `//`). */
const URI = /^[A-Za-z][A-Za-z0-9+.-]+:\/\//;
const WORKSPACE_FOLDER = '${workspaceFolder}';

function keyLogUri(setting: string): vscode.Uri | undefined {
  if (URI.test(setting)) return vscode.Uri.parse(setting);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (setting.startsWith(WORKSPACE_FOLDER)) {
    const rest = setting.slice(WORKSPACE_FOLDER.length).replace(/^[\\/]+/, '');
    return folder ? (rest === '' ? folder : vscode.Uri.joinPath(folder, rest)) : undefined;
  }
  const home = typeof process === 'object' ? process.env['HOME'] : undefined;
  let path = setting;
  if (home && (path === '~' || path.startsWith('~/'))) path = home + path.slice(1);
  if (/^([A-Za-z]:)?[\\/]/.test(path)) {
    return folder && folder.scheme !== 'file' ? folder.with({ path }) : vscode.Uri.file(path);
  }
  return folder ? vscode.Uri.joinPath(folder, path) : undefined;
}
