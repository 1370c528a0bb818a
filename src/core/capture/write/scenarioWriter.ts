import type { TlsEvent } from '../read/tlsEvents';
import type { Connection, ConnectionEnd } from './connectionTable';
import { UNSEEN_WSCALE } from '../../tcp/windowScale';
import { TCP_FLAG } from '../../protocol/tcpFlags';
import type { TcpPacket } from '../read/packet';
import { CaptureGaps } from './captureGaps';
import { formatFlagBits } from '../../protocol/tcpFlags';
import { ASSUMED, secondsText, segmentComment, segmentFields } from './segmentLine';
import { ANALYSIS, type TcpAnalyzer } from '../../tcp/tcpAnalysis';
import { TlsStream } from './tlsStream';
import { TlsConversation, type TlsFileContext } from './tlsConversation';
import { TlsNaming } from './tlsNaming';
import { ConnectionDecryption, type KeyLogDecryption } from '../read/tlsDecryption';
import { OpenConnections } from './openConnections';
import { DeliveryOrder, type LostBecause, type QueuedSegment } from './deliveryOrder';
import type { InterceptionNames } from './interceptionNames';
import { captureDay } from './captureDay';
import { versionOfCode } from '../../protocol/tlsVersions';
import { isSynchronized } from '../../protocol/tcpStates';
import type { WireSegment } from '../../tcp/engineSession';

interface ConnectionState {
  readonly names: [string, string];
  readonly queue: DeliveryOrder;
  /** The segments the capture missed, written in their place as assumed. */
  readonly gaps: CaptureGaps;
  /**
   * Its TLS streams and conversation, made at its first payload: a connection without one (a
   * SYN scan's) does not carry them (see `tlsOf`).
   */
  tls: TlsState | undefined;
  /** Which direction the client sends in. */
  readonly clientDirection: 0 | 1;
  /** The frame of its last packet, from the listing (0 when unknown). */
  readonly lastFrame: number;
  /** ACKs the listing found lost after the capture point: [ack frame, resent FIN frame]. */
  readonly lostAcks: readonly (readonly [number, number])[];
  /**
   * True for a connection Wireshark split off at a SYN that the engine found challenged: its
   * packets go on the earlier connection's lines, with the directions of that connection,
   * which are this one's swapped when `swapped`.
   */
  readonly swapped?: boolean;
}

/** The TLS read from a connection's payload: a stream per direction, and what they say. */
interface TlsState {
  readonly streams: [TlsStream, TlsStream];
  readonly conversation: TlsConversation;
}

export interface WriterOptions {
  /** Only this connection (1-based); all when undefined. */
  readonly connection?: number;
  /** Name endpoints client/server (one connection) or client1/server1... (several). */
  readonly numbered: boolean;
  /** True when packet times are real dates (pcap, pcapng), not times of day: gives `date`. */
  readonly datedClock?: boolean;
  /**
   * The connections as the listing pass found them (by index - 1): what the rest of the capture
   * shows of a connection that its first packet cannot (a SYN captured after its SYN ACK, a
   * peer's ack below the first captured seq).
   */
  readonly listing?: readonly Connection[];
  /**
   * The most connections held open at once (MAX_OPEN unless given): past it, the one idle
   * longest is written out as it stands and the rest of it is not imported.
   */
  readonly maxOpen?: number;
  /** Told of each connection cut so, whose later packets are then not wanted (CaptureScan.park). */
  readonly onCut?: (connection: Connection) => void;
  /** A key log to decrypt TLS 1.3 with (`import --keylog`). */
  readonly keyLog?: KeyLogDecryption;
  /** The connections that are the two legs of a proxy's interception (interception.ts). */
  readonly interceptions?: InterceptionNames;
}

