import type { Claim, DeliveryOrder, QueuedSegment } from './deliveryOrder';
import { TCP_FLAG } from '../../protocol/tcpFlags';
import type { TcpPacket } from '../read/packet';
import { ASSUMED } from './segmentLine';
import { ANALYSIS } from '../../tcp/tcpAnalysis';
import { cutGap, gapPieces, insideGap, type Gap } from './gapParts';
import { EngineSession, type Side, type WireSegment } from '../../tcp/engineSession';
import type { TcpState } from '../../protocol/tcpStates';

/** The longest range written as one assumed segment: the language's `len=` limit. */
const MAX_LEN = 2 ** 30;

/** Analysis bits of a segment that sends again what its sender had sent before. */
const RESENT =
  ANALYSIS.RETRANSMISSION |
  ANALYSIS.FAST_RETRANSMISSION |
  ANALYSIS.SPURIOUS_RETRANSMISSION |
  ANALYSIS.OUT_OF_ORDER;

/** A resend of data sent before and not acknowledged since (not out of order, not spurious). */
const LATE_RESEND = ANALYSIS.RETRANSMISSION | ANALYSIS.FAST_RETRANSMISSION;

/**
 * What the capture missed in one connection, found as its packets stream past, so that the
 * engine sees every byte the hosts saw (RFC 9293 §3.4: each byte has a sequence number, and
 * SND.NXT only moves forward). Two things give a missing segment away:
 *
 * - an ACK beyond what the peer was seen sending (Wireshark: ACKed unseen segment): the peer
 *   sent those bytes and they arrived, so they are written as a delivered segment before it;
 * - a seq beyond the sender's next byte (Wireshark: previous segment not captured): the sender
 *   sent the bytes before it. They are written as lost (`-x`) where the sender resent them
 *   before the peer acknowledged them, as delivered otherwise; a segment the analysis calls
 *   out of order that falls in the gap is the missing one, arrived late, and takes its place.
 *
 * The assumed lines carry `# not in the capture: assumed` and no frame, so Wireshark's
 * analysis (run on the captured lines only) still reports the gaps.
 *
 * Two kinds of numbers meet here. What the capture showed, as the packets stream past (each
 * side's highest seq and last ack seen: `next`, `lastAck`), places the gaps; it is not TCP
 * state, and the lines that would tell the engine have not been written yet. What the hosts
 * had received when a line is written (an assumed segment acknowledges exactly that) is the
 * engine's to say: every line written is fed to an EngineSession, and its RCV.NXT is read.
 * Memory: a few numbers per direction, the engine's two TCBs, and the gaps not yet written
 * (bounded by the delivery order's queue).
 */
export class CaptureGaps {
  /** Per direction: the sequence number after the last byte seen or assumed (its SND.NXT). */
  private readonly next = unknown();
  /** Per direction: the last ack it sent, for the segments assumed on its behalf. */
  private readonly lastAck = unknown();
  /** Per direction: whether it sent a SYN (without ACK): it opened the connection. */
  private readonly synSent: [boolean, boolean] = [false, false];
  /**
   * The engine, told every line as it is written: an assumed segment's ack is its sender's
   * RCV.NXT there (RFC 9293 §3.10.7.4: a receiver acknowledges exactly what arrived in order).
   * Undefined once the connection is written out (`finish`).
   */
  private engine: EngineSession | undefined;
  /**
   * Inside `simultaneous { }` every segment is sent before any is delivered: the block's
   * segments wait here until it closes.
   */
  private pending: WireSegment[] | undefined;
  /** Per direction: gaps not written yet, oldest first. */
  private readonly open: [Gap[], Gap[]] = [[], []];
  /**
   * Per direction: bytes assumed from the peer's ack that its next packet has not confirmed
   * yet, oldest first, with where they start (see `ackedUnseen`).
   */
  private readonly claims: [PendingClaim[], PendingClaim[]] = [[], []];

  /**
   * `sendsAfter(direction, frame)`: whether `direction` sends another packet after `frame` in
   * this connection (the listing knows); without it, assumed bytes are never held for it.
   */
  constructor(
    private readonly names: readonly [string, string],
    private readonly sendsAfter?: (direction: 0 | 1, frame: number) => boolean,
  ) {
    this.engine = new EngineSession(names, 'asSent');
  }

  /**
   * Starts from a handshake assumed before the capture: `next` holds each direction's next
   * sequence number after it (the first seq the capture may show of it).
   */
  assumeNext(next: readonly [number, number]): void {
    for (const d of [0, 1] as const) {
      this.next[d] = next[d];
      this.lastAck[d] = next[d === 0 ? 1 : 0];
    }
  }

