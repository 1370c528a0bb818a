import { diagnostic, type Finding } from '../check/diagnostic';
import type { SegmentStatement } from '../syntax/tree';
import type { SegmentStep } from '../tcp/trace';
import type { Trace } from './trace';
import { TCP_FLAG } from '../protocol/tcpFlags';
import { ANALYSIS, TcpAnalyzer } from '../tcp/tcpAnalysis';
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
  const pairs = new Map<string, Pair>();
  const byAddresses = new Map<string, number>();
  const addresses = new Map(trace.endpoints.map((e) => [e.name, e.address?.text ?? '']));
  // The writer may reorder lines so that the engine sees each delivery in its place; the
  // analysis, like Wireshark's, runs in capture order: by frame number.
  const captured: {
    step: SegmentStep;
    frame: number;
    seconds: number;
    wscale: number;
    seq: number;
  }[] = [];
  for (const step of trace.steps) {
    if (step.kind !== 'segment') continue;
    const statement = step.statement;
    if (!analysedByWireshark(statement)) continue;
    const seq = statement.seqOffset;
    const seconds = statement.captureSeconds;
    const frame = statement.captureFrame;
    captured.push({ step, frame, seconds, wscale: statement.captureWscale, seq });
  }
  captured.sort((a, b) => a.frame - b.frame);
  for (const { step, frame, seconds, wscale, seq } of captured) {
    const statement = step.statement;
    const flags = statement.flagBits;
    const key = step.from < step.to ? `${step.from} ${step.to}` : `${step.to} ${step.from}`;
    let pair = pairs.get(key);
    if (!pair) {
      const lineNumber = lines.lineOf(statement) + 1;
      pair = { first: step.from, analyzer: new TcpAnalyzer(), line: lineNumber, next: [0, 0] };
      pairs.set(key, pair);
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
    const bits = pair.analyzer.analyze({
      direction,
      frame,
      time: seconds * 1e9,
      seq,
      ack,
      flags,
      win: statement.winValue, // -1 when not written: unknown, not a zero window
      len: step.len,
      wscale,
    });
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