/**
 * Turns the analysed packets of a capture into `.handshake` lines as they stream past: each
 * connection's endpoints when it first appears, `listen` for the side that answers a SYN with a
 * SYN ACK, then one segment line per packet with absolute numbers, its frame, time and
 * Wireshark's analysis in a comment. TLS records found in the payload become TLS lines after
 * the segment that completes them (see `TlsConversation`). Segments the capture missed (a gap
 * in a sender's sequence numbers, an ack of bytes never seen) are written where they belong,
 * marked `# not in the capture: assumed` (CaptureGaps).
 */
export class ScenarioWriter {
  /** The connections open now, by the order they were last used (the idle longest first). */
  private readonly states = new OpenConnections<Connection, ConnectionState>();
  /**
   * Connections let go while open (more than `maxOpen` at once) whose later packets still come
   * here (no `onCut`): they are not imported. Each leaves the set at its last packet.
   */
  private readonly cut = new Set<Connection>();
  /** How many connections were cut, for the import's problem. */
  cutCount = 0;
  /** The most connections it holds open at once. */
  readonly maxOpen: number;
  /** Seconds since the epoch of the packet being written, for the TLS `date`. */
  private clock = 0;
  private readonly tlsFile: TlsFileContext;
  /** The connections whose ports a later one reuses (by index): see `continued`. */
  private readonly reused = new Set<number>();
  /** Those of them past their last packet, not written out yet: by index. */
  private readonly waiting = new Map<number, ConnectionState>();

  constructor(
    private readonly out: (line: string) => void,
    private readonly options: WriterOptions,
  ) {
    if (options.connection === undefined)
      for (const c of options.listing ?? []) if (c.reusedFrom) this.reused.add(c.reusedFrom);
    this.maxOpen = Math.max(1, options.maxOpen ?? MAX_OPEN);
    const dated = options.datedClock === true;
    const interceptions = options.interceptions;
    this.tlsFile = {
      naming: new TlsNaming(),
      ...(interceptions ? { holderOf: (issuer: string) => interceptions.holderOf(issuer) } : {}),
      dated: false,
      day: () => (dated ? captureDay(this.clock) : undefined),
    };
  }