  /** `side listen` was written. */
  listen(side: Side): void {
    this.engine?.listen(side);
  }

  /**
   * A segment line written (or, inside `simultaneous { }`, sent): the engine is told. Lines
   * written outside the delivery order (an assumed handshake) come here directly.
   */
  wrote(wire: WireSegment): void {
    if (this.pending) this.pending.push(wire);
    else this.engine?.segment(wire);
  }

  /**
   * Whether the receiver of `wire` drops it as sent, as things stand (see DropsAsSent): the
   * engine's own answer, without telling it the segment.
   */
  dropsAsSent(wire: WireSegment): boolean {
    if (this.pending || !this.engine) return false;
    const outcome = this.engine.attempt(wire).outcome;
    return outcome === 'challenged' || outcome === 'ignored';
  }

  /** The state of `side` in the engine, undefined once the connection is written out. */
  state(side: Side): TcpState | undefined {
    return this.engine?.numbers(side).state;
  }

  /** The connection is written out: the engine's TCBs are let go. */
  finish(): void {
    this.engine = undefined;
  }

  /**
   * Queues the line of `packet` (`segment`) in `queue`, preceded by the segments the capture
   * missed that it reveals; a late segment that fills a gap goes into the gap instead.
   */
  place(
    packet: TcpPacket,
    direction: 0 | 1,
    bits: number,
    segment: QueuedSegment,
    queue: Pick<DeliveryOrder, 'push' | 'cut' | 'resent' | 'claimRefuted'>,
  ): void {
    const flags = packet.flags;
    const hasAck = (flags & TCP_FLAG.ACK) !== 0;
    if (this.claims[direction].length > 0 && this.settleClaims(packet, direction))
      queue.claimRefuted();
    let ackClaim: Claim | undefined;
    if (hasAck) {
      ackClaim = this.ackedUnseen(packet, direction, queue);
      // An ack inside a gap of the peer's: the part before it arrived, the rest not yet.
      const peer = direction === 0 ? 1 : 0;
      const gaps = this.open[peer];
      if (gaps.length > 0 && gaps.some((g) => insideGap(packet.ack, g))) {
        queue.cut(peer, packet.ack);
      }
    }
    const next = this.next[direction] as number;
    const ack = hasAck ? packet.ack : (this.lastAck[direction] as number);
    if (Number.isNaN(next)) {
      this.next[direction] = packet.seq;
    } else if (
      !(flags & (TCP_FLAG.SYN | TCP_FLAG.RST)) &&
      serialAfter(packet.seq, next) &&
      (packet.seq - next) >>> 0 <= MAX_LEN &&
      !Number.isNaN(ack)
    ) {
      const gap: Gap = {
        direction,
        start: next,
        length: (packet.seq - next) >>> 0,
        ack,
        frame: packet.frame,
        fills: [],
        lost: [],
      };
      this.open[direction].push(gap);
      queue.push(this.entry(gap));
    }
    const absorbed =
      packet.len > 0 && bits & RESENT && this.resent(packet, direction, bits, segment);
    if (!absorbed && packet.len > 0 && bits & LATE_RESEND)
      queue.resent(direction, packet.seq, packet.frame);
    if (!absorbed) queue.push(ackClaim ? { ...segment, ackClaim } : segment);
    if (hasAck) this.lastAck[direction] = packet.ack;
    else if (flags & TCP_FLAG.SYN) this.synSent[direction] = true;
    if (!(flags & TCP_FLAG.RST)) {
      const synFin = flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0;
      const end = (packet.seq + packet.len + synFin) >>> 0;
      if (serialAfter(end, this.next[direction] as number)) this.next[direction] = end;
    }
  }

