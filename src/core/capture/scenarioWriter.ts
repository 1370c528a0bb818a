import type { Connection, ConnectionEnd } from './connectionTable';
import { TCP_FLAG, type TcpPacket } from './packet';
import { CaptureGaps } from './captureGaps';
import { ASSUMED, flagWords, secondsText, segmentComment, segmentFields } from './segmentLine';
import { ANALYSIS } from './tcpAnalysis';
import { TlsStream } from './tlsStream';
import { DeliveryOrder } from './deliveryOrder';

interface ConnectionState {
  readonly names: [string, string];
  readonly queue: DeliveryOrder;
  /** The segments the capture missed, written in their place as assumed. */
  readonly gaps: CaptureGaps;
  readonly tls: [TlsStream, TlsStream];
}

export interface WriterOptions {
  /** Only this connection (1-based); all when undefined. */
  readonly connection?: number;
  /** Name endpoints client/server (one connection) or client1/server1... (several). */
  readonly numbered: boolean;
}

/**
 * Turns the analysed packets of a capture into `.handshake` lines as they stream past: each
 * connection's endpoints when it first appears, `listen` for the side that answers a SYN with a
 * SYN ACK, then one segment line per packet with absolute numbers, its frame, time and
 * Wireshark's analysis in a comment. TLS handshake messages found in the payload follow their
 * segment as comments (`# TLS ClientHello sni=...`): the language has no TLS lines yet.
 * Segments the capture missed (a gap in a sender's sequence numbers, an ack of bytes never
 * seen) are written where they belong, marked `# not in the capture: assumed` (CaptureGaps).
 */
export class ScenarioWriter {
  private readonly states = new Map<Connection, ConnectionState>();

  constructor(
    private readonly out: (line: string) => void,
    private readonly options: WriterOptions,
  ) {}

  segment(
    packet: TcpPacket,
    connection: Connection,
    direction: 0 | 1,
    bits: number,
    time: number,
  ): void {
    if (this.options.connection !== undefined && connection.index !== this.options.connection)
      return;
    const state = this.states.get(connection) ?? this.open(connection, packet);
    const from = state.names[direction];
    const to = state.names[1 - direction] as string;
    const dupAck =
      bits & ANALYSIS.DUPLICATE_ACK
        ? `${connection.analyzer.dupAckFrame}#${connection.analyzer.dupAckNumber}`
        : undefined;
    const comment = segmentComment(packet, secondsText(time, packet.precision), bits, dupAck);
    const line = `${from} -> ${to}  ${flagWords(packet.flags)}  ${segmentFields(packet)}  ${comment}`;
    const tls = state.tls[direction].active
      ? state.tls[direction].push(
          packet.seq,
          packet.bytes.subarray(packet.payloadStart, packet.payloadEnd),
          packet.len,
        )
      : [];
    const flags = packet.flags;
    const synFin = flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0;
    const segment = {
      direction,
      space: packet.len + synFin,
      lines: [line, ...tls.map((text) => `# TLS ${text}`)],
      consumes: packet.len > 0 || synFin === 1,
      end: (packet.seq + packet.len + synFin) >>> 0,
      ...(flags & TCP_FLAG.ACK ? { ack: packet.ack } : {}),
      syn: (flags & TCP_FLAG.SYN) !== 0,
    };
    state.gaps.place(packet, direction, bits, segment, state.queue);
  }

  /** Call at the end: writes what still waits for an answer. */
  end(): void {
    for (const state of this.states.values()) state.queue.end();
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
  ): void {
    const out = this.out;
    const fromClient = clientSide === 0; // the first packet's sender is direction 0
    const synAck = (packet.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === (TCP_FLAG.SYN | TCP_FLAG.ACK);
    if (!(packet.flags & TCP_FLAG.ACK)) {
      out(
        '# The capture starts after the handshake, with a segment without ACK: nothing to assume.',
      );
      return;
    }
    if (synAck) {
      out('# The capture misses the SYN; it is assumed from the SYN ACK.');
      out(`${server} listen`);
      out(`${client} -> ${server}  SYN  seq=${(packet.ack - 1) >>> 0}  ${ASSUMED}`);
      return;
    }
    const clientNext = fromClient ? packet.seq : packet.ack;
    const serverNext = fromClient ? packet.ack : packet.seq;
    out('# The capture starts after the handshake; it is assumed from the first packet.');
    out(`${server} listen`);
    out(`${client} -> ${server}  SYN  seq=${(clientNext - 1) >>> 0}  ${ASSUMED}`);
    out(
      `${server} -> ${client}  SYN ACK  seq=${(serverNext - 1) >>> 0} ack=${clientNext}  ${ASSUMED}`,
    );
    out(`${client} -> ${server}  ACK  seq=${clientNext} ack=${serverNext}  ${ASSUMED}`);
  }

  private open(connection: Connection, packet: TcpPacket): ConnectionState {
    const suffix = this.options.numbered ? String(connection.index) : '';
    const client = `client${suffix}`;
    const server = `server${suffix}`;
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
    out(endpointLine(client, clientEnd, connection.family));
    out(endpointLine(server, serverEnd, connection.family));
    out('');
    const synAck = packet.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK);
    if (synAck !== TCP_FLAG.SYN) this.assumeHandshake(packet, client, server, connection.client);
    // The side that answers a SYN with a SYN ACK was listening: say so before the SYN.
    const gaps = new CaptureGaps(names);
    let answered: 0 | 1 | undefined;
    let listened = false;
    const queue = new DeliveryOrder(
      (segment, inBlock) => {
        if (!inBlock && !listened && segment.syn && segment.ack === undefined) {
          if (answered === 1 - segment.direction) {
            out(`${names[answered]} listen`);
            listened = true;
          }
        }
        for (const line of gaps.linesOf(segment)) out(inBlock ? `  ${line}` : line);
      },
      (open) => {
        gaps.block(open);
        out(open ? 'simultaneous {' : '}');
      },
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
      tls: [new TlsStream(), new TlsStream()],
    };
    this.states.set(connection, state);
    return state;
  }
}

function endpointLine(name: string, end: ConnectionEnd, family: 4 | 6): string {
  if (end.name) return `endpoint ${name}  # ${end.name}.${end.port}`;
  const address = family === 6 ? `[${end.address}]:${end.port}` : `${end.address}:${end.port}`;
  return `endpoint ${name} ${address}`;
}
