import * as vscode from 'vscode';
import type { AsyncChunkSource } from '../../core/capture/write/importStream';

/** A capture to import: its size in bytes (for progress) and its chunks, read as asked for. */
export interface CaptureFile {
  readonly size: number;
  readonly chunks: AsyncChunkSource;
}

/**
 * Opens a capture for reading; rejects with the reason when it cannot be read. The Node
 * extension host streams `file:` URIs from disk (nodeCaptureFile.ts); VS Code for the Web and
 * other schemes can only read a file whole, through `vscode.workspace.fs`.
 */
export type OpenCaptureFile = (uri: vscode.Uri) => Promise<CaptureFile>;

/** How much of a capture is read at a time. */
export const CHUNK_BYTES = 1 << 20;

/** The file read whole through `vscode.workspace.fs` (any scheme, and the web), in chunks. */
export async function readWholeCaptureFile(uri: vscode.Uri): Promise<CaptureFile> {
  return bytesCaptureFile(await vscode.workspace.fs.readFile(uri));
}

/** Bytes already in memory (the clipboard's text, a file read whole), in chunks. */
export function bytesCaptureFile(bytes: Uint8Array): CaptureFile {
  return {
    size: bytes.length,
    chunks: async function* () {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
        yield bytes.subarray(at, at + CHUNK_BYTES);
      }
    },
  };
}