  /**
   * The peer's bytes this packet acknowledges and the capture never showed: they arrived. Gives
   * the claim that holds them, when they wait for the peer's next packet.
   */
  private ackedUnseen(
    packet: TcpPacket,
    direction: 0 | 1,
    queue: Pick<DeliveryOrder, 'push'>,
  ): Claim | undefined {
    const peer = direction === 0 ? 1 : 0;
    const peerNext = this.next[peer] as number;
    if (Number.isNaN(peerNext)) {
      this.next[peer] = packet.ack;
      this.lastAck[peer] = (packet.seq + (packet.flags & TCP_FLAG.SYN ? 1 : 0)) >>> 0;
      // After its SYN, this side acknowledges the peer's SYN: the SYN ACK was not captured.
      // Otherwise this is the first packet, and the assumed handshake covers the peer.
      if (this.synSent[direction] && !(packet.flags & (TCP_FLAG.SYN | TCP_FLAG.RST))) {
        queue.push(this.synAck(peer, packet.ack, packet.frame));
      }
      return undefined;
    }
    const length = (packet.ack - peerNext) >>> 0;
    if (!serialAfter(packet.ack, peerNext) || length > MAX_LEN) return undefined;
    // Placed by the peer's last ack (it had received at least that); written with what it
    // had received where it is written.
    const ack = known(this.lastAck[peer]) ?? known(this.next[direction]) ?? packet.seq;
    const end = packet.ack;
    const why = `(acknowledged by frame ${packet.frame})`;
    const render = (): string[] => {
      // What the peer had received of this side's bytes where the line is written.
      const acked = this.engine?.rcvNxt(peer) ?? ack;
      this.wrote(assumedWire(peer, peerNext, acked, length, false));
      return [this.line(peer, '->', peerNext, acked, length, why)];
    };
    const consumes = true;
    // Held until the peer's next packet says whether it sent them (settleClaims), when it
    // sends one: an ack past SND.NXT is also what a forged or broken ack looks like.
    const claim: Claim | undefined = this.sendsAfter?.(peer, packet.frame)
      ? { state: 'open' }
      : undefined;
    if (claim) this.claims[peer].push({ claim, start: peerNext, end });
    queue.push({
      direction: peer,
      space: length,
      lines: [],
      render,
      consumes,
      end,
      ack,
      syn: false,
      rst: false,
      ...(claim ? { claim } : {}),
    });
    this.next[peer] = end;
    return claim;
  }

  /**
   * The first packet of `direction` after bytes were assumed on its behalf from the peer's ack
   * tells whether it sent them. A segment without data, SYN or FIN carries SND.NXT as its seq
   * (RFC 9293 §3.10.4; a keep-alive or window probe SND.NXT-1): one below the assumed bytes'
   * end shows its sender never sent them, and the ack that claimed them was wrong (a forged or
   * broken ack, which a receiver drops with an ACK of its SND.NXT, §3.10.7.4): they are not
   * written, and the engine judges the ack. Anything else confirms them. True when some
   * were refuted.
   */
  private settleClaims(packet: TcpPacket, direction: 0 | 1): boolean {
    const claims = this.claims[direction];
    const bare = packet.len === 0 && !(packet.flags & (TCP_FLAG.SYN | TCP_FLAG.FIN));
    let any = false;
    for (const c of claims) {
      const refuted = bare && serialAfter((c.end - 1) >>> 0, packet.seq);
      c.claim.state = refuted ? 'refuted' : 'seen';
      any ||= refuted;
      if (refuted && serialAfter(this.next[direction] as number, c.start))
        this.next[direction] = c.start;
    }
    claims.length = 0;
    return any;
  }

  /**
   * The SYN ACK of `from` that an ack of its SYN (`end`) implies. RFC 9293 §3.5: it carries
   * the initial seq (end - 1) and acknowledges the SYN it answers.
   */
  private synAck(from: 0 | 1, end: number, frame: number): QueuedSegment {
    const seq = (end - 1) >>> 0;
    const ack = this.next[from === 0 ? 1 : 0] as number;
    const to = this.names[from === 0 ? 1 : 0];
    const line = `${this.names[from]} -> ${to}  SYN ACK  seq=${seq} ack=${ack}  ${ASSUMED} (acknowledged by frame ${frame})`;
    return {
      direction: from,
      space: 1,
      lines: [line],
      consumes: true,
      end,
      ack,
      syn: true,
      rst: false,
      wire: { from, flags: TCP_FLAG.SYN | TCP_FLAG.ACK, seq, ack, len: 0, win: -1 },
    };
  }

  /** The queue entry of a gap: its lines are made when written; it can be cut in two. */
  private entry(gap: Gap): QueuedSegment {
    return {
      direction: gap.direction,
      space: gap.length,
      lines: [],
      render: () => this.written(gap),
      cut: (at) => {
        const halves = cutGap(gap, (at - gap.start) >>> 0);
        if (!halves) return undefined;
        const open = this.open[gap.direction];
        open.splice(open.indexOf(gap), 1, ...halves);
        return [this.entry(halves[0]), this.entry(halves[1])];
      },
      consumes: true,
      end: (gap.start + gap.length) >>> 0,
      ack: gap.ack,
      syn: false,
      rst: false,
    };
  }

