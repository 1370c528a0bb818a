import { CaptureReader, type CaptureFormat } from './captureReader';
import { ConnectionTable, type Connection } from './connectionTable';
import type { CaptureProblem, TcpPacket } from './packet';
import { ANALYSIS } from './tcpAnalysis';

/** Called for each TCP packet with its connection, direction, analysis bits and time (ns). */
export type SegmentVisitor = (
  packet: TcpPacket,
  connection: Connection,
  direction: 0 | 1,
  bits: number,
  time: number,
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
  const table = new ConnectionTable();
  let tcpPackets = 0;
  let originSec = -1;
  let originNsec = 0;
  const reader = new CaptureReader((packet) => {
    tcpPackets++;
    if (originSec < 0) {
      originSec = packet.sec;
      originNsec = packet.nsec;
    }
    const time = (packet.sec - originSec) * 1e9 + (packet.nsec - originNsec);
    const { connection, direction, reused } = table.lookup(packet);
    let bits = connection.analyzer.analyze({
      direction,
      frame: packet.frame,
      time,
      seq: packet.seq,
      ack: packet.ack,
      flags: packet.flags,
      win: packet.win,
      len: packet.len,
      wscale: packet.wscale,
    });
    if (reused) bits |= ANALYSIS.REUSED_PORTS;
    connection.packets++;
    connection.bytes += packet.len;
    connection.lastFrame = packet.frame;
    if (bits !== 0) count(connection.analysisCounts, bits);
    visit?.(packet, connection, direction, bits, time);
  });
  let bytes = 0;
  for (const chunk of chunks) {
    reader.push(chunk);
    bytes += chunk.length;
    if (reader.stopped) break;
    if (yield bytes) break;
  }
  reader.end();
  return {
    format: reader.format,
    frames: reader.frames,
    tcpPackets,
    connections: table.connections,
    problems: reader.problems,
    origin: { sec: Math.max(originSec, 0), nsec: originNsec },
  };
}

function count(counts: number[], bits: number): void {
  for (let i = 0; bits >>> i !== 0; i++) {
    if (bits & (1 << i)) counts[i] = (counts[i] ?? 0) + 1;
  }
}
