import type * as vscode from 'vscode';
import { activateHandshake, type HandshakeApi } from './activation';
import { openNodeCaptureFile } from './capture/nodeCaptureFile';
import { nodeTlsCrypto } from '../cli/nodeTlsCrypto';

/**
 * The Node extension host's entry (package.json `main`, dist/extension.js): capture files are
 * streamed from disk, so a capture of any size is never held whole; TLS 1.3 is decrypted with a
 * key log through Node's `crypto`.
 */
export function activate(context: vscode.ExtensionContext): HandshakeApi {
  return activateHandshake(context, {
    openCaptureFile: openNodeCaptureFile,
    tlsCrypto: { kind: 'sync', crypto: nodeTlsCrypto },
  });
}

export function deactivate(): void {}
