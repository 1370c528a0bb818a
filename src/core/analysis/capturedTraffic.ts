import { diagnostic, type Finding } from '../check/diagnostic';
import type { SegmentStatement } from '../syntax/tree';
import type { SegmentStep } from '../tcp/trace';
import type { Trace, TraceStep } from './trace';
import { TCP_FLAG } from '../protocol/tcpFlags';
import { ANALYSIS, TcpAnalyzer, type AnalyzedSegment } from '../tcp/tcpAnalysis';
import type { LineMap } from '../text/lineMap';

interface Pair {
  readonly first: string;
  analyzer: TcpAnalyzer;
  /** Line of the pair's first segment, for port reuse messages. */
  readonly line: number;
  /** Next seq seen per direction (Wireshark's nextseq), for the messages. */
  readonly next: [number, number];
}

/**
 * Wireshark's TCP analysis of a scenario's captured segments: those that carry the importer's
 * capture annotation with a time (`# frame N t=SECONDS`, read into the tree by the parser).
 * Segments are grouped by endpoint pair and fed, with their written numbers and the
 * annotation's time, to the same TcpAnalyzer the importer uses, so that editing an imported
 * file re-runs the analysis. Hand-written segments (no annotation) are left alone.
 */
export function capturedTrafficDiagnostics(trace: Trace, lines: LineMap): Finding[] {
  const out: Finding[] = [];
  // By the pair's two names, lower first: the names are the tree's own strings, so the maps
  // find them without building a key for each segment.
  const pairs = new Map<string, Map<string, Pair>>();
  const byAddresses = new Map<string, number>();
  const addresses = new Map(trace.endpoints.map((e) => [e.name, e.address?.text ?? '']));
  const input: Scratch<AnalyzedSegment> = {
    direction: 0,
    frame: 0,
    time: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    win: -1,
    len: 0,
    wscale: -1,
  };
  for (const step of inCaptureOrder(trace.steps)) {
    const statement = step.statement;
    const frame = statement.captureFrame;
    const seq = statement.seqOffset;
    const flags = statement.flagBits;
    const lower = step.from < step.to ? step.from : step.to;
    const higher = lower === step.from ? step.to : step.from;
    let withLower = pairs.get(lower);
    if (!withLower) pairs.set(lower, (withLower = new Map()));
    let pair = withLower.get(higher);
    if (!pair) {
      const lineNumber = lines.lineOf(statement) + 1;
      pair = { first: step.from, analyzer: new TcpAnalyzer(), line: lineNumber, next: [0, 0] };
      withLower.set(higher, pair);
      const where = [addresses.get(step.from), addresses.get(step.to)].sort().join(' ');
      const earlier = where.trim() ? byAddresses.get(where) : undefined;
      if (earlier !== undefined && (flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN) {
        out.push(diagnostic('TcpPortNumbersReused', span(statement), { line: earlier }));
      }
      if (where.trim()) byAddresses.set(where, lineNumber);
    }
    const direction: 0 | 1 = step.from === pair.first ? 0 : 1;
    if (pair.analyzer.isReuse(direction, seq, flags)) {
      out.push(diagnostic('TcpPortNumbersReused', span(statement), { line: pair.line }));
      pair.analyzer = new TcpAnalyzer();
    }
    const ack = numberOf(statement.ackSymbol, statement.ackOffset) ?? 0;
    const before = pair.next[direction];
    const peerSeen = pair.next[1 - direction] as number;
    // One object for every segment: the analyzer reads it and keeps none of it.
    input.direction = direction;
    input.frame = frame;
    input.time = statement.captureSeconds * 1e9;
    input.seq = seq;
    input.ack = ack;
    input.flags = flags;
    input.win = statement.winValue; // -1 when not written: unknown, not a zero window
    input.len = step.len;
    input.wscale = statement.captureWscale;
    const bits = pair.analyzer.analyze(input);
    let next = (seq + step.len + (flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0)) >>> 0;
    if (before !== 0 && ((next - before) | 0) <= 0) next = before;
    pair.next[direction] = next;
    // Most segments raise nothing: their nodes (spans for the messages) are then never built.
    if ((bits & REPORTED) === 0) continue;
    const facts = {
      endpoint: step.from,
      peer: step.to,
      seq,
      ack,
      before,
      peerSeen,
      analyzer: pair.analyzer,
    };
    for (const d of report(bits, statement, facts)) out.push(d);
  }
  return out;
}

type Scratch<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The captured segment steps (see analysedByWireshark) by frame number. The writer may reorder
 * lines so that the engine sees each delivery in its place; the analysis, like Wireshark's,
 * runs in capture order. Most files are already in that order and are not sorted.
 */
function inCaptureOrder(steps: readonly TraceStep[]): readonly SegmentStep[] {
  const captured: SegmentStep[] = [];
  let ordered = true;
  let packable = true;
  let lastFrame = -Infinity;
  for (const step of steps) {
    if (step.kind !== 'segment' || !analysedByWireshark(step.statement)) continue;
    const frame = step.statement.captureFrame;
    if (frame < lastFrame) ordered = false;
    if (frame > 0xffffffff) packable = false;
    lastFrame = frame;
    captured.push(step);
  }
  if (ordered) return captured;
  const count = captured.length;
  if (packable && count <= MAX_INDEX) {
    // Each key packs the frame above the step's index: a numeric sort of plain numbers, with no
    // comparison function called, puts them in frame order and keeps steps of one frame in
    // their order. With frames below 2^32 (checked above) a key stays below 2^53, exact in a double.
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      keys[i] = (captured[i] as SegmentStep).statement.captureFrame * (MAX_INDEX + 1) + i;
    }
    keys.sort();
    return Array.from(keys, (key) => captured[key % (MAX_INDEX + 1)] as SegmentStep);
  }
  // Array.prototype.sort is stable: steps of one frame keep their order.
  return captured.sort((a, b) => a.statement.captureFrame - b.statement.captureFrame);
}

