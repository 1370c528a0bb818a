/**
 * Builds libpcap and pcapng files from a list of TCP segments, for tests and the benchmark.
 * IPv4 over Ethernet (or IPv6, VLAN, Linux SLL/SLL2, raw IP, loopback NULL), correct lengths,
 * zero checksums (nothing checked here verifies them).
 */
export interface SegmentSpec {
  /** Seconds since the epoch, fractional. */
  readonly time: number;
  readonly src: string;
  readonly dst: string;
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack?: number;
  /** Letters: S F R P A U E C. */
  readonly flags: string;
  readonly win?: number;
  readonly len?: number;
  readonly payload?: Uint8Array;
  readonly mss?: number;
  readonly wscale?: number;
}

export type LinkKind = 'ethernet' | 'vlan' | 'sll' | 'sll2' | 'raw' | 'null';

const LINK_TYPES: Record<LinkKind, number> = {
  ethernet: 1,
  vlan: 1,
  sll: 113,
  sll2: 276,
  raw: 101,
  null: 0,
};

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32, E: 64, C: 128 };

/** The frame bytes of one segment on `link`. */
export function frameBytes(s: SegmentSpec, link: LinkKind = 'ethernet'): Uint8Array {
  const ip = ipPacket(s);
  const v6 = s.src.includes(':');
  const ethertype = v6 ? 0x86dd : 0x0800;
  let head: number[] = [];
  if (link === 'ethernet') head = [...new Array(12).fill(0), ethertype >> 8, ethertype & 255];
  if (link === 'vlan')
    head = [...new Array(12).fill(0), 0x81, 0x00, 0x00, 0x05, ethertype >> 8, ethertype & 255];
  if (link === 'sll')
    head = [0, 0, 0, 1, 0, 6, ...new Array(8).fill(0), ethertype >> 8, ethertype & 255];
  if (link === 'sll2')
    head = [ethertype >> 8, ethertype & 255, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, ...new Array(8).fill(0)];
  if (link === 'null') head = v6 ? [30, 0, 0, 0] : [2, 0, 0, 0];
  const out = new Uint8Array(head.length + ip.length);
  out.set(head);
  out.set(ip, head.length);
  return out;
}

function ipPacket(s: SegmentSpec): Uint8Array {
  const options: number[] = [];
  if (s.mss !== undefined) options.push(2, 4, s.mss >> 8, s.mss & 255);
  if (s.wscale !== undefined) options.push(1, 3, 3, s.wscale);
  while (options.length % 4) options.push(0);
  const tcpHeader = 20 + options.length;
  const len = s.len ?? s.payload?.length ?? 0;
  const payload = s.payload ?? new Uint8Array(len);
  const v6 = s.src.includes(':');
  const ipHeader = v6 ? 40 : 20;
  const total = ipHeader + tcpHeader + len;
  const b = new Uint8Array(total);
  const view = new DataView(b.buffer);
  if (v6) {
    b[0] = 0x60;
    view.setUint16(4, tcpHeader + len);
    b[6] = 6;
    b[7] = 64;
    b.set(ipv6Bytes(s.src), 8);
    b.set(ipv6Bytes(s.dst), 24);
  } else {
    b[0] = 0x45;
    view.setUint16(2, total);
    b[6] = 0x40; // DF
    b[8] = 64;
    b[9] = 6;
    b.set(s.src.split('.').map(Number), 12);
    b.set(s.dst.split('.').map(Number), 16);
  }
  const t = ipHeader;
  view.setUint16(t, s.sport);
  view.setUint16(t + 2, s.dport);
  view.setUint32(t + 4, s.seq >>> 0);
  view.setUint32(t + 8, (s.ack ?? 0) >>> 0);
  b[t + 12] = (tcpHeader / 4) << 4;
  let flags = 0;
  for (const c of s.flags) flags |= FLAG_BITS[c] ?? 0;
  b[t + 13] = flags;
  view.setUint16(t + 14, s.win ?? 65535);
  b.set(options, t + 20);
  b.set(payload.subarray(0, len), t + tcpHeader);
  return b;
}

function ipv6Bytes(text: string): number[] {
  const [head = '', tail = ''] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = text.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t].map((g) =>
    parseInt(g, 16),
  );
  return groups.flatMap((g) => [g >> 8, g & 255]);
}

export interface PcapOptions {
  readonly link?: LinkKind;
  readonly littleEndian?: boolean;
  readonly nanoseconds?: boolean;
  readonly snaplen?: number;
}

/** A libpcap file holding `segments`. */
export function pcapFile(segments: Iterable<SegmentSpec>, options: PcapOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const little = options.littleEndian ?? true;
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, options.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, little);
  header.setUint16(4, 2, little);
  header.setUint16(6, 4, little);
  header.setUint32(16, options.snaplen ?? 262144, little);
  header.setUint32(20, LINK_TYPES[options.link ?? 'ethernet'], little);
  parts.push(new Uint8Array(header.buffer));
  for (const s of segments) {
    const frame = frameBytes(s, options.link);
    const caplen = Math.min(frame.length, options.snaplen ?? frame.length);
    const record = new DataView(new ArrayBuffer(16));
    const sec = Math.floor(s.time);
    const fraction = Math.round((s.time - sec) * (options.nanoseconds ? 1e9 : 1e6));
    record.setUint32(0, sec, little);
    record.setUint32(4, fraction, little);
    record.setUint32(8, caplen, little);
    record.setUint32(12, frame.length, little);
    parts.push(new Uint8Array(record.buffer), frame.subarray(0, caplen));
  }
  return join(parts);
}

