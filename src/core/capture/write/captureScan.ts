import { tlsGlance } from '../read/tlsGlance';
import { glanceCertificate } from './interception';
import { CaptureReader, type CaptureFormat } from '../read/captureReader';
import { ConnectionTable, type Connection } from './connectionTable';
import { TCP_FLAG } from '../../protocol/tcpFlags';
import type { CaptureProblem, TcpPacket } from '../read/packet';
import { ANALYSIS, type AnalyzedSegment, type TcpAnalyzer } from '../../tcp/tcpAnalysis';

/**
 * Called for each TCP packet with its connection, direction, analysis bits, time (ns), and the
 * connection's analyzer as this packet left it (what a duplicate ACK duplicates).
 */
export type SegmentVisitor = (
  packet: TcpPacket,
  connection: Connection,
  direction: 0 | 1,
  bits: number,
  time: number,
  analyzer: TcpAnalyzer,
) => void;

export interface ScanResult {
  readonly format: CaptureFormat | undefined;
  readonly frames: number;
  readonly tcpPackets: number;
  readonly connections: readonly Connection[];
  readonly problems: readonly CaptureProblem[];
  /** Capture time of the first packet, which segment times count from. */
  readonly origin: { readonly sec: number; readonly nsec: number };
}

/** Checked between chunks: return true to stop early (a cancelled import). */
export type Cancelled = () => boolean;

/**
 * One streaming pass over a capture: reads the chunks, finds each packet's connection and runs
 * Wireshark's analysis on it. Memory grows with the connections, not the packets.
 */
export function scanCapture(
  chunks: Iterable<Uint8Array>,
  visit?: SegmentVisitor,
  cancelled?: Cancelled,
): ScanResult {
  const steps = scanSteps(chunks, visit);
  for (;;) {
    const step = steps.next(cancelled?.() ?? false);
    if (step.done) return step.value;
  }
}

/**
 * The same pass as a generator that yields the bytes read so far after each chunk, so that an
 * editor can report progress and stay responsive between chunks. Passing `true` to `next()`
 * stops the reading (a cancelled import); the result then covers what was read.
 */
export function* scanSteps(
  chunks: Iterable<Uint8Array>,
  visit?: SegmentVisitor,
): Generator<number, ScanResult, boolean | undefined> {
  const scan = new CaptureScan(visit);
  for (const chunk of chunks) {
    if (!scan.push(chunk)) break;
    if (yield scan.bytes) break;
  }
  return scan.end();
}

/**
 * The same pass with the chunks pushed in, for a caller that reads them itself (asynchronously,
 * from a file handle): `push` each chunk while it returns true, then `end`. Nothing of a chunk is
 * kept once `push` returns, so the caller may reuse its buffer.
 */
export class CaptureScan {
  /** Bytes pushed so far. */
  bytes = 0;
  private readonly table: ConnectionTable;
  private readonly reader: CaptureReader;
  private tcpPackets = 0;
  private originSec = -1;
  private originNsec = 0;
  private readonly segment: { -readonly [K in keyof AnalyzedSegment]: AnalyzedSegment[K] } = {
    direction: 0,
    frame: 0,
    time: 0,
    seq: 0,
    ack: 0,
    flags: 0,
    win: 0,
    len: 0,
    wscale: 0,
  };

  /**
   * `listed`: the connections an earlier pass over the same capture found (the import's listing
   * pass), when this pass is a replay of it that only visits the packets: their connections are
   * those, each with its analysis run again, and what the listing counted is not counted again
   * (memory: one record of each connection's addresses, not two). Its result lists no
   * connections: the listing has them.
   */
  constructor(
    private readonly visit?: SegmentVisitor,
    private readonly listed?: readonly Connection[],
  ) {
    this.table = new ConnectionTable(listed);
    this.reader = new CaptureReader((packet) => this.packet(packet));
  }

  /** Reads one more chunk; false once a fatal problem stopped the reading (read no further). */
  push(chunk: Uint8Array): boolean {
    this.reader.push(chunk);
    this.bytes += chunk.length;
    return !this.reader.stopped;
  }

  /**
   * Stops analysing and visiting `connection`'s packets (a replay whose visitor has cut it):
   * what its analysis holds is let go now, not at its last packet.
   */
  park(connection: Connection): void {
    this.table.park(connection);
  }

  end(): ScanResult {
    this.reader.end();
    this.table.clear();
    return {
      format: this.reader.format,
      frames: this.reader.frames,
      tcpPackets: this.tcpPackets,
      connections: this.table.connections,
      problems: this.reader.problems,
      origin: { sec: Math.max(this.originSec, 0), nsec: this.originNsec },
    };
  }

