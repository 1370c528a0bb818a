import { CLI_TEXT } from './cliText';
import { closeSync, openSync, readSync } from 'node:fs';
import {
  connectionLine,
  importCapture,
  listConnections,
  problemText,
  type ChunkSource,
} from '../core/capture/write/importCapture';
import type { CliIo } from './io';

export interface ImportOptions {
  readonly file: string;
  readonly connection?: number;
  readonly list: boolean;
}

const CHUNK_BYTES = 1 << 20;

/**
 * `handshake import FILE`: a pcap, pcapng or tcpdump text file as a `.handshake` scenario on
 * stdout (`--connection N` for one connection, `--list` to list them). Problems in the file go
 * to stderr with their byte offset or line. Exit 0 when something was imported, 1 when the file
 * held nothing importable, 2 when it cannot be read.
 */
export function importCommand(
  options: ImportOptions,
  io: CliIo,
  source: ChunkSource = () => fileChunks(options.file),
): number {
  const opened = canOpen(options.file);
  if (opened !== true) {
    io.error(`handshake: ${CLI_TEXT.cannotRead({ file: options.file, reason: opened })}`);
    return 2;
  }
  const name = options.file.split(/[\\/]/).pop() ?? options.file;
  if (options.list) {
    const summary = listConnections(source());
    for (const problem of summary.problems) io.error(`${options.file}: ${problemText(problem)}`);
    for (const connection of summary.connections) io.out(connectionLine(connection));
    return summary.connections.length > 0 ? 0 : 1;
  }
  const result = importCapture(source, {
    name,
    ...(options.connection !== undefined ? { connection: options.connection } : {}),
  });
  if (!result.ok) {
    io.error(`${options.file}: ${problemText(result.error)}`);
    return 1;
  }
  for (const problem of result.summary.problems) {
    io.error(`${options.file}: ${problemText(problem)}`);
  }
  io.out(result.text.replace(/\n$/, ''));
  return 0;
}

/** The file in 1 MiB chunks, read as they are consumed: the file is never held whole. */
export function* fileChunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n <= 0) return;
      // The readers copy what they keep, so the buffer can be reused for the next chunk.
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function canOpen(path: string): true | string {
  try {
    closeSync(openSync(path, 'r'));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : (error as Error).message;
  }
}