/** The most steps whose index packs into a sort key with a 32-bit frame (see inCaptureOrder). */
const MAX_INDEX = (1 << 21) - 1;

interface Facts {
  readonly endpoint: string;
  readonly peer: string;
  readonly seq: number;
  readonly ack: number;
  readonly before: number;
  readonly peerSeen: number;
  readonly analyzer: TcpAnalyzer;
}

/** The bits `report` turns into diagnostics (REUSED_PORTS is reported as the pair starts). */
const REPORTED =
  ANALYSIS.RETRANSMISSION |
  ANALYSIS.FAST_RETRANSMISSION |
  ANALYSIS.SPURIOUS_RETRANSMISSION |
  ANALYSIS.OUT_OF_ORDER |
  ANALYSIS.LOST_SEGMENT |
  ANALYSIS.ACK_LOST_SEGMENT |
  ANALYSIS.DUPLICATE_ACK |
  ANALYSIS.ZERO_WINDOW |
  ANALYSIS.WINDOW_FULL |
  ANALYSIS.KEEP_ALIVE;

function report(bits: number, statement: SegmentStatement, f: Facts): Finding[] {
  const at = span(statement);
  const seqAt = statement.seq ?? at;
  const ackAt = statement.ack ?? at;
  const winAt = statement.win ?? at;
  const out: Finding[] = [];
  const endpoint = f.endpoint;
  if (bits & ANALYSIS.REUSED_PORTS) return out; // reported above, with its line
  if (bits & ANALYSIS.RETRANSMISSION)
    out.push(diagnostic('TcpRetransmission', seqAt, { endpoint, next: String(f.before) }));
  if (bits & ANALYSIS.FAST_RETRANSMISSION) {
    out.push(diagnostic('TcpFastRetransmission', seqAt, { endpoint, seq: String(f.seq) }));
  }
  if (bits & ANALYSIS.SPURIOUS_RETRANSMISSION) {
    out.push(diagnostic('TcpSpuriousRetransmission', seqAt, { endpoint, peer: f.peer }));
  }
  if (bits & ANALYSIS.OUT_OF_ORDER) out.push(diagnostic('TcpOutOfOrder', seqAt, { endpoint }));
  if (bits & ANALYSIS.LOST_SEGMENT) {
    out.push(
      diagnostic('TcpPreviousSegmentNotCaptured', seqAt, {
        seq: String(f.seq),
        next: String(f.before),
      }),
    );
  }
  if (bits & ANALYSIS.ACK_LOST_SEGMENT) {
    out.push(
      diagnostic('TcpAckedUnseenSegment', ackAt, {
        ack: String(f.ack),
        peer: f.peer,
        seen: String(f.peerSeen),
        // Wireshark also flags an ack that reaches only bytes seen, when a hole lies before them.
        hole: ((f.ack - f.peerSeen) | 0) <= 0,
      }),
    );
  }
  if (bits & ANALYSIS.DUPLICATE_ACK) {
    const label = `${f.analyzer.dupAckFrame}#${f.analyzer.dupAckNumber}`;
    out.push(
      diagnostic('TcpDuplicateAck', ackAt, {
        label,
        ack: String(f.ack),
        frame: f.analyzer.dupAckFrame,
      }),
    );
  }
  if (bits & ANALYSIS.ZERO_WINDOW) out.push(diagnostic('TcpZeroWindow', winAt, { endpoint }));
  if (bits & ANALYSIS.WINDOW_FULL)
    out.push(diagnostic('TcpWindowFull', at, { endpoint, peer: f.peer }));
  if (bits & ANALYSIS.KEEP_ALIVE) out.push(diagnostic('TcpKeepAlive', seqAt, { endpoint }));
  return out;
}

function span(statement: SegmentStatement): { start: number; end: number } {
  return statement.flagsSpan ?? statement;
}

/** A numeric seq or ack as written (no symbol, within 32 bits), from the statement's facts. */
/**
 * True for a segment this analysis runs on: captured (its annotation has `t=`) and with a
 * written number for seq. `analyze` drops the engine's own notes on exactly these segments,
 * where Wireshark's say the same.
 */
export function analysedByWireshark(statement: SegmentStatement): boolean {
  return (
    !Number.isNaN(statement.captureSeconds) &&
    numberOf(statement.seqSymbol, statement.seqOffset) !== undefined
  );
}

function numberOf(symbol: string | undefined, offset: number): number | undefined {
  if (symbol !== undefined || !(offset >= 0 && offset <= 0xffffffff)) return undefined;
  return offset;
}
