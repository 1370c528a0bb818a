import { TCP_FLAG } from '../../protocol/tcpFlags';
import { addressText, type TcpPacket } from '../read/packet';
import { TcpAnalyzer } from '../../tcp/tcpAnalysis';
import type { CertificateGlance } from './certificateGlance';

/** One TCP connection of a capture: a four-tuple, or a new one after a port reuse. */
export interface Connection {
  /** 1-based, in order of first packet. */
  readonly index: number;
  readonly family: 4 | 6;
  /** The side that sent the first packet (direction 0) and the other one (direction 1). */
  readonly first: ConnectionEnd;
  readonly second: ConnectionEnd;
  /** Which direction is the client: the one whose SYN opened the connection. */
  client: 0 | 1;
  /** True when the capture holds the client's SYN (first, or after its SYN ACK). */
  sawSyn: boolean;
  /** True when the capture holds a SYN ACK of it. */
  sawSynAck: boolean;
  /**
   * Per direction, the lowest sequence number the capture shows of it: its first seq, or the
   * peer's first ack when that is lower (a capture started while data was in flight). NaN
   * while unknown. A handshake assumed for a capture without one starts below both.
   */
  readonly earliest: [number, number];
  /** Per direction: the end of its FIN (seq + len + 1), NaN before it sent one. */
  readonly finEnd: [number, number];
  /** Per direction: the frame of its last pure ACK of the peer's FIN, 0 when none. */
  readonly finAckFrame: [number, number];
  /**
   * ACKs of a FIN that the FIN's sender sent again afterwards, as [ack frame, FIN frame]: the
   * ACK was lost after the capture point (at most a few per connection).
   */
  readonly lostAcks: [number, number][];
  /** Bits: 1 << d once direction d's first seq was noted, 4 << d once its first ack was. */
  noted: number;
  firstFrame: number;
  lastFrame: number;
  /** Per direction: the frame of its last packet, 0 before it sent one. */
  readonly lastFrames: [number, number];
  packets: number;
  /** Payload bytes on the wire, both directions. */
  bytes: number;
  /** How often each analysis flag was raised (by bit index). */
  readonly analysisCounts: number[];
  /** Set when this connection reused the ports of an earlier one. */
  reusedFrom?: number;
  /** False until its first payload was looked at for a TLS ClientHello. */
  glanced: boolean;
  /** `TLS sni=NAME` when the first payload was a ClientHello (see tlsGlance). */
  tls?: string;
  /** The server's certificate, for finding a proxy's two legs (see interception.ts). */
  certificate?: CertificateGlance;
}

export interface ConnectionEnd {
  readonly address: string;
  /** The host name tcpdump printed, when it printed a name instead of an address. */
  readonly name: string;
  readonly port: number;
  readonly words: readonly number[];
}

/**
 * A connection the table holds, with its analyzer. The analyzer lives here, not in the
 * connection: a pass needs it only while the connection may still get packets, so a listing
 * that keeps every connection keeps no analyzer once its table is dropped, and a replay lets it
 * go with the slot (`release`).
 */
interface Slot {
  connection: Connection;
  /** Undefined once parked (`park`): its packets still find it, and are not analysed. */
  analyzer: TcpAnalyzer | undefined;
  next: Slot | undefined;
}

/** What `lookup` found: read it before the next `lookup`, which reuses it. */
export interface Found {
  connection: Connection;
  /** 0: from the side that sent the connection's first packet. */
  direction: 0 | 1;
  /** True when the packet started a connection on the ports of an earlier one. */
  reused: boolean;
  /**
   * Wireshark's analysis of this connection, to feed the packet to; undefined for a parked one
   * (`park`), whose packets nobody wants.
   */
  analyzer: TcpAnalyzer | undefined;
}

/**
 * Finds each packet's connection by its four-tuple without building strings: a hash over the
 * address words and ports into buckets. Memory grows with connections, not packets.
 */
export class ConnectionTable {
  readonly connections: Connection[] = [];
  private readonly buckets = new Map<number, Slot>();

