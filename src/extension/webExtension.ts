import type * as vscode from 'vscode';
import { activateHandshake, type HandshakeApi } from './activation';
import { readWholeCaptureFile } from './capture/captureFile';

/**
 * The entry for VS Code for the Web (package.json `browser`, dist/web/extension.js), run in a
 * web worker: no Node built-ins, so capture files are read through `vscode.workspace.fs`, and
 * no synchronous cryptography: WebCrypto is asynchronous and the import is one synchronous
 * pass, so TLS 1.3 is not decrypted with a key log here (the scenario's comment says so).
 */
export function activate(context: vscode.ExtensionContext): HandshakeApi {
  return activateHandshake(context, { openCaptureFile: readWholeCaptureFile });
}

export function deactivate(): void {}
