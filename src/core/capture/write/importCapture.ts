import { word } from '../../text/words';
import type { Locale } from '../../text/locale';
import { CAPTURE_MESSAGES } from '../read/captureMessages';
import { CaptureScan, scanCapture, type Cancelled, type ScanResult } from './captureScan';
import type { Connection } from './connectionTable';
import type { CaptureProblem } from '../read/packet';
import { alignedLines } from './alignedLines';
import { ScenarioWriter } from './scenarioWriter';
import { findInterceptions } from './interception';
import { InterceptionNames } from './interceptionNames';
import { ANALYSIS_LABELS, analysisFlags, ANALYSIS, type AnalysisFlag } from '../../tcp/tcpAnalysis';
import { visibleText } from '../../text/visibleText';
import type { KeyLogDecryption } from '../read/tlsDecryption';

/**
 * Imports up to this many lines are aligned as Format Document would align them; beyond this
 * the scenario is left as written. (Formatting the text cost about three times the import
 * itself; the writer's own layout, alignedLines.ts, costs a small part of it.)
 */
const MAX_FORMATTED_LINES = 100_000;

/** The scenario text from the lines the writer wrote: aligned, up to MAX_FORMATTED_LINES. */
export function layOutImport(
  lines: readonly string[],
  alignAtMost: number = MAX_FORMATTED_LINES,
): string {
  return laidOut(lines, alignAtMost).join('\n') + '\n';
}

function laidOut(lines: readonly string[], alignAtMost: number): readonly string[] {
  return lines.length <= alignAtMost ? alignedLines(lines) : lines;
}

/** A re-readable source of chunks: the importer reads a capture twice (list, then write). */
export type ChunkSource = () => Iterable<Uint8Array>;

export interface ImportOptions {
  /** The file name, for the header comment. */
  readonly name?: string;
  /** Only this connection (1-based). */
  readonly connection?: number;
  readonly cancelled?: Cancelled;
  /** The language of the problems written into the scenario (English unless given). */
  readonly locale?: Locale;
  /**
   * Where the scenario's lines go as they are ready, each without its line break (the CLI:
   * standard output); the result's `text` is then empty. Without it the text is held whole and
   * returned. Up to MAX_FORMATTED_LINES lines are held for alignment either way; past that each
   * line goes out as it is written, so memory does not grow with the capture.
   */
  readonly out?: (line: string) => void;
  /** The most lines aligned as Format Document would: MAX_FORMATTED_LINES unless given. */
  readonly alignAtMost?: number;
  /** A key log and the host's cryptography: TLS 1.3 records are decrypted with them. */
  readonly keyLog?: KeyLogDecryption;
  /** The most connections held open at once (scenarioWriter.ts, MAX_OPEN unless given). */
  readonly maxOpen?: number;
}

export interface ConnectionSummary {
  readonly index: number;
  readonly client: string;
  readonly server: string;
  readonly firstFrame: number;
  readonly lastFrame: number;
  readonly packets: number;
  readonly bytes: number;
  readonly sawHandshake: boolean;
  /** `TLS sni=NAME` when the connection starts with a TLS ClientHello. */
  readonly tls?: string;
  /** Wireshark analysis flags raised in this connection, with their counts. */
  readonly analysis: Readonly<Partial<Record<AnalysisFlag, number>>>;
}

export type ImportResult =
  | {
      readonly ok: true;
      /** The scenario; empty when its lines went to `ImportOptions.out`. */
      readonly text: string;
      readonly summary: CaptureSummary;
    }
  | { readonly ok: false; readonly error: CaptureProblem; readonly summary: CaptureSummary };

export interface CaptureSummary {
  readonly format: string;
  readonly frames: number;
  readonly tcpPackets: number;
  /** How many connections there are: `connections.length`, without making their summaries. */
  readonly connectionCount: number;
  /**
   * One summary per connection, made when first read: an import that only writes the scenario
   * never reads them, and a scan of a million connections would hold a million.
   */
  readonly connections: readonly ConnectionSummary[];
  readonly problems: readonly CaptureProblem[];
  readonly cancelled: boolean;
}

/** Lists the connections of a capture in one streaming pass. */
export function listConnections(
  chunks: Iterable<Uint8Array>,
  cancelled?: Cancelled,
): CaptureSummary {
  return summarize(scanCapture(chunks, undefined, cancelled), cancelled?.() ?? false);
}

/** Progress of an import: which pass, and the bytes it has read. */
export interface ImportStep {
  readonly pass: 'list' | 'write';
  readonly bytes: number;
}

/**
 * Imports a capture as a `.handshake` scenario: one pass to list the connections, one to
 * write them. Fails (with one problem naming the offset) only when nothing could be imported.
 */
export function importCapture(source: ChunkSource, options: ImportOptions = {}): ImportResult {
  const steps = importSteps(source, options);
  for (;;) {
    const step = steps.next(options.cancelled?.() ?? false);
    if (step.done) return step.value;
  }
}

/**
 * `importCapture` as a generator that yields after every chunk: the editor drives it with
 * pauses in between, reporting progress; passing `true` to `next()` cancels.
 */