  segment(
    packet: TcpPacket,
    connection: Connection,
    direction: 0 | 1,
    bits: number,
    time: number,
    analyzer: TcpAnalyzer,
  ): void {
    if (this.options.connection !== undefined && connection.index !== this.options.connection)
      return;
    if (this.cut.size > 0 && this.cut.has(connection)) {
      if (packet.frame === connection.lastFrame) this.cut.delete(connection);
      return;
    }
    // A reset held for what crossed it waits for its own connection's next packets (see
    // DeliveryOrder): other connections' packets in between say nothing about it.
    const state =
      this.states.use(connection) ??
      this.continued(connection, packet, direction) ??
      this.opened(connection, packet);
    if (state.swapped) direction = direction === 0 ? 1 : 0;
    const from = state.names[direction];
    const to = state.names[1 - direction] as string;
    const dupAck =
      bits & ANALYSIS.DUPLICATE_ACK
        ? `${analyzer.dupAckFrame}#${analyzer.dupAckNumber}`
        : undefined;
    const comment = segmentComment(packet, secondsText(time, packet.precision), bits, dupAck);
    const lost =
      state.lostAcks.length > 0
        ? state.lostAcks.find(([frame]) => frame === packet.frame)
        : undefined;
    const line = lost
      ? `${from} -x ${to}  ${formatFlagBits(packet.flags)}  ${segmentFields(packet)}  ${comment} lost after the capture point: ${to} sends its FIN again (frame ${lost[1]})`
      : `${from} -> ${to}  ${formatFlagBits(packet.flags)}  ${segmentFields(packet)}  ${comment}`;
    this.clock = packet.sec;
    // A segment without payload says nothing to a TLS stream (TlsStream.push).
    const tlsState = packet.len > 0 ? this.tlsOf(state) : undefined;
    const stream = tlsState?.streams[direction];
    const events = stream?.active
      ? stream.push(
          packet.seq,
          packet.bytes.subarray(packet.payloadStart, packet.payloadEnd),
          packet.len,
        )
      : NO_EVENTS;
    const side = direction === state.clientDirection ? 0 : 1;
    // Once the server speaks TLS 1.3, the client's ChangeCipherSpec no longer means encryption.
    if (events.some((e) => e.kind === 'ServerHello' && versionOfCode(e.version) === '1.3'))
      for (const other of tlsState?.streams ?? []) other.ccsEncrypts = false;
    const tls = events.length && tlsState ? tlsState.conversation.lines(side, events) : [];
    const flags = packet.flags;
    const synFin = flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0;
    // A record completed by a FIN (or RST) segment is written before it: TLS runs while the
    // connection is established (HS607), and the data did leave before the FIN.
    const closing = (flags & (TCP_FLAG.FIN | TCP_FLAG.RST)) !== 0;
    const hasTls = tls.length > 0;
    // Every field present (undefined where it has none): one shape for every segment, which a
    // literal with spread optional parts is not (and builds slowly, once per packet).
    const segment: QueuedSegment = {
      direction,
      space: packet.len + synFin,
      lines: [line],
      tls: hasTls ? tls : undefined,
      tlsFirst: hasTls ? closing : undefined,
      consumes: packet.len > 0 || synFin === 1,
      end: (packet.seq + packet.len + synFin) >>> 0,
      ack: flags & TCP_FLAG.ACK ? packet.ack : undefined,
      syn: (flags & TCP_FLAG.SYN) !== 0,
      rst: (flags & TCP_FLAG.RST) !== 0,
      wire: wireOf(packet, direction, lost !== undefined),
      frame: packet.frame,
      // Data that is resent before an ack covers it was lost after the capture point (see
      // DeliveryOrder.resent); not a segment whose TLS records were read from it.
      losable:
        packet.len > 0 && !lost && !hasTls && !(flags & (TCP_FLAG.SYN | TCP_FLAG.RST))
          ? true
          : undefined,
    };
    state.gaps.place(packet, direction, bits, segment, state.queue);
    // Its last packet (the listing knows it): what still waits for an answer is written now,
    // beside its connection, rather than at the end of the file.
    if (packet.frame === state.lastFrame) {
      // It has no more packets: its state is let go (memory grows with the connections open
      // at once, not with all of them). Unless a later connection reuses its ports: that one
      // may go on with it (`continued`), if every segment was written (the engine then knows
      // both states).
      this.states.delete(connection);
      if (this.reused.has(connection.index) && state.queue.idle() && alive(state.gaps)) {
        this.waiting.set(connection.index, state);
      } else {
        this.finish(state);
      }
    }
  }

  /**
   * A new connection's state, after letting go of the one idle longest when `maxOpen` are open
   * already: memory is bounded by the connections open at once, and a capture with more
   * (a scan, a flood) is imported in part, with a comment where each cut connection stops,
   * rather than exhausting the memory of the CLI or the extension host.
   */
  private opened(connection: Connection, packet: TcpPacket): ConnectionState {
    if (this.states.size >= this.maxOpen) {
      const [idle, state] = this.states.oldest() as readonly [Connection, ConnectionState];
      this.states.delete(idle);
      this.finish(state);
      const [first, second] = state.names;
      this.out(
        `# Connection ${idle.index} (${first}, ${second}) stops here: more than ${this.maxOpen} connections were open at once, and it was idle longest; the rest of it is not imported.`,
      );
      // Its later packets: the caller stops sending them (onCut), or they are skipped here.
      if (idle.lastFrame > packet.frame) {
        if (this.options.onCut) this.options.onCut(idle);
        else this.cut.add(idle);
      }
      this.cutCount++;
    }
    return this.open(connection, packet);
  }

