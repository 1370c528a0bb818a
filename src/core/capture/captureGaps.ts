import type { QueuedSegment } from './deliveryOrder';
import { TCP_FLAG, type TcpPacket } from './packet';
import { ASSUMED } from './segmentLine';
import { ANALYSIS } from './tcpAnalysis';

/** The longest range written as one assumed segment: the language's `len=` limit. */
const MAX_LEN = 2 ** 30;

/** Analysis bits of a segment that sends again what its sender had sent before. */
const RESENT =
  ANALYSIS.RETRANSMISSION |
  ANALYSIS.FAST_RETRANSMISSION |
  ANALYSIS.SPURIOUS_RETRANSMISSION |
  ANALYSIS.OUT_OF_ORDER;

/** A part of a gap, as offsets from the gap's first sequence number. */
interface Part {
  readonly start: number;
  readonly end: number;
}

/** A captured segment that arrived late into a gap (out of order): written in its place. */
interface Fill extends Part {
  readonly lines: readonly string[];
}

/** A part of a gap that its sender sent again before the peer acknowledged it: lost. */
interface Lost extends Part {
  readonly frame: number;
}

/**
 * Sequence space that one side sent before the packet that revealed it (`frame`), but that the
 * capture did not show there. Whether it arrived is known only later, when the peer's ack
 * covers it (it did) or its sender resends it first (it did not): the lines are decided when
 * the gap is written, which the delivery order does only once an ack covers it.
 */