  /**
   * A segment sent again that falls into open gaps: an out-of-order one that fits a gap is the
   * missing segment arriving late (true: it is written in the gap); otherwise the parts it
   * covers were lost.
   */
  private resent(packet: TcpPacket, direction: 0 | 1, bits: number, segment: QueuedSegment) {
    const gaps = this.open[direction];
    if (gaps.length === 0) return false;
    for (const gap of gaps) {
      const start = (packet.seq - gap.start) | 0;
      const end = start + packet.len;
      if (end <= 0 || start >= gap.length) continue;
      const part = { start: Math.max(start, 0), end: Math.min(end, gap.length) };
      const fits =
        bits & ANALYSIS.OUT_OF_ORDER &&
        part.start === start &&
        part.end === end &&
        !(packet.flags & (TCP_FLAG.SYN | TCP_FLAG.FIN | TCP_FLAG.RST)) &&
        packet.flags & TCP_FLAG.ACK &&
        !serialAfter(packet.ack, gap.ack) &&
        ![...gap.fills, ...gap.lost].some((p) => p.start < end && start < p.end);
      if (fits) {
        // The TLS records it completed go with it (a reordered flight, reassembled by TlsStream).
        const tls = segment.tls ?? [];
        const lines = segment.tlsFirst ? [...tls, ...segment.lines] : [...segment.lines, ...tls];
        gap.fills.push({ ...part, lines, ...(segment.wire ? { wire: segment.wire } : {}) });
        return true;
      }
      gap.lost.push({ ...part, frame: packet.frame });
    }
    return false;
  }

  /**
   * The lines of a queued segment as the delivery order writes it: an assumed one's are made
   * now; the engine is told of every one.
   */
  linesOf(segment: QueuedSegment): readonly string[] {
    // Only assumed segments made when written have no lines yet.
    if (segment.lines.length === 0 && segment.render) return segment.render();
    if (segment.wire) this.wrote(segment.wire);
    return segment.lines;
  }

  /** Called as a `simultaneous { }` block opens and closes. */
  block(open: boolean): void {
    const pending = this.pending;
    this.pending = open ? [] : undefined;
    if (pending?.length) this.engine?.simultaneous(pending);
  }

  /** The lines of a gap, now that the delivery order writes it (its fate is known). */
  private written(gap: Gap): readonly string[] {
    const gaps = this.open[gap.direction];
    gaps.splice(gaps.indexOf(gap), 1);
    const lines: string[] = [];
    for (const piece of gapPieces(gap)) {
      const seq = (gap.start + piece.start) >>> 0;
      if ('lines' in piece) {
        lines.push(...piece.lines);
        if (piece.wire) this.wrote(piece.wire);
        continue;
      }
      const length = piece.end - piece.start;
      // What its sender had received where the line is written (as for acknowledged bytes).
      const ack = this.engine?.rcvNxt(gap.direction) ?? gap.ack;
      this.wrote(assumedWire(gap.direction, seq, ack, length, piece.lost !== undefined));
      lines.push(
        piece.lost === undefined
          ? this.line(gap.direction, '->', seq, ack, length, `(the gap before frame ${gap.frame})`)
          : this.line(
              gap.direction,
              '-x',
              seq,
              ack,
              length,
              `lost (resent in frame ${piece.lost})`,
            ),
      );
    }
    return lines;
  }

  private line(
    from: 0 | 1,
    arrow: '->' | '-x',
    seq: number,
    ack: number,
    length: number,
    why: string,
  ): string {
    const to = this.names[from === 0 ? 1 : 0];
    return `${this.names[from]} ${arrow} ${to}  ACK  seq=${seq} ack=${ack} len=${length}  ${ASSUMED} ${why}`;
  }
}

/** Bytes assumed from an ack, waiting for their sender's next packet. */
interface PendingClaim {
  readonly claim: Claim;
  readonly start: number;
  readonly end: number;
}

/**
 * Two sequence numbers, one per direction, NaN while unknown: an array of doubles keeps them
 * unboxed, so that updating them for every packet allocates nothing, and costs a tenth of a
 * typed array's memory per connection.
 */
function unknown(): [number, number] {
  return [NaN, NaN];
}

/** The segment of an assumed line: `ACK seq= ack= len=`, no window. */
function assumedWire(from: Side, seq: number, ack: number, len: number, lost: boolean) {
  const wire: WireSegment = { from, flags: TCP_FLAG.ACK, seq, ack, len, win: -1 };
  return lost ? { ...wire, lost } : wire;
}

function known(value: number | undefined): number | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

function serialAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