  /** The TLS state of a connection, made when first asked for. */
  private tlsOf(state: ConnectionState): TlsState {
    if (state.tls) return state.tls;
    const [first, second] = state.names;
    const client = state.clientDirection === 0 ? first : second;
    const server = state.clientDirection === 0 ? second : first;
    const keys = new ConnectionDecryption(this.options.keyLog);
    const sender = (direction: 0 | 1) =>
      keys.side(direction === state.clientDirection ? 'client' : 'server');
    state.tls = {
      streams: [new TlsStream(sender(0)), new TlsStream(sender(1))],
      conversation: new TlsConversation([client, server], this.tlsFile),
    };
    return state.tls;
  }

  private finish(state: ConnectionState): void {
    state.queue.end();
    state.gaps.finish();
  }

  /**
   * The state of the earlier connection whose ports `connection` reuses, when it goes on with
   * it: Wireshark starts a new stream at a SYN on a four-tuple it has seen (port numbers
   * reused), which is right for its analysis; but while both ends are still synchronized, a
   * SYN there is answered with a challenge ACK and changes nothing (RFC 5961 §4.2, RFC 9293
   * §3.10.7.4), and what follows is the old connection. The peer's answer says which: the new
   * stream has packets from the peer and no SYN ACK (a connection whose close the capture
   * missed is also still synchronized in the engine, and there the peer answers with a SYN
   * ACK). The engine confirms it: the SYN is dropped as sent. Otherwise the earlier
   * connection is written out, and undefined returned.
   */
  private continued(
    connection: Connection,
    packet: TcpPacket,
    direction: 0 | 1,
  ): ConnectionState | undefined {
    const earlier = connection.reusedFrom && this.waiting.get(connection.reusedFrom);
    if (!earlier) return undefined;
    this.waiting.delete(connection.reusedFrom as number);
    const listed = this.options.listing?.[(connection.reusedFrom as number) - 1];
    const listedNow = this.options.listing?.[connection.index - 1];
    // Its directions against the state's names: the earlier connection's, then the earlier
    // connection's against its own state's.
    const turned = listed !== undefined && !sameEnd(listed.first, connection.first);
    const swapped = turned !== (earlier.swapped ?? false);
    const from = (swapped ? 1 - direction : direction) as 0 | 1;
    const challenged =
      listedNow !== undefined &&
      !listedNow.sawSynAck &&
      listedNow.lastFrames[1] > 0 &&
      packet.flags & TCP_FLAG.SYN &&
      alive(earlier.gaps) &&
      earlier.gaps.dropsAsSent(wireOf(packet, from));
    if (!challenged) {
      this.finish(earlier);
      return undefined;
    }
    const state: ConnectionState = {
      ...earlier,
      swapped,
      lastFrame: listedNow.lastFrame,
      lostAcks: listedNow.lostAcks,
    };
    this.states.set(connection, state);
    return state;
  }

  /** Call at the end: writes what still waits for an answer. */
  end(): void {
    for (const state of this.states.values()) state.queue.end();
    // Connections kept for a reuse of their ports that never came (the listing said it would).
    for (const state of this.waiting.values()) this.finish(state);
    this.waiting.clear();
  }

