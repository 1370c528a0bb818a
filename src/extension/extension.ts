import type * as vscode from 'vscode';
import { activateHandshake, type HandshakeApi } from './activation';
import { openNodeCaptureFile } from './capture/nodeCaptureFile';

/**
 * The Node extension host's entry (package.json `main`, dist/extension.js): capture files are
 * streamed from disk, so a capture of any size is never held whole.
 */
export function activate(context: vscode.ExtensionContext): HandshakeApi {
  return activateHandshake(context, { openCaptureFile: openNodeCaptureFile });
}

export function deactivate(): void {}
