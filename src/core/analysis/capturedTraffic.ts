import { diagnostic, type Diagnostic } from '../check/diagnostic';
import type { SegmentStatement } from '../syntax/tree';
import type { SegmentStep } from '../tcp/trace';
import type { Trace } from './trace';
import { TCP_FLAG } from '../protocol/tcpFlags';
import { captureComment } from '../capture/write/segmentLine';
import { ANALYSIS, TcpAnalyzer } from '../capture/write/tcpAnalysis';

interface Pair {
  readonly first: string;
  analyzer: TcpAnalyzer;
  /** Line of the pair's first segment, for port reuse messages. */
  readonly line: number;
  /** Next seq seen per direction (Wireshark's nextseq), for the messages. */
  readonly next: [number, number];
}

/**
 * Wireshark's TCP analysis of a scenario's captured segments: those whose line carries the
 * importer's comment (`# frame N t=SECONDS`). Segments are grouped by endpoint pair and fed,
 * with their written numbers and the comment's time, to the same TcpAnalyzer the importer
 * uses, so that editing an imported file re-runs the analysis. Hand-written segments (no such
 * comment) are left alone.
 */
export function capturedTrafficDiagnostics(trace: Trace, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pairs = new Map<string, Pair>();
  const byAddresses = new Map<string, number>();
  const addresses = new Map(trace.endpoints.map((e) => [e.name, e.address?.text ?? '']));
  const lineOf = lineCounter(text);
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
    const lineEnd = text.indexOf('\n', statement.end);
    const rest = text.slice(statement.end, lineEnd < 0 ? text.length : lineEnd);
    if (!rest.includes('frame')) continue;
    const comment = captureComment(rest);
    const seq = numberOf(statement.seq?.value);
    if (comment && seq !== undefined) captured.push({ step, ...comment, seq });
  }
  captured.sort((a, b) => a.frame - b.frame);
  for (const { step, frame, seconds, wscale, seq } of captured) {
    const statement = step.statement;
    const flags = flagBits(statement);
    const key = step.from < step.to ? `${step.from} ${step.to}` : `${step.to} ${step.from}`;
    let pair = pairs.get(key);
    if (!pair) {
      const lineNumber = lineOf(statement.start);
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
    const ack = numberOf(statement.ack?.value) ?? 0;
    const before = pair.next[direction];
    const peerSeen = pair.next[1 - direction] as number;
    const bits = pair.analyzer.analyze({
      direction,
      frame,
      time: seconds * 1e9,
      seq,
      ack,
      flags,
      win: statement.win?.value.value ?? 0,
      len: step.len,
      wscale,
    });
    let next = (seq + step.len + (flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0)) >>> 0;
    if (before !== 0 && ((next - before) | 0) <= 0) next = before;
    pair.next[direction] = next;
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

function report(bits: number, statement: SegmentStatement, f: Facts): Diagnostic[] {
  const at = span(statement);
  const seqAt = statement.seq ?? at;
  const ackAt = statement.ack ?? at;
  const winAt = statement.win ?? at;
  const out: Diagnostic[] = [];
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

function numberOf(value: { symbol?: unknown; offset: number } | undefined): number | undefined {
  if (!value || value.symbol !== undefined || value.offset < 0 || value.offset > 0xffffffff)
    return undefined;
  return value.offset;
}

function flagBits(statement: SegmentStatement): number {
  let bits = 0;
  for (const node of statement.flags) bits |= TCP_FLAG[node.flag];
  return bits;
}

/** 1-based line of an offset; offsets come in increasing order, so the count goes forward. */
function lineCounter(text: string): (offset: number) => number {
  let counted = 0;
  let line = 1;
  return (offset) => {
    if (offset < counted) {
      counted = 0;
      line = 1;
    }
    for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    return line;
  };
}
