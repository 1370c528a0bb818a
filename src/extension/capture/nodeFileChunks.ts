// Node only: imported by the Node extension host's entry (extension.ts), never by the web one.
import { open } from 'node:fs/promises';

/**
 * The file at `path` in chunks of `chunkBytes`, each read from disk only when the consumer asks
 * for it, into one reused buffer: the importer keeps nothing of a chunk once it has pushed it,
 * so a 2 GB capture costs one chunk of memory. Stopping the iteration early (a cancelled
 * import, `break`, `return()`) closes the file.
 */
export async function* nodeFileChunks(
  path: string,
  chunkBytes: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead <= 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The size of the file at `path`; rejects as reading it would (no such file, no permission,
 * a directory), so that the user is told before an import starts.
 */
export async function readableFileSize(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), {
        code: 'EISDIR',
      });
    }
    return stats.size;
  } finally {
    await handle.close();
  }
}