  /** Connections found so far, those let go (`release`) included. */
  private found = 0;
  private slots = 0;
  /**
   * Each address's text and words, made once and shared by every connection end at it: a
   * capture has far fewer hosts than connections (a scanner's one address, a server's), and a
   * listing of a million connections would otherwise hold two million copies.
   */
  private readonly hosts = new Map<string, Host>();
  /** One result object for every lookup: a lookup per packet allocates nothing. */
  private readonly result: Found = {
    connection: undefined as unknown as Connection,
    direction: 0,
    reused: false,
    analyzer: undefined as unknown as TcpAnalyzer,
  };

  /** The connections it holds: found and not let go. */
  get held(): number {
    return this.slots;
  }

  /**
   * `listed`: the connections a first pass over the same capture found, for a second pass that
   * only replays them (the import's writing pass): each connection found again is the listed
   * one with an analyzer of its own, not a second copy of its addresses and counts (whose
   * fields such a pass leaves alone: see CaptureScan). Such a table keeps no list of them:
   * `connections` stays empty, and each is let go after its last packet (`release`).
   */
  constructor(private readonly listed?: readonly Connection[]) {}

  /**
   * Lets every slot go, with its analyzer, once the pass has ended: the connections found stay
   * in `connections`. (A listing's table would otherwise live as long as whatever holds its
   * scan, such as the import's generator across its whole writing pass.)
   */
  clear(): void {
    this.buckets.clear();
    this.hosts.clear();
    this.slots = 0;
  }

  /**
   * Keeps `connection`'s slot, so that its later packets still find it (and do not start
   * another connection), but lets its analyzer go: nobody wants them any more (an import that
   * holds too many connections open at once cut it; see ScenarioWriter). `release` at its last
   * packet as before.
   */
  park(connection: Connection): void {
    const slot = this.slotOf(connection);
    if (slot) slot.analyzer = undefined;
  }

  private slotOf(connection: Connection): Slot | undefined {
    let slot = this.buckets.get(hashOfEnds(connection.first, connection.second));
    while (slot && slot.connection !== connection) slot = slot.next;
    return slot;
  }

  /**
   * Forgets `connection` (a replay, after its last packet): a later packet of its four-tuple
   * starts the next listed connection, which the listing marked as reusing its ports.
   */
  release(connection: Connection): void {
    const hash = hashOfEnds(connection.first, connection.second);
    let previous: Slot | undefined;
    for (let slot = this.buckets.get(hash); slot; previous = slot, slot = slot.next) {
      if (slot.connection !== connection) continue;
      this.slots--;
      if (previous) previous.next = slot.next;
      else if (slot.next) this.buckets.set(hash, slot.next);
      else this.buckets.delete(hash);
      return;
    }
  }

  /**
   * The connection `packet` belongs to and its direction in it (0: from the side that sent the
   * connection's first packet). A SYN with a new initial sequence number on a known four-tuple
   * starts a new connection (Wireshark: port numbers reused).
   */
  lookup(packet: TcpPacket): Found {
    const hash = hashOf(packet);
    let slot = this.buckets.get(hash);
    let found: Slot | undefined;
    let direction: 0 | 1 = 0;
    for (; slot; slot = slot.next) {
      const c = slot.connection;
      if (matches(c.first, c.second, packet)) {
        found = slot;
        direction = 0;
        break;
      }
      if (matches(c.second, c.first, packet)) {
        found = slot;
        direction = 1;
        break;
      }
    }
    const result = this.result;
    // A replay needs no test for a reuse: it lets each connection go after its last packet, so
    // a packet that finds one belongs to it (the listing ended it where a reuse began).
    if (
      found &&
      (this.listed !== undefined ||
        !(found.analyzer as TcpAnalyzer).isReuse(direction, packet.seq, packet.flags))
    ) {
      result.connection = found.connection;
      result.direction = direction;
      result.reused = false;
      result.analyzer = found.analyzer;
      return result;
    }
    const connection = this.create(packet, found?.connection.index);
    const analyzer = new TcpAnalyzer();
    if (found) {
      found.connection = connection;
      found.analyzer = analyzer;
    } else {
      this.buckets.set(hash, { connection, analyzer, next: this.buckets.get(hash) });
      this.slots++;
    }
    result.connection = connection;
    result.direction = 0;
    // A replay finds a reuse whose earlier connection it let go in the listing's note of it.
    result.reused = found !== undefined || (this.listed !== undefined && !!connection.reusedFrom);
    result.analyzer = analyzer;
    return result;
  }

