import type { Locale } from '../core/text/locale';
import { cliTextIn } from './cliText';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

/** What the CLI needs from the outside world, so commands can be tested without a process. */
export interface CliIo {
  /** The file's text; `-` reads standard input. */
  readonly readText: (path: string) => string | { readonly reason: string };
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
  /** The language of the messages: main.ts reads it once from LC_ALL, LC_MESSAGES or LANG. */
  readonly locale: Locale;
}

/** The file name `-` stands for standard input, as with cat, grep and tcpdump -r. */
export const STDIN = '-';

/** Why a file could not be read or written, in the current language. */
export function reasonOf(error: unknown, locale: Locale): string {
  const cliText = cliTextIn(locale);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return code === 'ENOENT'
    ? cliText.noSuchFile
    : code === 'EACCES'
      ? cliText.permissionDenied
      : code === 'EISDIR'
        ? cliText.isDirectory
        : code === 'ENOSPC'
          ? cliText.noSpace
          : (error as Error).message;
}

/**
 * Opens `path` for reading (`-`: standard input, fd 0) and says whether it is a regular file,
 * which can be read again from the start, or a stream (a pipe, a terminal, /dev/stdin), which
 * can be read once. A directory is refused here: on Linux it opens, then fails at the first read.
 */
export function openInput(
  path: string,
  locale: Locale,
): { fd: number; regular: boolean } | { reason: string } {
  const cliText = cliTextIn(locale);
  let fd: number | undefined;
  try {
    fd = path === STDIN ? 0 : openSync(path, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      if (fd !== 0) closeSync(fd);
      return { reason: cliText.isDirectory };
    }
    return { fd, regular: stat.isFile() };
  } catch (error) {
    if (fd !== undefined && fd !== 0) closeSync(fd);
    return { reason: reasonOf(error, locale) };
  }
}

/** Something to wait on for a synchronous pause of a few milliseconds. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Reads a whole input once, in chunks (a pipe's reads may be short). */
export function readAllChunks(fd: number, chunkBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const buffer = new Uint8Array(chunkBytes);
    let n: number;
    try {
      n = readSync(fd, buffer, 0, chunkBytes, null);
    } catch (error) {
      // A non-blocking stdin with nothing yet is not an end: sleep a little, then read again
      // (a busy loop would spin a core while the writer is slow).
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(PAUSE, 0, 0, 10);
        continue;
      }
      throw error;
    }
    if (n <= 0) return chunks;
    chunks.push(buffer.subarray(0, n));
  }
}

/**
 * What went wrong writing standard output, if anything: a reader that stopped early (`| head`)
 * is not an error, a full disk or a closed file is (exit 2, with the reason).
 */
export const outputState = { failure: undefined as string | undefined };

/** The process's own streams and files, its messages in `locale`. */
export function processIo(locale: Locale): CliIo {
  return {
    locale,
    readText(path) {
      const input = openInput(path, locale);
      if ('reason' in input) return input;
      try {
        return input.fd === 0 && !input.regular
          ? Buffer.concat(readAllChunks(0, 1 << 16)).toString('utf8')
          : readFileSync(input.fd, 'utf8');
      } catch (error) {
        return { reason: reasonOf(error, locale) };
      } finally {
        if (input.fd !== 0) closeSync(input.fd);
      }
    },
    out: (line) => {
      if (outputState.failure !== undefined || process.stdout.destroyed) return;
      process.stdout.write(line + '\n');
    },
    error: (line) => process.stderr.write(line + '\n'),
  };
}