  /**
   * A capture that starts after the handshake (or misses the SYN) still shows both sides'
   * next sequence numbers in its first packet: seq is the sender's, ack the receiver's. The
   * handshake they imply is written, marked as assumed, so that the engine can check the rest.
   */
  private assumeHandshake(
    packet: TcpPacket,
    client: string,
    server: string,
    clientSide: 0 | 1,
    earliest: readonly [number, number] | undefined,
    gaps: CaptureGaps,
  ): [number, number] | undefined {
    const out = this.out;
    const serverSide = clientSide === 0 ? 1 : 0;
    const fromClient = clientSide === 0; // the first packet's sender is direction 0
    // The engine is told the assumed lines as the rest are (see CaptureGaps.wrote).
    const wrote = (from: 0 | 1, flags: number, seq: number, ack: number): void =>
      gaps.wrote({ from, flags, seq, ack, len: 0, win: -1, wscale: UNSEEN_WSCALE });
    const synAck = (packet.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === (TCP_FLAG.SYN | TCP_FLAG.ACK);
    if (!(packet.flags & TCP_FLAG.ACK)) {
      out(
        '# The capture starts after the handshake, with a segment without ACK: nothing to assume.',
      );
      return undefined;
    }
    if (synAck) {
      out('# The capture misses the SYN; it is assumed from the SYN ACK.');
      out(`${server} listen`);
      out(`${client} -> ${server}  SYN  seq=${(packet.ack - 1) >>> 0}  ${ASSUMED}`);
      gaps.listen(serverSide);
      wrote(clientSide, TCP_FLAG.SYN, (packet.ack - 1) >>> 0, 0);
      return undefined;
    }
    // Each side's lowest number in the capture (its first seq, or the peer's first ack if that
    // is lower): the handshake was before both, and what lies between is in flight or unseen.
    const lowest = (direction: 0 | 1, fallback: number): number => {
      const value = earliest?.[direction];
      return value === undefined || Number.isNaN(value) ? fallback : value;
    };
    const first = lowest(0, packet.seq);
    const second = lowest(1, packet.ack);
    const clientNext = fromClient ? first : second;
    const serverNext = fromClient ? second : first;
    out('# The capture starts after the handshake; it is assumed from the first packets.');
    out(`${server} listen`);
    out(`${client} -> ${server}  SYN  seq=${(clientNext - 1) >>> 0}  ${ASSUMED}`);
    out(
      `${server} -> ${client}  SYN ACK  seq=${(serverNext - 1) >>> 0} ack=${clientNext}  ${ASSUMED}`,
    );
    out(`${client} -> ${server}  ACK  seq=${clientNext} ack=${serverNext}  ${ASSUMED}`);
    gaps.listen(serverSide);
    wrote(clientSide, TCP_FLAG.SYN, (clientNext - 1) >>> 0, 0);
    wrote(serverSide, TCP_FLAG.SYN | TCP_FLAG.ACK, (serverNext - 1) >>> 0, clientNext);
    wrote(clientSide, TCP_FLAG.ACK, clientNext, serverNext);
    return [first, second];
  }

  private open(connection: Connection, packet: TcpPacket): ConnectionState {
    const suffix = this.options.numbered ? String(connection.index) : '';
    const leg = this.options.interceptions?.of(connection, endpointLine);
    const client = leg?.client ?? `client${suffix}`;
    const server = leg?.server ?? `server${suffix}`;
    const names: [string, string] = connection.client === 0 ? [client, server] : [server, client];
    const ends = [connection.first, connection.second];
    const clientEnd = ends[connection.client] as ConnectionEnd;
    const serverEnd = ends[1 - connection.client] as ConnectionEnd;
    const out = this.out;
    if (this.options.numbered) {
      out('');
      out(
        `# Connection ${connection.index}${connection.reusedFrom ? ` (reuses the ports of connection ${connection.reusedFrom})` : ''}`,
      );
    }
    if (leg) for (const line of leg.declarations) out(line);
    else {
      out(endpointLine(client, clientEnd, connection.family));
      out(endpointLine(server, serverEnd, connection.family));
    }
    out('');
    const synAck = packet.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK);
    const listed = this.options.listing?.[connection.index - 1];
    // A SYN ACK captured before its SYN: the delivery order puts the SYN first.
    const synFollows = synAck === (TCP_FLAG.SYN | TCP_FLAG.ACK) && listed?.sawSyn === true;
    const lastFrames = listed?.lastFrames;
    const gaps = new CaptureGaps(
      names,
      lastFrames && ((d, frame) => (lastFrames[d] as number) > frame),
    );
    const assumed =
      synAck !== TCP_FLAG.SYN && !synFollows
        ? this.assumeHandshake(packet, client, server, connection.client, listed?.earliest, gaps)
        : undefined;
    if (assumed) gaps.assumeNext(assumed);
    // The side that answers a SYN with a SYN ACK was listening: say so before the SYN.
    let answered: 0 | 1 | undefined;
    let listened = false;
    const afterBlock: string[] = [];
    const queue = new DeliveryOrder(
      (segment, inBlock) => {
        if (!inBlock && !listened && segment.syn && segment.ack === undefined) {
          if (answered === 1 - segment.direction) {
            out(`${names[answered]} listen`);
            gaps.listen(answered);
            listened = true;
          }
        }
        const lines = gaps.linesOf(segment);
        const tls = segment.tls ?? [];
        // A block holds segments only: TLS lines wait until it closes.
        if (inBlock) afterBlock.push(...tls);
        if (!inBlock && segment.tlsFirst) for (const line of tls) out(line);
        for (const line of lines) out(inBlock ? `  ${line}` : line);
        if (!inBlock && !segment.tlsFirst) for (const line of tls) out(line);
      },
      (open) => {
        gaps.block(open);
        out(open ? 'simultaneous {' : '}');
        if (!open) for (const waiting of afterBlock.splice(0)) out(waiting);
      },
      (wire) => gaps.dropsAsSent(wire),
      (segment, because) => asLost(segment, names, because),
    );
    const push = queue.push.bind(queue);
    queue.push = (segment) => {
      if (segment.syn && segment.ack !== undefined && answered === undefined)
        answered = segment.direction;
      push(segment);
    };
    const state: ConnectionState = {
      names,
      queue,
      gaps,
      tls: undefined,
      clientDirection: connection.client === 0 ? 0 : 1,
      lostAcks: listed?.lostAcks ?? [],
      lastFrame: listed?.lastFrame ?? 0,
    };
    this.states.set(connection, state);
    return state;
  }
}

