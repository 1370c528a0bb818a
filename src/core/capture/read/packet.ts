import type { Text } from '../../text/words';
/**
 * One captured TCP segment, as the readers hand it on. Readers fill and reuse one instance
 * per packet, so that a capture of millions of packets allocates per connection, not per
 * packet: a consumer that keeps anything copies it.
 */
export class TcpPacket {
  /** 1-based frame number in the capture (every record counts, TCP or not). */
  frame = 0;
  /** Capture time: whole seconds since the epoch (or since midnight for tcpdump text). */
  sec = 0;
  /** Nanoseconds within `sec`. */
  nsec = 0;
  /** Digits after the decimal point the source had: 6 for µs, 9 for ns, 0 for none. */
  precision = 6;
  family: 4 | 6 = 4;
  /**
   * Source and destination addresses as four 32-bit words each (IPv4 in the last word),
   * so that a connection is found without building a string.
   */
  readonly srcWords = new Uint32Array(4);
  readonly dstWords = new Uint32Array(4);
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  /** TCP flags, the header's flags byte (bits in protocol/tcpFlags.ts: TCP_FLAG). */
  flags = 0;
  /** The window field as sent (not scaled); -1 when unknown (tcpdump text that leaves it out). */
  win = 0;
  /** Payload bytes on the wire (from the IP lengths, not the captured part). */
  len = 0;
  /** The captured part of the payload: `payloadEnd - payloadStart <= len`. */
  bytes: Uint8Array = EMPTY;
  payloadStart = 0;
  payloadEnd = 0;
  /** Options of a SYN; -1 when absent. */
  mss = -1;
  wscale = -1;
  /** Host names as written, when tcpdump text printed names instead of addresses. */
  srcName = '';
  dstName = '';
}

const EMPTY = new Uint8Array(0);

/** Something wrong with the input: where (byte offset, or line for text) and what. */
export interface CaptureProblem {
  /** Byte offset in the file, or -1 when the problem has a line instead. */
  readonly offset: number;
  /** 1-based line for tcpdump text, else 0. */
  readonly line: number;
  readonly message: Text;
  /** True when reading stopped here; false when the record was skipped and reading went on. */
  readonly fatal: boolean;
}

/** Receives each TCP packet of a capture, in file order. */
export type PacketSink = (packet: TcpPacket) => void;

/** The address text of four words: dotted IPv4 or RFC 5952 IPv6. */
export function addressText(words: Uint32Array, family: 4 | 6): string {
  if (family === 4) {
    const w = words[3] as number;
    return `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 4; i++) {
    const w = words[i] as number;
    groups.push(w >>> 16, w & 0xffff);
  }
  // RFC 5952 §4.2: the longest run of two or more zero groups becomes `::`, the first on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}