  private packet(packet: TcpPacket): void {
    this.tcpPackets++;
    if (this.originSec < 0) {
      this.originSec = packet.sec;
      this.originNsec = packet.nsec;
    }
    const time = (packet.sec - this.originSec) * 1e9 + (packet.nsec - this.originNsec);
    const { connection, direction, reused, analyzer } = this.table.lookup(packet);
    if (!analyzer) {
      // Parked (`park`): nobody wants its packets; it is let go at its last one.
      if (packet.frame === connection.lastFrame) this.table.release(connection);
      return;
    }
    // One segment object for every packet: the analyzer reads it and keeps nothing of it.
    const segment = this.segment;
    segment.direction = direction;
    segment.frame = packet.frame;
    segment.time = time;
    segment.seq = packet.seq;
    segment.ack = packet.ack;
    segment.flags = packet.flags;
    segment.win = packet.win;
    segment.len = packet.len;
    segment.wscale = packet.wscale;
    let bits = analyzer.analyze(segment);
    if (reused) bits |= ANALYSIS.REUSED_PORTS;
    if (this.listed) {
      // A replay: the listing holds the counts and notes; this pass only visits, and lets the
      // connection go after its last packet (memory grows with the connections open at once).
      this.visit?.(packet, connection, direction, bits, time, analyzer);
      if (packet.frame === connection.lastFrame) this.table.release(connection);
      return;
    }
    notePacket(connection, direction, packet);
    connection.packets++;
    connection.bytes += packet.len;
    connection.lastFrame = packet.frame;
    connection.lastFrames[direction] = packet.frame;
    if (bits !== 0) count(connection.analysisCounts, bits);
    if (!connection.glanced && packet.payloadEnd > packet.payloadStart) {
      connection.glanced = true;
      const tls = tlsGlance(packet.bytes.subarray(packet.payloadStart, packet.payloadEnd));
      if (tls) connection.tls = tls;
    }
    if (connection.tls !== undefined) glanceCertificate(connection, direction, packet);
    this.visit?.(packet, connection, direction, bits, time, analyzer);
  }
}

/** What the listing learns of a connection for the writer: its SYN, its lowest numbers. */
function notePacket(connection: Connection, direction: 0 | 1, packet: TcpPacket): void {
  const flags = packet.flags;
  if ((flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN && direction === connection.client)
    connection.sawSyn = true;
  if ((flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === (TCP_FLAG.SYN | TCP_FLAG.ACK))
    connection.sawSynAck = true;
  if (flags & TCP_FLAG.RST) return;
  noteFinAck(connection, direction, packet);
  if (!(connection.noted & (1 << direction))) {
    connection.noted |= 1 << direction;
    lower(connection.earliest, direction, packet.seq);
  }
  if (flags & TCP_FLAG.ACK && !(connection.noted & (4 << direction))) {
    connection.noted |= 4 << direction;
    lower(connection.earliest, direction === 0 ? 1 : 0, packet.ack);
  }
}

/** At most this many ACKs lost after the capture point are remembered per connection. */
const MAX_LOST_ACKS = 16;

/**
 * A FIN sent again after the peer's pure ACK of it: that ACK was captured but lost after the
 * capture point (the final ACK of a close, RFC 9293 §3.6: LAST-ACK resends its FIN until it
 * is acknowledged). Remembered so that the writer writes the ACK as lost.
 */
function noteFinAck(connection: Connection, direction: 0 | 1, packet: TcpPacket): void {
  const flags = packet.flags;
  const peer = direction === 0 ? 1 : 0;
  if (flags & TCP_FLAG.FIN) {
    const end = (packet.seq + packet.len + 1) >>> 0;
    const acked = connection.finAckFrame[peer];
    if (connection.finEnd[direction] === end && acked > 0) {
      if (connection.lostAcks.length < MAX_LOST_ACKS)
        connection.lostAcks.push([acked, packet.frame]);
      connection.finAckFrame[peer] = 0;
    }
    connection.finEnd[direction] = end;
  } else if (
    flags & TCP_FLAG.ACK &&
    !(flags & TCP_FLAG.SYN) &&
    packet.len === 0 &&
    packet.ack === connection.finEnd[peer]
  ) {
    connection.finAckFrame[direction] = packet.frame;
  }
}

function lower(values: [number, number], at: 0 | 1, value: number): void {
  const known = values[at] as number;
  if (Number.isNaN(known) || ((value - known) | 0) < 0) values[at] = value;
}

function count(counts: number[], bits: number): void {
  for (let i = 0; bits >>> i !== 0; i++) {
    if (bits & (1 << i)) counts[i] = (counts[i] ?? 0) + 1;
  }
}
