import type { Span } from '../../src/core/text/span';

/**
 * Builds correct `.handshake` scenarios of any size for property tests and the benchmark:
 * a three-way handshake, data exchanges in both directions (each acknowledged), a four-way
 * close, `wait 2MSL` and the expects that hold along the way. Deterministic: the same options
 * give the same text, byte for byte, on every machine.
 */

/** How the two initial sequence numbers are written. */
export type Numbering =
  | 'numeric' // seq=3626544836
  | 'symbolic' // seq=x, ack=x+1: unbound symbols, as textbooks write them
  | 'mixed' // the client numeric, the server symbolic
  | 'bound'; // `let x = 4294967290`, then seq=x, ack=x+1

export const NUMBERINGS: readonly Numbering[] = ['numeric', 'symbolic', 'mixed', 'bound'];

export interface ScenarioOptions {
  readonly seed: number;
  /** Segments in the scenario, handshake and close included; at least 7. */
  readonly segments: number;
  /** Chosen from the seed when absent. */
  readonly numbering?: Numbering;
  /** Start both sequence spaces a few bytes below 2^32 so that they wrap to 0 early on. */
  readonly wrap?: boolean;
}

/** A sequence value as written: a number, or a symbol plus an offset, both modulo 2^32. */
export interface WrittenValue {
  readonly symbol?: string;
  readonly offset: number;
}

export interface GeneratedSegment {
  /** 0-based line of the segment. */
  readonly line: number;
  /** Where the `ack=` value is written (the value only, not `ack=`); absent on the first SYN. */
  readonly ack?: { readonly span: Span; readonly value: WrittenValue };
}

export interface GeneratedScenario {
  readonly text: string;
  readonly segments: readonly GeneratedSegment[];
  readonly numbering: Numbering;
  readonly wrap: boolean;
}

/** Handshake (3) plus four-way close (4). */
export const MIN_SEGMENTS = 7;

const SEQ_MODULUS = 2 ** 32;
const SEQ_COLUMN = 16;
const FLAGS_COLUMN = 7;

const PAIRS: readonly (readonly [string, string])[] = [
  ['client', 'server'],
  ['alice', 'bob'],
  ['browser', 'web'],
  ['laptop', 'nas'],
];

const SYMBOL_PAIRS: readonly (readonly [string, string])[] = [
  ['x', 'y'],
  ['a', 'b'],
  ['c_iss', 's_iss'],
];

/** Payloads as written between the quotes, with their length on the wire (UTF-8, escapes). */
const PAYLOADS: readonly { readonly source: string; readonly bytes: number }[] = [
  { source: 'GET / HTTP/1.1\\r\\n\\r\\n', bytes: 18 },
  { source: 'hello', bytes: 5 },
  { source: 'HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n', bytes: 38 },
  { source: 'café', bytes: 5 },
  { source: '\\x00\\x01\\x02\\x7f', bytes: 4 },
  { source: 'say \\"hi\\"', bytes: 8 },
  { source: '🤝 handshake', bytes: 14 },
  { source: 'tab\\tseparated', bytes: 13 },
  { source: 'C:\\\\temp', bytes: 7 },
  { source: 'PING\\n', bytes: 5 },
];

const BULK_LENGTHS: readonly number[] = [1, 536, 1200, 1448, 1460];

/**
 * Generates a correct scenario of exactly `options.segments` segments.
 * @throws RangeError when fewer than {@link MIN_SEGMENTS} segments are asked for.
 */
export function generateScenario(options: ScenarioOptions): GeneratedScenario {
  if (!Number.isInteger(options.segments) || options.segments < MIN_SEGMENTS) {
    throw new RangeError(`a scenario needs at least ${MIN_SEGMENTS} segments`);
  }
  const random = new Random(options.seed);
  const numbering = options.numbering ?? random.pick(NUMBERINGS);
  const wrap = options.wrap ?? random.chance(0.25);
  return new Writer(random, numbering, wrap).write(options.segments);
}

/** mulberry32: small, fast and good enough to vary test data; never Math.random. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / SEQ_MODULUS;
  }

  /** An integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

interface Side {
  readonly name: string;
  /** The next sequence number this side sends (its SND.NXT). */
  next: WrittenValue;
}

