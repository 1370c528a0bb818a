import type * as vscode from 'vscode';
import { CHUNK_BYTES, readWholeCaptureFile, type CaptureFile } from './captureFile';
import { nodeFileChunks, readableFileSize } from './nodeFileChunks';

/**
 * The Node extension host's `OpenCaptureFile`: a `file:` URI is read from disk chunk by chunk
 * as the import goes (never whole); other schemes go through `vscode.workspace.fs`.
 */
export async function openNodeCaptureFile(uri: vscode.Uri): Promise<CaptureFile> {
  if (uri.scheme !== 'file') return readWholeCaptureFile(uri);
  const path = uri.fsPath;
  const size = await readableFileSize(path);
  return { size, chunks: () => nodeFileChunks(path, CHUNK_BYTES) };
}