  /** The shared text and words of the address in `words`. */
  private host(words: Uint32Array, family: 4 | 6): Host {
    const address = addressText(words, family);
    let host = this.hosts.get(address);
    if (!host) {
      host = { address, words: Array.from(words) };
      this.hosts.set(address, host);
    }
    return host;
  }

  private create(packet: TcpPacket, reusedFrom: number | undefined): Connection {
    const index = ++this.found;
    const listed = this.listed?.[index - 1];
    // A replay's connection is the listed one itself: the pass leaves its fields alone.
    if (listed) return listed;
    const end = (words: Uint32Array, port: number, name: string): ConnectionEnd => {
      const host = this.host(words, packet.family);
      return { address: host.address, name, port, words: host.words };
    };
    const synAck = packet.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK);
    const connection: Connection = {
      index,
      family: packet.family,
      first: end(packet.srcWords, packet.srcPort, packet.srcName),
      second: end(packet.dstWords, packet.dstPort, packet.dstName),
      // The SYN's sender is the client; after a SYN ACK, its receiver; with neither, the side
      // with the higher port (servers listen on the low, well-known ones).
      client:
        synAck === TCP_FLAG.SYN
          ? 0
          : synAck === (TCP_FLAG.SYN | TCP_FLAG.ACK)
            ? 1
            : packet.srcPort >= packet.dstPort
              ? 0
              : 1,
      sawSyn: synAck === TCP_FLAG.SYN,
      sawSynAck: synAck === (TCP_FLAG.SYN | TCP_FLAG.ACK),
      // Plain arrays of two numbers: unboxed doubles, a tenth of a typed array's memory.
      earliest: [NaN, NaN],
      finEnd: [NaN, NaN],
      finAckFrame: [0, 0],
      lostAcks: [],
      noted: 0,
      firstFrame: packet.frame,
      lastFrame: packet.frame,
      lastFrames: [0, 0],
      packets: 0,
      bytes: 0,
      analysisCounts: [],
      glanced: false,
      ...(reusedFrom !== undefined ? { reusedFrom } : {}),
    };
    this.connections.push(connection);
    return connection;
  }
}

/** An address as connection ends hold it (see ConnectionTable.hosts). */
interface Host {
  readonly address: string;
  readonly words: readonly number[];
}

function matches(from: ConnectionEnd, to: ConnectionEnd, packet: TcpPacket): boolean {
  if (from.port !== packet.srcPort || to.port !== packet.dstPort) return false;
  const a = from.words;
  const b = to.words;
  const s = packet.srcWords;
  const d = packet.dstWords;
  return (
    a[3] === s[3] &&
    b[3] === d[3] &&
    a[2] === s[2] &&
    b[2] === d[2] &&
    a[1] === s[1] &&
    b[1] === d[1] &&
    a[0] === s[0] &&
    b[0] === d[0]
  );
}

/** The same for both directions: the two ends' hashes are combined symmetrically. */
function hashOf(packet: TcpPacket): number {
  return combined(
    endHash(packet.srcWords, packet.srcPort),
    endHash(packet.dstWords, packet.dstPort),
  );
}

/** hashOf for a connection's two ends. */
function hashOfEnds(first: ConnectionEnd, second: ConnectionEnd): number {
  return combined(endHash(first.words, first.port), endHash(second.words, second.port));
}

function endHash(words: ArrayLike<number>, port: number): number {
  return (
    Math.imul(
      (words[0] as number) ^ (words[1] as number) ^ (words[2] as number) ^ (words[3] as number),
      0x9e3779b1,
    ) ^ port
  );
}

function combined(a: number, b: number): number {
  return (Math.imul(a ^ b, 0x85ebca6b) + (a + b)) | 0;
}