export function* importSteps(
  source: ChunkSource,
  options: ImportOptions = {},
): Generator<ImportStep, ImportResult, boolean | undefined> {
  const listing = new CaptureScan();
  let cancelled = false;
  for (const chunk of source()) {
    if (!listing.push(chunk)) break;
    cancelled = (yield { pass: 'list', bytes: listing.bytes }) === true;
    if (cancelled) break;
  }
  const next = afterListing(listing.end(), cancelled, options);
  if (!(next instanceof WritePass)) return next;
  for (const chunk of source()) {
    if (!next.scan.push(chunk)) break;
    if ((yield { pass: 'write', bytes: next.scan.bytes }) === true) return next.cancel();
  }
  return next.finish();
}

/**
 * What follows the listing pass: the import's failure (cancelled, no TCP, no such connection),
 * or the pass that writes the scenario. Shared by the synchronous and the streaming importers.
 */
export function afterListing(
  scan: ScanResult,
  cancelled: boolean,
  options: ImportOptions,
): ImportResult | WritePass {
  const listed = summarize(scan, cancelled);
  const fatal = listed.problems.find((p) => p.fatal);
  if (cancelled) return cancelledResult(listed);
  const count = listed.connectionCount;
  if (count === 0) {
    const none = { offset: -1, line: 0, message: CAPTURE_MESSAGES.noTcp(), fatal: true };
    return { ok: false, error: fatal ?? listed.problems[0] ?? none, summary: listed };
  }
  // Connections are numbered 1 to count, in order of their first packet.
  const wanted = options.connection;
  if (wanted !== undefined && !(Number.isInteger(wanted) && wanted >= 1 && wanted <= count)) {
    const message = CAPTURE_MESSAGES.noSuchConnection({ connection: wanted, count });
    return { ok: false, error: { offset: -1, line: 0, message, fatal: true }, summary: listed };
  }
  return new WritePass(listed, options, scan.connections);
}

/** The second pass: push the capture's chunks into `scan` again, then `finish`. */
export class WritePass {
  readonly scan: CaptureScan;
  /** The lines held for the layout (all of them unless they go to `out`). */
  private readonly lines: string[];
  private readonly writer: ScenarioWriter;
  private readonly locale: Locale;
  private readonly out: ((line: string) => void) | undefined;
  private readonly alignAtMost: number;
  /** True once more lines were written than are aligned: each now goes out as it comes. */
  private streaming = false;

  constructor(
    private readonly listed: CaptureSummary,
    options: ImportOptions,
    listing?: readonly Connection[],
  ) {
    this.locale = options.locale ?? 'en';
    this.out = options.out;
    this.alignAtMost = options.alignAtMost ?? MAX_FORMATTED_LINES;
    this.lines = header(listed, options, listing);
    const numbered = options.connection === undefined && listed.connectionCount > 1;
    const interceptions = numbered && listing ? findInterceptions(listing) : [];
    this.writer = new ScenarioWriter((line) => this.line(line), {
      numbered,
      ...(interceptions.length > 0
        ? {
            interceptions: new InterceptionNames(
              interceptions,
              listed.connectionCount > 2 * interceptions.length,
            ),
          }
        : {}),
      datedClock: listed.format === 'pcap' || listed.format === 'pcapng',
      ...(listing ? { listing } : {}),
      ...(options.connection !== undefined ? { connection: options.connection } : {}),
      ...(options.keyLog ? { keyLog: options.keyLog } : {}),
      ...(options.maxOpen !== undefined ? { maxOpen: options.maxOpen } : {}),
      onCut: (connection) => this.scan.park(connection),
    });
    this.scan = new CaptureScan(
      (packet, connection, direction, bits, time, analyzer) =>
        this.writer.segment(packet, connection, direction, bits, time, analyzer),
      listing,
    );
  }

  /**
   * The scenario, once every chunk has been pushed: its lines laid out by `layout` (aligned as
   * Format Document would, by default). With `ImportOptions.out` the lines go there, laid out
   * as layOutImport lays them out, and the text is empty.
   */
  finish(
    layout: (lines: readonly string[]) => string = (lines) => layOutImport(lines, this.alignAtMost),
  ): ImportResult {
    this.scan.end();
    this.writer.end();
    const summary = this.withCut(this.listed);
    for (const problem of summary.problems) {
      this.line(`# Import problem: ${problemText(problem, this.locale)}`);
    }
    const out = this.out;
    if (!out) return { ok: true, text: layout(this.lines), summary };
    // Lines past `alignAtMost` went out as written, which is what layOutImport gives.
    if (!this.streaming) for (const line of laidOut(this.lines, this.alignAtMost)) out(line);
    this.lines.length = 0;
    return { ok: true, text: '', summary };
  }

  /** The listing's summary, with a problem if the writer had to cut connections. */
  private withCut(listed: CaptureSummary): CaptureSummary {
    const cut = this.writer.cutCount;
    if (cut === 0) return listed;
    const message = CAPTURE_MESSAGES.tooManyOpen({ most: this.writer.maxOpen, cut });
    const problem = { offset: -1, line: 0, message, fatal: false };
    return withProblems(listed, [...listed.problems, problem]);
  }

