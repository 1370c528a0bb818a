import type { Text } from '../../text/words';
import { CAPTURE_MESSAGES as M } from './captureMessages';
import { decodeFrame, isSupportedLinkType } from './decodeFrame';
import { TcpPacket, type CaptureProblem, type PacketSink } from './packet';

/** The most a packet record may hold (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_PACKET_BYTES = 262_144;

const HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** Magic numbers as read big-endian: the byte order and the timestamp unit follow from them. */
const MAGIC = {
  0xa1b2c3d4: { little: false, nanos: false },
  0xd4c3b2a1: { little: true, nanos: false },
  0xa1b23c4d: { little: false, nanos: true },
  0x4d3cb2a1: { little: true, nanos: true },
} as Readonly<Record<number, { little: boolean; nanos: boolean }>>;

/** True when `magic` (the first 4 bytes, big-endian) starts a libpcap file. */
export function isPcapMagic(magic: number): boolean {
  return MAGIC[magic] !== undefined;
}

/**
 * Reads a libpcap file pushed in chunks of any size and hands each TCP packet to `sink`.
 * Holds at most one partial record between chunks. Never throws: problems are collected in
 * `problems`, and after a fatal one the reader ignores further input.
 */
export class PcapReader {
  readonly problems: CaptureProblem[] = [];
  /** Frames read so far (TCP or not). */
  frames = 0;
  stopped = false;
  private pending: Uint8Array = new Uint8Array(0);
  /** File offset of pending[0]. */
  private offset = 0;
  private little = false;
  private nanos = false;
  private linkType = -1;
  private readonly packet = new TcpPacket();

  constructor(private readonly sink: PacketSink) {}

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    if (this.pending.length > 0 && this.linkType >= 0) {
      const taken = this.completePending(chunk);
      if (this.stopped) return;
      if (taken > 0) chunk = chunk.subarray(taken);
    }
    const data = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    let at = 0;
    if (this.linkType < 0) {
      if (data.length < HEADER_BYTES) {
        this.pending = data.slice();
        return;
      }
      if (!this.readHeader(data)) return;
      at = HEADER_BYTES;
    }
    at = this.readRecords(data, at);
    this.offset += at;
    this.pending = this.stopped ? new Uint8Array(0) : data.slice(at);
  }

  /**
   * The record the last chunk ended inside, completed from the head of `chunk` and read, so that
   * the rest of `chunk` is read where it lies rather than copied behind the pending bytes (a
   * copy of every chunk cost as much as reading it). Returns the bytes of `chunk` it took: 0
   * when `chunk` does not complete the record, or its length is refused, which the general path
   * then handles as before.
   */
  private completePending(chunk: Uint8Array): number {
    const pending = this.pending;
    const headerNeed = Math.max(0, RECORD_HEADER_BYTES - pending.length);
    if (chunk.length < headerNeed) return 0;
    const header = headerNeed > 0 ? concat(pending, chunk.subarray(0, headerNeed)) : pending;
    const caplen = this.u32(header, 8);
    const need = RECORD_HEADER_BYTES + caplen - pending.length;
    if (caplen > MAX_PACKET_BYTES || chunk.length < need) return 0;
    const at = this.readRecords(concat(pending, chunk.subarray(0, need)), 0);
    this.offset += at;
    this.pending = new Uint8Array(0);
    return need;
  }

  /** Call once after the last chunk: reports a file that ends inside a record. */
  end(): void {
    if (this.stopped) return;
    const have = this.pending.length;
    if (this.linkType < 0) {
      this.fail(0, M.shortHeader({ size: have }));
    } else if (have > 0) {
      const frame = this.frames + 1;
      const message =
        have < RECORD_HEADER_BYTES
          ? M.truncatedRecordHeader({ frame, have })
          : M.truncatedRecord({
              frame,
              need: RECORD_HEADER_BYTES + this.u32(this.pending, 8),
              have,
            });
      this.problems.push({ offset: this.offset, line: 0, message, fatal: false });
    }
    this.stopped = true;
  }

  private readHeader(data: Uint8Array): boolean {
    const magic = MAGIC[u32be(data, 0)] as { little: boolean; nanos: boolean };
    this.little = magic.little;
    this.nanos = magic.nanos;
    const major = this.u16(data, 4);
    const minor = this.u16(data, 6);
    const snaplen = this.u32(data, 16);
    const linkType = this.u32(data, 20) & 0xffff; // upper bits: FCS length (pcap-savefile(5))
    if (major !== 2) return this.fail(4, M.pcapVersion({ major, minor }));
    if (snaplen > 0x7fffffff) return this.fail(16, M.hugeSnaplen({ snaplen }));
    if (!isSupportedLinkType(linkType)) return this.fail(20, M.linkType({ linkType }));
    this.linkType = linkType;
    return true;
  }

  private readRecords(data: Uint8Array, at: number): number {
    const packet = this.packet;
    const scale = this.nanos ? 1 : 1000;
    while (data.length - at >= RECORD_HEADER_BYTES) {
      const caplen = this.u32(data, at + 8);
      if (caplen > MAX_PACKET_BYTES) {
        this.fail(this.offset + at, M.hugeRecord({ caplen, max: MAX_PACKET_BYTES }));
        return at;
      }
      if (data.length - at - RECORD_HEADER_BYTES < caplen) break;
      this.frames++;
      if (decodeFrame(data, at + RECORD_HEADER_BYTES, caplen, this.linkType, packet)) {
        packet.frame = this.frames;
        packet.sec = this.u32(data, at);
        packet.nsec = this.u32(data, at + 4) * scale;
        packet.precision = this.nanos ? 9 : 6;
        this.sink(packet);
      }
      at += RECORD_HEADER_BYTES + caplen;
    }
    return at;
  }

  private fail(offset: number, message: Text): false {
    this.problems.push({ offset, line: 0, message, fatal: true });
    this.stopped = true;
    return false;
  }

  private u16(data: Uint8Array, at: number): number {
    const a = data[at] as number;
    const b = data[at + 1] as number;
    return this.little ? a | (b << 8) : (a << 8) | b;
  }

  private u32(data: Uint8Array, at: number): number {
    return this.little ? u32le(data, at) : u32be(data, at);
  }
}

export function u32be(data: Uint8Array, at: number): number {
  return (
    (((data[at] as number) << 24) |
      ((data[at + 1] as number) << 16) |
      ((data[at + 2] as number) << 8) |
      (data[at + 3] as number)) >>>
    0
  );
}

export function u32le(data: Uint8Array, at: number): number {
  return (
    ((data[at] as number) |
      ((data[at + 1] as number) << 8) |
      ((data[at + 2] as number) << 16) |
      ((data[at + 3] as number) << 24)) >>>
    0
  );
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
