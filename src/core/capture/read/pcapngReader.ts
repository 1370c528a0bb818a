import type { Text } from '../../text/words';
import { CAPTURE_MESSAGES as M } from './captureMessages';
import { decodeFrame, isSupportedLinkType } from './decodeFrame';
import { TcpPacket, type CaptureProblem, type PacketSink } from './packet';
import { concat, MAX_PACKET_BYTES, u32be, u32le } from './pcapReader';

/** Block types of draft-ietf-opsawg-pcapng that matter here. */
const BLOCK = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE: 0x00000001,
  OBSOLETE_PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  ENHANCED_PACKET: 0x00000006,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** A section or interface block larger than this is not buffered but reported. */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;
const OPTION_TSRESOL = 9;
const OPTION_TSOFFSET = 14;

interface Interface {
  readonly linkType: number;
  readonly snaplen: number;
  /** Timestamp units per second: 10^n or 2^n. */
  readonly unitsPerSecond: bigint;
  /** Fast path: units per second as a number when it is a power of ten up to 10^6. */
  readonly smallUnits: number;
  readonly offsetSeconds: number;
  readonly precision: number;
}

/**
 * Reads a pcapng file pushed in chunks and hands each TCP packet to `sink`. Packet and
 * interface blocks are buffered whole (bounded by MAX_PACKET_BYTES and MAX_BLOCK_BYTES); every
 * other block is skipped as it streams past. Never throws; see `problems`.
 */
export class PcapngReader {
  readonly problems: CaptureProblem[] = [];
  frames = 0;
  stopped = false;
  private pending: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private little = false;
  private sawSection = false;
  private interfaces: Interface[] = [];
  /** Bytes of an uninteresting block still to skip. */
  private skipping = 0;
  private readonly packet = new TcpPacket();