interface SegmentLine {
  readonly from: Side;
  readonly to: Side;
  readonly flags: string;
  readonly seq: WrittenValue;
  readonly ack?: WrittenValue;
  /** `len=N` or `"payload"`. */
  readonly data?: string;
}

class Writer {
  private readonly chunks: string[] = [];
  private readonly segments: GeneratedSegment[] = [];
  private offset = 0;
  private line = 0;
  private readonly client: Side;
  private readonly server: Side;
  private readonly nameWidth: number;
  private readonly lets: string[] = [];

  constructor(
    private readonly random: Random,
    private readonly numbering: Numbering,
    private readonly wrap: boolean,
  ) {
    const [clientName, serverName] = random.pick(PAIRS);
    const [clientSymbol, serverSymbol] = random.pick(SYMBOL_PAIRS);
    this.nameWidth = Math.max(clientName.length, serverName.length);
    this.client = { name: clientName, next: this.iss(clientSymbol, numbering !== 'mixed') };
    this.server = { name: serverName, next: this.iss(serverSymbol, true) };
  }

  /** An initial sequence number, as the numbering writes it. */
  private iss(symbol: string, symbolicAllowed: boolean): WrittenValue {
    const number = this.wrap
      ? SEQ_MODULUS - this.random.int(1, 3000)
      : this.random.int(0, SEQ_MODULUS - 1);
    if (this.numbering === 'numeric' || !symbolicAllowed) return { offset: number };
    if (this.numbering === 'bound') this.lets.push(`let ${symbol} = ${number}`);
    return { symbol, offset: 0 };
  }

  write(total: number): GeneratedScenario {
    const { client, server } = this;
    this.emit(`# Generated scenario: ${total} segments, ${this.numbering} numbering.`);
    this.emit(`scenario "Generated ${this.numbering} scenario of ${total} segments"`);
    this.emit(`endpoint ${client.name} 10.0.${this.random.int(0, 255)}.1:${this.port()}`);
    this.emit(`endpoint ${server.name} 10.0.${this.random.int(0, 255)}.2:${this.port()}`);
    for (const line of this.lets) this.emit(line);
    this.emit('');
    this.handshake();
    this.exchanges(total - MIN_SEGMENTS);
    this.close();
    return {
      text: this.chunks.join(''),
      segments: this.segments,
      numbering: this.numbering,
      wrap: this.wrap,
    };
  }

  private port(): number {
    return this.random.int(1024, 65535);
  }

  private handshake(): void {
    const { client, server } = this;
    this.emit(`${server.name} listen`);
    const clientIss = client.next;
    this.segment({ from: client, to: server, flags: 'SYN', seq: clientIss });
    client.next = advance(clientIss, 1); // RFC 9293 §3.4: SYN occupies one sequence number
    const serverIss = server.next;
    this.segment({ from: server, to: client, flags: 'SYN ACK', seq: serverIss, ack: client.next });
    server.next = advance(serverIss, 1);
    this.segment({ from: client, to: server, flags: 'ACK', seq: client.next, ack: server.next });
    this.emit(`expect ${client.name} ESTABLISHED`);
    this.emit(`expect ${server.name} ESTABLISHED`);
    this.emit('');
  }

  /** Fills `count` segments with data exchanges, each acknowledged. */
  private exchanges(count: number): void {
    let remaining = count;
    while (remaining > 0) {
      const sender = this.random.chance(0.6) ? this.client : this.server;
      const receiver = sender === this.client ? this.server : this.client;
      if (remaining === 1) {
        this.windowUpdate(sender, receiver);
        remaining -= 1;
      } else if (remaining === 3 || (remaining >= 5 && this.random.chance(0.25))) {
        this.requestResponse(sender, receiver);
        remaining -= 3;
      } else {
        this.data(sender, receiver);
        this.pureAck(receiver, sender);
        remaining -= 2;
      }
    }
  }

  /** Sends one data segment; the receiver's ack is due. */
  private data(sender: Side, receiver: Side): void {
    const { data, bytes } = this.payload();
    const flags = data.startsWith('len=') && this.random.chance(0.5) ? 'ACK' : 'PSH ACK';
    this.segment({ from: sender, to: receiver, flags, seq: sender.next, ack: receiver.next, data });
    sender.next = advance(sender.next, bytes);
  }

