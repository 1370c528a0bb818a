import type { DeliveryOrder, QueuedSegment } from './deliveryOrder';
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
  /**
   * Per direction: the receiver's RCV.NXT for this side's bytes in the lines written so far,
   * and the end of bytes written beyond a lost part (held until it is resent). An assumed
   * segment's ack is read from it, when the segment is written: RFC 9293 §3.10.7.4 has the
   * receiver acknowledge exactly what arrived in order, and the engine checks just that.
   */
  private readonly rcvNxt: [number | undefined, number | undefined] = [undefined, undefined];
  private readonly held: [Part | undefined, Part | undefined] = [undefined, undefined];
  /**
   * Inside `simultaneous { }` every segment is sent before any is delivered: deliveries wait
   * here until the block closes.
   */
  private pending: [0 | 1, number, number][] | undefined;
  /** Per direction: gaps not written yet, oldest first. */
  private readonly open: [Gap[], Gap[]] = [[], []];

  constructor(private readonly names: readonly [string, string]) {}

  /**
   * Queues the line of `packet` (`segment`) in `queue`, preceded by the segments the capture
   * missed that it reveals; a late segment that fills a gap goes into the gap instead.
   */
  place(
    packet: TcpPacket,
    direction: 0 | 1,
    bits: number,
    segment: QueuedSegment,
    queue: Pick<DeliveryOrder, 'push' | 'cut'>,
  ): void {
    const flags = packet.flags;
    const hasAck = (flags & TCP_FLAG.ACK) !== 0;
    const push = (queued: QueuedSegment): void => queue.push(queued);
    if (hasAck) {
      this.ackedUnseen(packet, direction, push);
      // An ack inside a gap of the peer's: the part before it arrived, the rest not yet.
      const peer = direction === 0 ? 1 : 0;
      if (this.open[peer].some((g) => inside(packet.ack, g))) queue.cut(peer, packet.ack);
    }
    const next = this.next[direction];
    const ack = hasAck ? packet.ack : this.lastAck[direction];
    if (next === undefined) {
      this.next[direction] = this.rcvNxt[direction] = packet.seq;
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
      this.next[peer] = this.rcvNxt[peer] = packet.ack;
      this.lastAck[peer] = (packet.seq + (packet.flags & TCP_FLAG.SYN ? 1 : 0)) >>> 0;
      // After its SYN, this side acknowledges the peer's SYN: the SYN ACK was not captured.
      // RFC 9293 §3.5: it acknowledges the SYN and carries the peer's initial seq (ack - 1).
      if (this.synSent[direction] && !(packet.flags & (TCP_FLAG.SYN | TCP_FLAG.RST))) {
        const seq = (packet.ack - 1) >>> 0;
        const ack = this.next[direction] as number;
        const to = this.names[direction];
        const why = `(acknowledged by frame ${packet.frame})`;
        const line = `${this.names[peer]} -> ${to}  SYN ACK  seq=${seq} ack=${ack}  ${ASSUMED} ${why}`;
        push({
          direction: peer,
          seq,
          lines: [line],
          consumes: true,
          end: packet.ack,
          ack,
          syn: true,
        });
      }
      // Otherwise the first packet: the assumed handshake has the peer acknowledge its seq.
      return;
    }
    const length = (packet.ack - peerNext) >>> 0;
    if (!serialAfter(packet.ack, peerNext) || length > MAX_LEN) return;
    // Placed by the peer's last ack (it had received at least that); written with what it
    // had received where it is written.
    const ack = this.lastAck[peer] ?? this.next[direction] ?? packet.seq;
    const end = packet.ack;
    const why = `(acknowledged by frame ${packet.frame})`;
    const render = (): string[] => {
      const line = this.line(peer, '->', peerNext, this.rcvNxt[direction] ?? ack, length, why);
      this.delivered(peer, peerNext, end);
      return [line];
    };
    push({
      direction: peer,
      seq: peerNext,
      lines: [],
      render,
      consumes: true,
      end,
      ack,
      syn: false,
    });
    this.next[peer] = end;
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
    push(this.entry(gap));
  }

  /** The queue entry of a gap: its lines are made when written; it can be cut in two. */
  private entry(gap: Gap): QueuedSegment {
    return {
      direction: gap.direction,
      seq: gap.start,
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
        gap.fills.push({ ...part, lines: segment.lines });
        return true;
      }
      gap.lost.push({ ...part, frame: packet.frame });
    }
    return false;
  }

  /**
   * The lines of a queued segment as the delivery order writes it: an assumed one's are made
   * now; every delivered one moves its receiver's RCV.NXT.
   */
  linesOf(segment: QueuedSegment): readonly string[] {
    if (segment.render) return segment.render();
    if (segment.consumes) this.delivered(segment.direction, segment.seq, segment.end);
    return segment.lines;
  }

  /** Called as a `simultaneous { }` block opens and closes. */
  block(open: boolean): void {
    const pending = this.pending;
    this.pending = open ? [] : undefined;
    for (const [direction, seq, end] of pending ?? []) this.delivered(direction, seq, end);
  }

  /**
   * Bytes [seq, end) of `direction` delivered: in order they move RCV.NXT (over the bytes held
   * beyond, once they join), else they are held. One held range: enough for one lost part.
   */
  private delivered(direction: 0 | 1, seq: number, end: number): void {
    if (this.pending) {
      this.pending.push([direction, seq, end]);
      return;
    }
    const rcvNxt = this.rcvNxt[direction];
    if (rcvNxt === undefined) return;
    const held = this.held[direction];
    if (serialAfter(seq, rcvNxt)) {
      this.held[direction] = held
        ? {
            start: serialAfter(held.start, seq) ? seq : held.start,
            end: serialAfter(end, held.end) ? end : held.end,
          }
        : { start: seq, end };
      return;
    }
    let next = serialAfter(end, rcvNxt) ? end : rcvNxt;
    if (held && !serialAfter(held.start, next)) {
      if (serialAfter(held.end, next)) next = held.end;
      this.held[direction] = undefined;
    }
    this.rcvNxt[direction] = next;
  }

  /** The lines of a gap, now that the delivery order writes it (its fate is known). */
  private written(gap: Gap): readonly string[] {
    const gaps = this.open[gap.direction];
    gaps.splice(gaps.indexOf(gap), 1);
    const lines: string[] = [];
    for (const piece of pieces(gap)) {
      const seq = (gap.start + piece.start) >>> 0;
      const end = (gap.start + piece.end) >>> 0;
      if ('lines' in piece) {
        lines.push(...piece.lines);
        this.delivered(gap.direction, seq, end);
        continue;
      }
      if (piece.lost === undefined) this.delivered(gap.direction, seq, end);
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

/** True when `at` falls strictly inside the gap (after its first byte, before its end). */
function inside(at: number, gap: Gap): boolean {
  const offset = (at - gap.start) >>> 0;
  return offset > 0 && offset < gap.length;
}

/**
 * A gap cut at `offset`: its parts go to the half they fall in (a lost part across the cut to
 * both); a late segment across the cut cannot be cut (undefined).
 */
function cutGap(gap: Gap, offset: number): [Gap, Gap] | undefined {
  if (gap.fills.some((f) => f.start < offset && offset < f.end)) return undefined;
  const first: Gap = { ...gap, length: offset, fills: [], lost: [] };
  const second: Gap = {
    ...gap,
    start: (gap.start + offset) >>> 0,
    length: gap.length - offset,
    fills: [],
    lost: [],
  };
  for (const f of gap.fills) {
    if (f.end <= offset) first.fills.push(f);
    else second.fills.push({ ...f, start: f.start - offset, end: f.end - offset });
  }
  for (const l of gap.lost) {
    if (l.start < offset) first.lost.push({ ...l, end: Math.min(l.end, offset) });
    if (l.end > offset) {
      second.lost.push({ ...l, start: Math.max(l.start - offset, 0), end: l.end - offset });
    }
  }
  return [first, second];
}

function serialAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