  constructor(private readonly sink: PacketSink) {}

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    if (this.skipping > 0) {
      const skip = Math.min(this.skipping, chunk.length);
      this.skipping -= skip;
      this.offset += skip;
      chunk = chunk.subarray(skip);
      if (chunk.length === 0) return;
    }
    const data = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const at = this.readBlocks(data);
    this.offset += at;
    this.pending = this.stopped ? new Uint8Array(0) : data.slice(at);
  }

  end(): void {
    if (this.stopped) return;
    const have = this.pending.length;
    if (!this.sawSection && this.skipping === 0 && have > 0) {
      // The byte-order magic (bytes 8–11 of the section header) is what says how to read the
      // block's length: before it, no length can be read in either order.
      this.problems.push({
        offset: this.offset,
        line: 0,
        message: M.truncatedSection({ have }),
        fatal: false,
      });
    } else if (this.skipping > 0 || have > 0) {
      const need =
        this.skipping > 0 ? this.skipping : have >= 8 ? this.blockLength(this.pending, 0) : 12;
      this.problems.push({
        offset: this.offset,
        line: 0,
        message: M.truncatedBlock({
          need,
          have: this.skipping > 0 ? 0 : have,
          frames: this.frames,
        }),
        fatal: false,
      });
    }
    this.stopped = true;
  }

  private readBlocks(data: Uint8Array): number {
    let at = 0;
    while (data.length - at >= 12 && !this.stopped) {
      const type = this.u32(data, at);
      if (type === BLOCK.SECTION_HEADER) {
        const magic = u32be(data, at + 8);
        if (magic === BYTE_ORDER_MAGIC) this.little = false;
        else if (magic === 0x4d3c2b1a) this.little = true;
        else {
          this.fail(this.offset + at + 8, M.badByteOrder({ magic: hex(magic) }));
          return at;
        }
        this.sawSection = true;
        this.interfaces = [];
      } else if (!this.sawSection) {
        this.fail(this.offset + at, M.noSection());
        return at;
      }
      const length = this.blockLength(data, at);
      if (length < 12 || length % 4 !== 0) {
        this.fail(this.offset + at + 4, M.badBlockLength({ length }));
        return at;
      }
      const needed = isNeeded(type);
      const max =
        type === BLOCK.SECTION_HEADER || type === BLOCK.INTERFACE
          ? MAX_BLOCK_BYTES
          : MAX_PACKET_BYTES + 64 * 1024;
      if (needed && length > max) {
        this.fail(this.offset + at + 4, M.hugeBlock({ length, max }));
        return at;
      }
      if (!needed) {
        // Skip without buffering: it may be large (name resolution, statistics, custom data).
        const available = data.length - at;
        if (available < length) {
          this.skipping = length - available;
          return data.length;
        }
        at += length;
        continue;
      }
      if (data.length - at < length) break;
      const trailer = this.u32(data, at + length - 4);
      if (trailer !== length) {
        this.fail(
          this.offset + at + length - 4,
          M.trailerMismatch({ first: length, last: trailer }),
        );
        return at;
      }
      this.readBlock(type, data, at, length);
      at += length;
    }
    return at;
  }

  private readBlock(type: number, data: Uint8Array, at: number, length: number): void {
    const body = at + 8;
    const bodyEnd = at + length - 4;
    switch (type) {
      case BLOCK.INTERFACE:
        this.readInterface(data, body, bodyEnd, at);
        return;
      case BLOCK.ENHANCED_PACKET:
        this.frames++;
        this.readPacket(
          data,
          at,
          this.u32(data, body),
          this.u32(data, body + 4),
          this.u32(data, body + 8),
          this.u32(data, body + 12),
          body + 20,
          bodyEnd,
        );
        return;
      case BLOCK.OBSOLETE_PACKET:
        this.frames++;
        this.readPacket(
          data,
          at,
          this.u16(data, body),
          this.u32(data, body + 4),
          this.u32(data, body + 8),
          this.u32(data, body + 12),
          body + 20,
          bodyEnd,
        );
        return;
      case BLOCK.SIMPLE_PACKET: {
        this.frames++;
        const iface = this.interfaces[0];
        const original = this.u32(data, body);
        let caplen = Math.min(original, bodyEnd - body - 4);
        if (iface && iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
        // A simple packet block has no timestamp: its time is unknown, shown as 0.
        this.emit(data, at, 0, 0, 0, caplen, body + 4);
        return;
      }
      default:
    }
  }

  private readInterface(data: Uint8Array, body: number, bodyEnd: number, blockAt: number): void {
    const linkType = this.u16(data, body);
    const snaplen = this.u32(data, body + 4);
    let unitsPerSecond = 1_000_000n;
    let precision = 6;
    let offsetSeconds = 0;
    for (let at = body + 8; at + 4 <= bodyEnd;) {
      const code = this.u16(data, at);
      const size = this.u16(data, at + 2);
      if (code === 0) break;
      if (code === OPTION_TSRESOL && size >= 1) {
        const value = data[at + 4] as number;
        const exponent = value & 0x7f;
        if (value & 0x80) {
          unitsPerSecond = 1n << BigInt(exponent);
          precision = Math.ceil(exponent * Math.log10(2));
        } else if (exponent <= 19) {
          unitsPerSecond = 10n ** BigInt(exponent);
          precision = exponent;
        } else {
          this.problems.push({
            offset: this.offset + at,
            line: 0,
            message: M.badTsresol({ value }),
            fatal: false,
          });
        }
      }
      if (code === OPTION_TSOFFSET && size >= 8) {
        const high = this.u32(data, at + 4 + (this.little ? 4 : 0));
        const low = this.u32(data, at + 4 + (this.little ? 0 : 4));
        offsetSeconds = high * 4294967296 + low;
      }
      at += 4 + ((size + 3) & ~3);
    }
    if (!isSupportedLinkType(linkType)) {
      this.problems.push({
        offset: this.offset + blockAt + 8,
        line: 0,
        message: M.linkType({ linkType }),
        fatal: false,
      });
    }
    const small =
      unitsPerSecond <= 1_000_000n && 1_000_000n % unitsPerSecond === 0n
        ? Number(unitsPerSecond)
        : 0;
    this.interfaces.push({
      linkType,
      snaplen,
      unitsPerSecond,
      smallUnits: small,
      offsetSeconds,
      precision: Math.min(precision, 9),
    });
  }

  private readPacket(
    data: Uint8Array,
    blockAt: number,
    interfaceId: number,
    high: number,
    low: number,
    caplen: number,
    start: number,
    bodyEnd: number,
  ): void {
    if (caplen > MAX_PACKET_BYTES || start + caplen > bodyEnd) {
      this.fail(
        this.offset + blockAt,
        M.hugeRecord({ caplen, max: Math.min(MAX_PACKET_BYTES, bodyEnd - start) }),
      );
      return;
    }
    this.emit(data, blockAt, interfaceId, high, low, caplen, start);
  }

  private emit(
    data: Uint8Array,
    blockAt: number,
    interfaceId: number,
    high: number,
    low: number,
    caplen: number,
    start: number,
  ): void {
    const iface = this.interfaces[interfaceId];
    if (!iface) {
      this.problems.push({
        offset: this.offset + blockAt,
        line: 0,
        message: M.unknownInterface({ id: interfaceId }),
        fatal: false,
      });
      return;
    }
    const packet = this.packet;
    if (!decodeFrame(data, start, caplen, iface.linkType, packet)) return;
    packet.frame = this.frames;
    packet.precision = iface.precision;
    if (iface.smallUnits > 0) {
      // Up to microseconds the 64-bit count stays below 2^53 for the next few centuries.
      const units = high * 4294967296 + low;
      const sec = Math.floor(units / iface.smallUnits);
      packet.sec = sec + iface.offsetSeconds;
      packet.nsec = (units - sec * iface.smallUnits) * (1e9 / iface.smallUnits);
    } else {
      const units = (BigInt(high) << 32n) | BigInt(low);
      const sec = units / iface.unitsPerSecond;
      packet.sec = Number(sec) + iface.offsetSeconds;
      packet.nsec = Number(
        ((units - sec * iface.unitsPerSecond) * 1_000_000_000n) / iface.unitsPerSecond,
      );
    }
    this.sink(packet);
  }

  private blockLength(data: Uint8Array, at: number): number {
    return this.u32(data, at + 4);
  }

  private fail(offset: number, message: Text): void {
    this.problems.push({ offset, line: 0, message, fatal: true });
    this.stopped = true;
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

function isNeeded(type: number): boolean {
  return (
    type === BLOCK.SECTION_HEADER ||
    type === BLOCK.INTERFACE ||
    type === BLOCK.ENHANCED_PACKET ||
    type === BLOCK.SIMPLE_PACKET ||
    type === BLOCK.OBSOLETE_PACKET
  );
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