const NO_EVENTS: readonly TlsEvent[] = [];

/**
 * The most connections an import holds open at once. Each open connection's writer holds both
 * ends' TCBs, the delivery order and what waits in it (a few KB); 100,000 of them fit well in
 * the memory of a Node process or of VS Code's extension host.
 */
export const MAX_OPEN = 100_000;

/**
 * Whether both ends of a connection are still synchronized and not in TIME_WAIT, so that a SYN
 * on its ports is challenged rather than opening a new one (see `continued`).
 */
function alive(gaps: CaptureGaps): boolean {
  for (const side of [0, 1] as const) {
    const state = gaps.state(side);
    if (state === undefined || !isSynchronized(state) || state === 'TIME_WAIT') return false;
  }
  return true;
}

/** The segment `packet` puts on the wire, sent by `from`. */
function wireOf(packet: TcpPacket, from: 0 | 1, lost = false): WireSegment {
  const { flags, seq, ack, len, win, wscale } = packet;
  return { from, flags, seq, ack, len, win, wscale, lost };
}

/** `segment`, from `names[direction]`, as lost after the capture point (see `losable`). */
function asLost(
  segment: QueuedSegment,
  names: readonly [string, string],
  because: LostBecause,
): QueuedSegment {
  const [line = '', ...rest] = segment.lines;
  const from = names[segment.direction];
  const to = names[segment.direction === 0 ? 1 : 0];
  const why =
    'resentIn' in because
      ? `resent in frame ${because.resentIn}`
      : `the ack in frame ${because.ackIn} stops at its seq`;
  const lost = `${from} -x ${to}${line.slice(`${from} -> ${to}`.length)} lost after the capture point, or dropped by ${to}: ${why}`;
  return {
    ...segment,
    lines: [lost, ...rest],
    consumes: false,
    ...(segment.wire ? { wire: { ...segment.wire, lost: true } } : {}),
  };
}

function sameEnd(a: ConnectionEnd, b: ConnectionEnd): boolean {
  return a.port === b.port && a.address === b.address && a.name === b.name;
}

function endpointLine(name: string, end: ConnectionEnd, family: 4 | 6): string {
  if (end.name) return `endpoint ${name}  # ${end.name}.${end.port}`;
  const address = family === 6 ? `[${end.address}]:${end.port}` : `${end.address}:${end.port}`;
  return `endpoint ${name} ${address}`;
}
