import * as assert from 'assert';
import * as vscode from 'vscode';
import { OPEN as OPEN_LINES } from '../../helpers';

/** Shared by the extension-host suites: the real `vscode` API, nothing mocked. */
export async function activate(): Promise<void> {
  const extension = vscode.extensions.getExtension('handshake-tools.handshake');
  assert.ok(extension, 'the Handshake extension is installed');
  await extension.activate();
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder with the examples is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

export async function untitled(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'handshake', content });
  await vscode.window.showTextDocument(document);
  return document;
}

export async function waitFor<T>(
  get: () => T | undefined,
  what: string,
  timeout = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The diagnostics of a document once the extension has published them. */
export async function diagnostics(
  document: vscode.TextDocument,
  atLeast = 1,
): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const found = vscode.languages.getDiagnostics(document.uri);
    return found.length >= atLeast ? found : undefined;
  }, `${atLeast} diagnostics on ${document.uri.toString()}`);
}

/** The standard opening of the unit tests' scenarios, as one text. */
export const OPEN = OPEN_LINES.join('\n');