interface Gap {
  readonly direction: 0 | 1;
  readonly start: number;
  readonly length: number;
  readonly ack: number;
  readonly frame: number;
  readonly fills: Fill[];
  readonly lost: Lost[];
}

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
 * analysis (run on the captured lines only) still reports the gaps. Memory: a few numbers per
 * direction, and the gaps not yet written (bounded by the delivery order's queue).
 */
export class CaptureGaps {
  /** Per direction: the sequence number after the last byte seen or assumed (its SND.NXT). */
  private readonly next: [number | undefined, number | undefined] = [undefined, undefined];
  /** Per direction: the last ack it sent, for the segments assumed on its behalf. */
  private readonly lastAck: [number | undefined, number | undefined] = [undefined, undefined];
  /** Per direction: whether it sent a SYN (without ACK): it opened the connection. */
  private readonly synSent: [boolean, boolean] = [false, false];
  /** Per direction: gaps not written yet, oldest first. */
  private readonly open: [Gap[], Gap[]] = [[], []];

  constructor(private readonly names: readonly [string, string]) {}

  /**
   * Queues the line of `packet` (`segment`) with `push`, preceded by the segments the capture
   * missed that it reveals; a late segment that fills a gap goes into the gap instead.
   */
  place(
    packet: TcpPacket,
    direction: 0 | 1,
    bits: number,
    segment: QueuedSegment,
    push: (segment: QueuedSegment) => void,
  ): void {
    const flags = packet.flags;
    const hasAck = (flags & TCP_FLAG.ACK) !== 0;
    if (hasAck) this.ackedUnseen(packet, direction, push);
    const next = this.next[direction];
    const ack = hasAck ? packet.ack : this.lastAck[direction];
    if (next === undefined) {
      this.next[direction] = packet.seq;
    } else if (
      !(flags & (TCP_FLAG.SYN | TCP_FLAG.RST)) &&
      serialAfter(packet.seq, next) &&
      (packet.seq - next) >>> 0 <= MAX_LEN &&
      ack !== undefined
    ) {
      this.openGap(direction, next, (packet.seq - next) >>> 0, ack, packet.frame, push);
    }
    const absorbed =
      packet.len > 0 && bits & RESENT && this.resent(packet, direction, bits, segment);
    if (!absorbed) push(segment);
    if (hasAck) this.lastAck[direction] = packet.ack;
    else if (flags & TCP_FLAG.SYN) this.synSent[direction] = true;
    if (!(flags & TCP_FLAG.RST)) {
      const synFin = flags & (TCP_FLAG.SYN | TCP_FLAG.FIN) ? 1 : 0;
      const end = (packet.seq + packet.len + synFin) >>> 0;
      if (serialAfter(end, this.next[direction] as number)) this.next[direction] = end;
    }
  }

  /** The peer's bytes this packet acknowledges and the capture never showed: they arrived. */
  private ackedUnseen(packet: TcpPacket, direction: 0 | 1, push: (s: QueuedSegment) => void) {
    const peer = direction === 0 ? 1 : 0;
    const peerNext = this.next[peer];
    if (peerNext === undefined) {
      this.next[peer] = packet.ack;
      this.lastAck[peer] = (packet.seq + (packet.flags & TCP_FLAG.SYN ? 1 : 0)) >>> 0;
      // After its SYN, this side acknowledges the peer's SYN: the SYN ACK was not captured.
      // RFC 9293 §3.5: it acknowledges the SYN and carries the peer's initial seq (ack - 1).
      if (this.synSent[direction] && !(packet.flags & (TCP_FLAG.SYN | TCP_FLAG.RST))) {
        const seq = (packet.ack - 1) >>> 0;
        const ack = this.next[direction] as number;
        const to = this.names[direction];
        const why = `(acknowledged by frame ${packet.frame})`;
        const line = `${this.names[peer]} -> ${to}  SYN ACK  seq=${seq} ack=${ack}  ${ASSUMED} ${why}`;
        push({ direction: peer, lines: [line], consumes: true, end: packet.ack, ack, syn: true });
      }
      // Otherwise the first packet: the assumed handshake has the peer acknowledge its seq.
      return;
    }
    const length = (packet.ack - peerNext) >>> 0;
    if (!serialAfter(packet.ack, peerNext) || length > MAX_LEN) return;
    const ack = this.lastAck[peer] ?? this.next[direction] ?? packet.seq;
    const line = this.line(
      peer,
      '->',
      peerNext,
      ack,
      length,
      `(acknowledged by frame ${packet.frame})`,
    );
    push({ direction: peer, lines: [line], consumes: true, end: packet.ack, ack, syn: false });
    this.next[peer] = packet.ack;
  }

  private openGap(
    direction: 0 | 1,
    start: number,
    length: number,
    ack: number,
    frame: number,
    push: (s: QueuedSegment) => void,
  ): void {
    const gap: Gap = { direction, start, length, ack, frame, fills: [], lost: [] };
    this.open[direction].push(gap);
    push({
      direction,
      lines: [],
      render: () => this.written(gap),
      consumes: true,
      end: (start + length) >>> 0,
      ack,
      syn: false,
    });
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
        gap.fills.push({ ...part, lines: segment.lines });
        return true;
      }
      gap.lost.push({ ...part, frame: packet.frame });
    }
    return false;
  }

  /** The lines of a gap, now that the delivery order writes it (its fate is known). */
  private written(gap: Gap): readonly string[] {
    const gaps = this.open[gap.direction];
    gaps.splice(gaps.indexOf(gap), 1);
    const lines: string[] = [];
    for (const piece of pieces(gap)) {
      if ('lines' in piece) {
        lines.push(...piece.lines);
        continue;
      }
      const seq = (gap.start + piece.start) >>> 0;
      const length = piece.end - piece.start;
      lines.push(
        piece.lost === undefined
          ? this.line(
              gap.direction,
              '->',
              seq,
              gap.ack,
              length,
              `(the gap before frame ${gap.frame})`,
            )
          : this.line(
              gap.direction,
              '-x',
              seq,
              gap.ack,
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

/** A part of a gap written as assumed: lost (with the frame that resent it) or delivered. */
interface Assumed extends Part {
  readonly lost?: number;
}

/**
 * A gap cut into its late segments and the assumed parts between them, in seq order; adjacent
 * parts of the same fate are one.
 */
function pieces(gap: Gap): (Fill | Assumed)[] {
  const cuts = new Set([0, gap.length]);
  for (const p of [...gap.fills, ...gap.lost]) cuts.add(p.start).add(p.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: (Fill | Assumed)[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const fill = gap.fills.find((f) => f.start <= start && start < f.end);
    if (fill) {
      if (fill.start === start) out.push(fill);
      continue;
    }
    const lost = gap.lost.find((l) => l.start <= start && start < l.end)?.frame;
    const last = out[out.length - 1];
    if (
      last &&
      !('lines' in last) &&
      last.end === start &&
      (last.lost === undefined) === (lost === undefined)
    ) {
      out[out.length - 1] = { ...last, end };
    } else {
      out.push({ start, end, ...(lost === undefined ? {} : { lost }) });
    }
  }
  return out;
}

function serialAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