  private pureAck(sender: Side, receiver: Side): void {
    this.segment({
      from: sender,
      to: receiver,
      flags: 'ACK',
      seq: sender.next,
      ack: receiver.next,
    });
  }

  /** Data, an answer that carries the ack and data of its own, then the ack of the answer. */
  private requestResponse(sender: Side, receiver: Side): void {
    this.data(sender, receiver);
    this.data(receiver, sender);
    this.pureAck(sender, receiver);
  }

  /** A pure ACK that only announces a window: valid anywhere, and changes no number. */
  private windowUpdate(sender: Side, receiver: Side): void {
    this.segment({
      from: sender,
      to: receiver,
      flags: 'ACK',
      seq: sender.next,
      ack: receiver.next,
      data: `win=${this.random.int(1, 65535)}`,
    });
  }

  private payload(): { data: string; bytes: number } {
    if (this.random.chance(0.5)) {
      const { source, bytes } = this.random.pick(PAYLOADS);
      return { data: `"${source}"`, bytes };
    }
    const bytes = this.random.chance(0.7)
      ? this.random.pick(BULK_LENGTHS)
      : this.random.int(1, 65535);
    return { data: `len=${bytes}`, bytes };
  }

  /** The four-way close, started by either side, with the states it passes through. */
  private close(): void {
    const closer = this.random.chance(0.5) ? this.client : this.server;
    const peer = closer === this.client ? this.server : this.client;
    this.emit('');
    this.segment({ from: closer, to: peer, flags: 'FIN ACK', seq: closer.next, ack: peer.next });
    closer.next = advance(closer.next, 1); // the FIN occupies one sequence number
    this.emit(`expect ${closer.name} FIN_WAIT_1`);
    this.pureAck(peer, closer);
    this.emit(`expect ${closer.name} FIN_WAIT_2`);
    this.emit(`expect ${peer.name} CLOSE_WAIT`);
    this.segment({ from: peer, to: closer, flags: 'FIN ACK', seq: peer.next, ack: closer.next });
    peer.next = advance(peer.next, 1);
    this.emit(`expect ${peer.name} LAST_ACK`);
    this.pureAck(closer, peer);
    this.emit(`expect ${closer.name} TIME_WAIT`);
    this.emit(`expect ${peer.name} CLOSED`);
    this.emit('wait 2MSL');
    this.emit(`expect ${closer.name} CLOSED`);
  }

  /** Writes a segment line in the examples' columns and records where its ack= value is. */
  private segment(segment: SegmentLine): void {
    const names = `${segment.from.name.padEnd(this.nameWidth)} -> ${segment.to.name.padEnd(
      this.nameWidth,
    )}`;
    const head = `${names}  ${segment.flags.padEnd(FLAGS_COLUMN)}  `;
    const seq = `seq=${format(segment.seq)}`;
    let text = segment.ack || segment.data ? seq.padEnd(SEQ_COLUMN - 1) + ' ' : seq;
    let ack: GeneratedSegment['ack'];
    if (segment.ack) {
      const valueText = format(segment.ack);
      const start = this.offset + head.length + text.length + 'ack='.length;
      ack = { span: { start, end: start + valueText.length }, value: segment.ack };
      const field = `ack=${valueText}`;
      text += segment.data ? field.padEnd(SEQ_COLUMN - 1) + ' ' : field;
    }
    if (segment.data) text += segment.data;
    this.segments.push({ line: this.line, ...(ack ? { ack } : {}) });
    this.emit(head + text);
  }

  private emit(line: string): void {
    this.chunks.push(line, '\n');
    this.offset += line.length + 1;
    this.line++;
  }
}

function advance(value: WrittenValue, by: number): WrittenValue {
  return { ...value, offset: (value.offset + by) % SEQ_MODULUS };
}

/** As the language writes it: `x`, `x+1`, `x-1`, `4294967295`. */
export function format(value: WrittenValue): string {
  const offset = ((value.offset % SEQ_MODULUS) + SEQ_MODULUS) % SEQ_MODULUS;
  if (value.symbol === undefined) return String(offset);
  if (offset === 0) return value.symbol;
  return offset < SEQ_MODULUS / 2
    ? `${value.symbol}+${offset}`
    : `${value.symbol}-${SEQ_MODULUS - offset}`;
}
