import { cliTextIn } from './cliText';
import { closeSync, readFileSync, readSync } from 'node:fs';
import { parseKeyLog } from '../core/capture/read/keyLog';
import type { KeyLogDecryption } from '../core/capture/read/tlsDecryption';
import { word } from '../core/text/words';
import { nodeTlsCrypto } from './nodeTlsCrypto';
import {
  connectionLine,
  importCapture,
  listConnections,
  problemText,
  type CaptureSummary,
  type ChunkSource,
} from '../core/capture/write/importCapture';
import { openInput, reasonOf, readAllChunks, STDIN, type CliIo } from './io';

export interface ImportOptions {
  readonly file: string;
  readonly connection?: number;
  readonly list: boolean;
  /** A key log (SSLKEYLOGFILE format) to decrypt TLS 1.3 with. */
  readonly keylog?: string;
}

const CHUNK_BYTES = 1 << 20;

/**
 * `handshake import FILE`: a pcap, pcapng or tcpdump text file as a `.handshake` scenario on
 * stdout (`--connection N` for one connection, `--list` to list them, `--keylog FILE` to decrypt
 * TLS 1.3 with a key log). Problems in the file go
 * to stderr with their byte offset or line. Exit 0 when something was imported, 1 when the file
 * held nothing importable, 2 when it cannot be read or `--connection` names a connection it does
 * not hold.
 */
export function importCommand(options: ImportOptions, io: CliIo, source?: ChunkSource): number {
  const cliText = cliTextIn(io.locale);
  let keyLog: KeyLogDecryption | undefined;
  if (options.keylog !== undefined && !options.list) {
    const read = readKeyLog(options.keylog, io);
    if (typeof read === 'number') return read;
    keyLog = read;
  }
  if (source) return importFrom(options, io, source, keyLog);
  const input = openInput(options.file, io.locale);
  if ('reason' in input) {
    io.error(`handshake: ${cliText.cannotRead({ file: options.file, reason: input.reason })}`);
    return 2;
  }
  try {
    // A regular file is read in chunks, once per pass; a pipe or a terminal can be read only
    // once, so it is read whole first and its chunks replayed (`cat x.pcap | handshake import -`).
    if (input.regular) return importFrom(options, io, () => fileChunks(input.fd), keyLog);
    const chunks = readAllChunks(input.fd, CHUNK_BYTES);
    return importFrom(options, io, () => chunks, keyLog);
  } catch (error) {
    io.error(
      `handshake: ${cliText.cannotRead({ file: options.file, reason: reasonOf(error, io.locale) })}`,
    );
    return 2;
  } finally {
    if (input.fd !== 0) closeSync(input.fd);
  }
}

/**
 * The key log named by `--keylog`, with Node's cryptography; its unusable lines go to stderr
 * (`FILE:line N: ...`) and are skipped. Exit code 2 when it cannot be read.
 */
function readKeyLog(file: string, io: CliIo): KeyLogDecryption | number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = reasonOf(error, io.locale);
    io.error(`handshake: ${cliTextIn(io.locale).cannotRead({ file, reason })}`);
    return 2;
  }
  const keyLog = parseKeyLog(text);
  for (const problem of keyLog.problems) {
    const where = problem.line > 0 ? `${file}:${problem.line}` : file;
    io.error(`${where}: ${word(problem.message, io.locale)}`);
  }
  return { keyLog, crypto: nodeTlsCrypto };
}

function importFrom(
  options: ImportOptions,
  io: CliIo,
  source: ChunkSource,
  keyLog?: KeyLogDecryption,
): number {
  const name =
    options.file === STDIN ? 'stdin' : (options.file.split(/[\\/]/).pop() ?? options.file);
  if (options.list) {
    const summary = listConnections(source());
    for (const problem of summary.problems)
      io.error(`${options.file}: ${problemText(problem, io.locale)}`);
    for (const connection of summary.connections) io.out(connectionLine(connection));
    return summary.connections.length > 0 ? 0 : 1;
  }
  const output = new BatchedOutput(io);
  const result = importCapture(source, {
    name,
    ...(options.connection !== undefined ? { connection: options.connection } : {}),
    ...(keyLog ? { keyLog } : {}),
    out: (line) => output.line(line),
  });
  output.flush();
  if (!result.ok) {
    io.error(`${options.file}: ${problemText(result.error, io.locale)}`);
    // A connection the file does not have is a wrong option, as the docs say: exit 2.
    return missingConnection(options, result.summary) ? 2 : 1;
  }
  for (const problem of result.summary.problems) {
    io.error(`${options.file}: ${problemText(problem, io.locale)}`);
  }
  return 0;
}

/** True when `--connection N` names a connection the file, which has some, does not hold. */
function missingConnection(options: ImportOptions, summary: CaptureSummary): boolean {
  const wanted = options.connection;
  const { connections } = summary;
  return (
    wanted !== undefined && connections.length > 0 && !connections.some((c) => c.index === wanted)
  );
}

/** Write about this much text at a time: a few large writes, not one per line. */
const OUTPUT_BATCH = 1 << 16;

/** The scenario's lines as they are written, given to `io.out` about OUTPUT_BATCH at a time. */
class BatchedOutput {
  private readonly lines: string[] = [];
  private size = 0;

  constructor(private readonly io: CliIo) {}

  line(line: string): void {
    this.lines.push(line);
    this.size += line.length + 1;
    if (this.size >= OUTPUT_BATCH) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    // `io.out` ends what it is given with a line break.
    this.io.out(this.lines.join('\n'));
    this.lines.length = 0;
    this.size = 0;
  }
}

/**
 * An open regular file in 1 MiB chunks from its start, read as they are consumed: the file is
 * never held whole, and each pass reads it again from offset 0.
 */
export function* fileChunks(fd: number): Generator<Uint8Array> {
  const buffer = new Uint8Array(CHUNK_BYTES);
  for (let position = 0; ;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, position);
    if (n <= 0) return;
    position += n;
    // The readers copy what they keep, so the buffer can be reused for the next chunk.
    yield buffer.subarray(0, n);
  }
}