  /**
   * One line from the writer: held for the layout, or, once there are more than can be aligned
   * and they have somewhere to go, sent there (the held ones first).
   */
  private line(line: string): void {
    const out = this.out;
    if (this.streaming && out) {
      out(line);
      return;
    }
    const lines = this.lines;
    lines.push(line);
    if (out && lines.length > this.alignAtMost) {
      for (const held of lines) out(held);
      lines.length = 0;
      this.streaming = true;
    }
  }

  /** The result of an import cancelled while writing. */
  cancel(): ImportResult {
    return cancelledResult(withProblems(this.listed, this.listed.problems, true));
  }
}

function cancelledResult(summary: CaptureSummary): ImportResult {
  const error = { offset: -1, line: 0, message: CAPTURE_MESSAGES.cancelled(), fatal: true };
  return { ok: false, error, summary };
}

/** `byte 1234: ...` or `line 5: ...`: where a problem is, then what. */
export function problemText(problem: CaptureProblem, locale: Locale): string {
  // On one line whatever the file held: it goes to a terminal and after `#` in the scenario.
  const message = visibleText(word(problem.message, locale));
  if (problem.line > 0) return `line ${problem.line}: ${message}`;
  if (problem.offset >= 0) return `byte ${problem.offset}: ${message}`;
  return message;
}

/** One line per connection, for `import --list` and the extension's picker. */
export function connectionLine(c: ConnectionSummary): string {
  const flags = Object.entries(c.analysis)
    .map(([flag, n]) => `${ANALYSIS_LABELS[flag as AnalysisFlag]} ×${n}`)
    .join(', ');
  return `${c.index}: ${c.client} -> ${c.server}  frames ${c.firstFrame}-${c.lastFrame}, ${c.packets} packets, ${c.bytes} bytes${c.sawHandshake ? '' : ', no handshake'}${c.tls ? `, ${c.tls}` : ''}${flags ? `  [${flags}]` : ''}`;
}

function header(
  listed: CaptureSummary,
  options: ImportOptions,
  listing: readonly Connection[] | undefined,
): string[] {
  const from = options.name ? ` from ${options.name}` : '';
  const count = listed.connectionCount;
  // The one connection written: the one asked for, or the only one. Only its summary is made.
  const index = options.connection ?? (count === 1 ? 1 : undefined);
  const listedOne = index !== undefined ? listing?.[index - 1] : undefined;
  const only = listedOne
    ? summary(listedOne)
    : index !== undefined
      ? listed.connections[index - 1]
      : undefined;
  const lines = [
    `# Imported by Handshake${from} (${listed.format}, ${listed.frames} frames, ${count} TCP connection${count === 1 ? '' : 's'}).`,
    "# After each segment: its frame number, its time in seconds since the first packet, a SYN's",
    "# options, and Wireshark's analysis in brackets.",
  ];
  if (only) {
    lines.push(
      `scenario "${only.client} to ${only.server}, frames ${only.firstFrame}-${only.lastFrame}"`,
    );
  } else {
    lines.push(
      `scenario "${(options.name ?? 'capture').replace(/["\\]/g, '')}: ${count} TCP connections"`,
    );
  }
  return lines;
}

/** The summary of a finished listing pass (`cancelled` if it stopped early). */
export function summarize(scan: ScanResult, cancelled: boolean): CaptureSummary {
  let made: readonly ConnectionSummary[] | undefined;
  return {
    format: scan.format ?? 'unknown',
    frames: scan.frames,
    tcpPackets: scan.tcpPackets,
    connectionCount: scan.connections.length,
    get connections() {
      return (made ??= scan.connections.map(summary));
    },
    problems: scan.problems,
    cancelled,
  };
}

/** `summary` with other problems (and cancelled), its connections still made when first read. */
function withProblems(
  summary: CaptureSummary,
  problems: readonly CaptureProblem[],
  cancelled = summary.cancelled,
): CaptureSummary {
  return {
    format: summary.format,
    frames: summary.frames,
    tcpPackets: summary.tcpPackets,
    connectionCount: summary.connectionCount,
    get connections() {
      return summary.connections;
    },
    problems,
    cancelled,
  };
}

function summary(c: Connection): ConnectionSummary {
  const ends = [c.first, c.second];
  const text = (i: number): string => {
    const end = ends[i] as Connection['first'];
    const host = end.name || (c.family === 6 ? `[${end.address}]` : end.address);
    return `${host}:${end.port}`;
  };
  const analysis: Partial<Record<AnalysisFlag, number>> = {};
  for (const flag of analysisFlags(-1 >>> 0)) {
    const n = c.analysisCounts[Math.log2(ANALYSIS[flag])];
    if (n) analysis[flag] = n;
  }
  return {
    index: c.index,
    client: text(c.client),
    server: text(1 - c.client),
    firstFrame: c.firstFrame,
    lastFrame: c.lastFrame,
    packets: c.packets,
    bytes: c.bytes,
    sawHandshake: c.sawSyn,
    ...(c.tls ? { tls: c.tls } : {}),
    analysis,
  };
}