export interface PcapngOptions {
  readonly interfaces?: readonly { link: LinkKind; tsresol?: number }[];
  readonly littleEndian?: boolean;
  /** Which interface each segment goes out on (by index); 0 when absent. */
  readonly interfaceOf?: (index: number) => number;
  /** Write simple packet blocks instead of enhanced ones. */
  readonly simple?: boolean;
}

/** A pcapng file: one section, the given interfaces, one enhanced packet block per segment. */
export function pcapngFile(
  segments: Iterable<SegmentSpec>,
  options: PcapngOptions = {},
): Uint8Array {
  const little = options.littleEndian ?? true;
  const interfaces = options.interfaces ?? [{ link: 'ethernet' as LinkKind }];
  const parts: Uint8Array[] = [
    block(
      0x0a0d0d0a,
      [
        u32(0x1a2b3c4d, little),
        u16(1, little),
        u16(0, little),
        u32(0xffffffff, little),
        u32(0xffffffff, little),
      ],
      little,
    ),
  ];
  for (const iface of interfaces) {
    const body = [u16(LINK_TYPES[iface.link], little), u16(0, little), u32(0, little)];
    if (iface.tsresol !== undefined)
      body.push(
        u16(9, little),
        u16(1, little),
        Uint8Array.from([iface.tsresol, 0, 0, 0]),
        u16(0, little),
        u16(0, little),
      );
    parts.push(block(1, body, little));
  }
  let index = 0;
  for (const s of segments) {
    const which = options.interfaceOf?.(index) ?? 0;
    const iface = interfaces[which] ?? interfaces[0];
    const frame = frameBytes(s, iface?.link);
    const padded = new Uint8Array((frame.length + 3) & ~3);
    padded.set(frame);
    if (options.simple) {
      parts.push(block(3, [u32(frame.length, little), padded], little));
    } else {
      const resol = iface?.tsresol ?? 6;
      const units =
        BigInt(Math.floor(s.time)) * 10n ** BigInt(resol) +
        BigInt(Math.round((s.time % 1) * 10 ** resol));
      parts.push(
        block(
          6,
          [
            u32(which, little),
            u32(Number(units >> 32n), little),
            u32(Number(units & 0xffffffffn), little),
            u32(frame.length, little),
            u32(frame.length, little),
            padded,
          ],
          little,
        ),
      );
    }
    index++;
  }
  return join(parts);
}

function block(type: number, body: Uint8Array[], little: boolean): Uint8Array {
  const length = 12 + body.reduce((n, b) => n + b.length, 0);
  return join([u32(type, little), u32(length, little), ...body, u32(length, little)]);
}

function u32(value: number, little: boolean): Uint8Array {
  const v = new DataView(new ArrayBuffer(4));
  v.setUint32(0, value >>> 0, little);
  return new Uint8Array(v.buffer);
}

function u16(value: number, little: boolean): Uint8Array {
  const v = new DataView(new ArrayBuffer(2));
  v.setUint16(0, value, little);
  return new Uint8Array(v.buffer);
}

export function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A little conversation builder: `a` and `b` each keep their own next seq, so tests and the
 * benchmark write traffic by intent (`send`, `lose`, `dupAck`) rather than by numbers.
 */
export class Conversation {
  readonly segments: SegmentSpec[] = [];
  time: number;
  private readonly next: [number, number];

  constructor(
    readonly ends: readonly [{ ip: string; port: number }, { ip: string; port: number }],
    iss: [number, number] = [1000, 5000],
    start = 1_700_000_000,
  ) {
    this.next = [iss[0], iss[1]];
    this.time = start;
  }

  /** The seq side `from` sends next, and what it acknowledges of the other side. */
  seqOf(from: 0 | 1): number {
    return this.next[from];
  }

  handshake(wscale?: number): this {
    this.emit(0, 'S', 0, { mss: 1460, ...(wscale !== undefined ? { wscale } : {}) });
    this.emit(1, 'SA', 0, { mss: 1460, ...(wscale !== undefined ? { wscale } : {}) });
    this.emit(0, 'A', 0);
    return this;
  }

  /** Sends `len` bytes (or a flag-only segment); `lost` leaves it out of the capture. */
  emit(
    from: 0 | 1,
    flags: string,
    len: number,
    extra: Partial<SegmentSpec> & { lost?: boolean; seq?: number; gap?: number } = {},
  ): SegmentSpec {
    this.time += extra.gap ?? 0.0001;
    const seq = extra.seq ?? this.next[from];
    const to = (1 - from) as 0 | 1;
    const segment: SegmentSpec = {
      time: this.time,
      src: this.ends[from].ip,
      dst: this.ends[to].ip,
      sport: this.ends[from].port,
      dport: this.ends[to].port,
      seq,
      flags,
      len,
      win: 65535,
      ...(flags.includes('A') ? { ack: this.next[to] } : {}),
      ...extra,
    };
    const end = (seq + len + (flags.includes('S') ? 1 : 0) + (flags.includes('F') ? 1 : 0)) >>> 0;
    if (((end - this.next[from]) | 0) > 0) this.next[from] = end;
    if (!extra.lost) this.segments.push(segment);
    return segment;
  }
}
