import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * The kinds of traffic the benchmark writes, shaped like what users import:
 * - `web`: handshake, request, a response in 1448-byte segments with ACKs, close; one data
 *   segment in a hundred is sent twice (a retransmission);
 * - `lossy`: the same response with one segment in thirteen lost before the capture point
 *   (three duplicate ACKs, then the fast retransmission) and one pair in seventeen reordered;
 * - `one-direction`: `web` with only the server's packets captured (asymmetric routing);
 * - `syn-scan`: a SYN to a closed port answered by RST ACK, one connection each.
 */
export type CaptureShape = 'web' | 'lossy' | 'one-direction' | 'syn-scan';

/**
 * Writes a libpcap file of `packets` Ethernet/IPv4/TCP frames for the capture benchmark, fast
 * and in 4 MiB pieces: `connections` connections of `shape` run side by side, each replaced by
 * a new one (new ports, new ISNs) when it ends. Returns the bytes written.
 */
export function writeCaptureFile(
  path: string,
  packets: number,
  connections: number,
  shape: CaptureShape = 'web',
): number {
  const fd = openSync(path, 'w');
  const buffer = new Uint8Array(4 << 20);
  const view = new DataView(buffer.buffer);
  let at = 0;
  let written = 0;
  const flush = (): void => {
    writeSync(fd, buffer, 0, at);
    written += at;
    at = 0;
  };
  // pcap header: little-endian, microseconds, Ethernet.
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, 1, true);
  at = 24;

  // Each connection's four-tuple comes from its serial number: unique over 10M connections, so
  // that no two connections share ports (a tuple reused while its last probe was still
  // unanswered made two live connections of one four-tuple, which no real scanner does).
  let serial = 0;
  const state = Array.from({ length: connections }, (_, i) => newConnection(i, 0, shape, serial++));
  let time = 1_700_000_000_000_000; // µs
  for (let n = 0; n < packets; n++) {
    const index = n % connections;
    let c = state[index] as ConnectionState;
    if (c.step >= c.script.length) {
      c = state[index] = newConnection(index, c.generation + 1, shape, serial++);
    }
    const p = c.script[c.step++] as PacketSpec;
    time += 7;
    if (at + 16 + 54 + p.len > buffer.length) flush();
    at = frame(view, buffer, at, time, c, p);
  }
  flush();
  closeSync(fd);
  return written;
}

interface PacketSpec {
  readonly fromClient: boolean;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
}

interface ConnectionState {
  readonly clientIp: number;
  readonly clientPort: number;
  readonly generation: number;
  readonly script: PacketSpec[];
  step: number;
}

const SYN = 2;
const ACK = 16;
const PSH = 8;
const FIN = 1;
const RST = 4;

function newConnection(
  index: number,
  generation: number,
  shape: CaptureShape,
  serial: number,
): ConnectionState {
  const clientIsn = (index * 7919 + generation * 104729) >>> 0;
  const serverIsn = (index * 15485863 + generation * 32452843 + 1) >>> 0;
  const script =
    shape === 'syn-scan'
      ? [
          { fromClient: true, flags: SYN, seq: clientIsn, ack: 0, len: 0 },
          { fromClient: false, flags: RST | ACK, seq: 0, ack: clientIsn + 1, len: 0 },
        ]
      : exchange(index, clientIsn, serverIsn, shape === 'lossy');
  return {
    clientIp: 0x0a000000 + (serial % 250) + 1,
    clientPort: 20000 + (Math.floor(serial / 250) % 40000),
    generation,
    script: shape === 'one-direction' ? script.filter((p) => !p.fromClient) : script,
    step: 0,
  };
}

/** Handshake, request, forty 1448-byte segments of response with their ACKs, close. */
function exchange(
  index: number,
  clientIsn: number,
  serverIsn: number,
  lossy: boolean,
): PacketSpec[] {
  let c = clientIsn + 1;
  let s = serverIsn + 1;
  const script: PacketSpec[] = [
    { fromClient: true, flags: SYN, seq: clientIsn, ack: 0, len: 0 },
    { fromClient: false, flags: SYN | ACK, seq: serverIsn, ack: c, len: 0 },
    { fromClient: true, flags: ACK, seq: c, ack: s, len: 0 },
    { fromClient: true, flags: PSH | ACK, seq: c, ack: s, len: 120 },
  ];
  c += 120;
  script.push({ fromClient: false, flags: ACK, seq: s, ack: c, len: 0 });
  for (let i = 0; i < 40; i++) {
    const segment = { fromClient: false, flags: ACK, seq: s, ack: c, len: 1448 };
    if (lossy && (index + i) % 13 === 5 && i < 36) {
      // Lost before the capture point: the next three arrive, each answered by a duplicate
      // ACK, then the sender retransmits it (RFC 5681 §3.2) and the ACK covers all four.
      for (let k = 1; k <= 3; k++) {
        script.push({ ...segment, seq: s + k * 1448 });
        script.push({ fromClient: true, flags: ACK, seq: c, ack: s, len: 0 });
      }
      script.push(segment);
      s += 4 * 1448;
      i += 3;
      script.push({ fromClient: true, flags: ACK, seq: c, ack: s, len: 0 });
      continue;
    }
    if (lossy && (index + i) % 17 === 3 && i < 39) {
      // Two segments reordered on the way: the second arrives first (a duplicate ACK).
      script.push({ ...segment, seq: s + 1448 });
      script.push({ fromClient: true, flags: ACK, seq: c, ack: s, len: 0 });
      script.push(segment);
      s += 2 * 1448;
      i += 1;
      script.push({ fromClient: true, flags: ACK, seq: c, ack: s, len: 0 });
      continue;
    }
    script.push(segment);
    if (!lossy && (index + i) % 100 === 0) script.push(segment); // a retransmission
    s += 1448;
    script.push({ fromClient: true, flags: ACK, seq: c, ack: s, len: 0 });
  }
  script.push({ fromClient: false, flags: FIN | ACK, seq: s, ack: c, len: 0 });
  script.push({ fromClient: true, flags: FIN | ACK, seq: c, ack: s + 1, len: 0 });
  script.push({ fromClient: false, flags: ACK, seq: s + 1, ack: c + 1, len: 0 });
  return script;
}

const SERVER_IP = 0x0a0000fe;

function frame(
  view: DataView,
  buffer: Uint8Array,
  at: number,
  time: number,
  c: ConnectionState,
  p: PacketSpec,
): number {
  const length = 54 + p.len;
  view.setUint32(at, Math.floor(time / 1e6), true);
  view.setUint32(at + 4, time % 1e6, true);
  view.setUint32(at + 8, length, true);
  view.setUint32(at + 12, length, true);
  const e = at + 16;
  buffer.fill(0, e, e + 54 + p.len);
  view.setUint16(e + 12, 0x0800);
  const ip = e + 14;
  buffer[ip] = 0x45;
  view.setUint16(ip + 2, 40 + p.len);
  buffer[ip + 8] = 64;
  buffer[ip + 9] = 6;
  view.setUint32(ip + 12, p.fromClient ? c.clientIp : SERVER_IP);
  view.setUint32(ip + 16, p.fromClient ? SERVER_IP : c.clientIp);
  const t = ip + 20;
  view.setUint16(t, p.fromClient ? c.clientPort : 443);
  view.setUint16(t + 2, p.fromClient ? 443 : c.clientPort);
  view.setUint32(t + 4, p.seq >>> 0);
  view.setUint32(t + 8, p.ack >>> 0);
  buffer[t + 12] = 0x50;
  buffer[t + 13] = p.flags;
  view.setUint16(t + 14, 65535);
  return e + length;
}
