import type * as vscode from 'vscode';
import { activateHandshake, type HandshakeApi } from './activation';
import { readWholeCaptureFile } from './capture/captureFile';
import { webTlsCrypto } from './capture/webTlsCrypto';

/**
 * The entry for VS Code for the Web (package.json `browser`, dist/web/extension.js), run in a
 * web worker: no Node built-ins, so capture files are read through `vscode.workspace.fs`, and
 * TLS 1.3 is decrypted with a key log through WebCrypto, which is asynchronous: the
 * synchronous import then runs a few times, each run asking for what the last one could not
 * compute (decryptInRounds). WebCrypto has no ChaCha20-Poly1305: that one is opened in plain
 * TypeScript (chacha20Poly1305.ts).
 */
export function activate(context: vscode.ExtensionContext): HandshakeApi {
  const crypto = webTlsCrypto();
  return activateHandshake(context, {
    openCaptureFile: readWholeCaptureFile,
    ...(crypto ? { tlsCrypto: { kind: 'async', crypto } } : {}),
  });
}

export function deactivate(): void {}
