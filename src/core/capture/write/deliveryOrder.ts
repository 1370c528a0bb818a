import type { WireSegment } from '../../tcp/engineSession';

/**
 * Whether the receiver, as the engine has it now, drops `wire` as sent (RFC 9293 §3.10.7.4,
 * RFC 5961 §3-§4: a reset or SYN answered by a challenge ACK or not at all).
 */
export type DropsAsSent = (wire: WireSegment) => boolean;

/** One segment line (with the comment lines that follow it) waiting to be written. */
export interface QueuedSegment {
  readonly direction: 0 | 1;
  /**
   * The sequence space it occupies (data, +1 for SYN and FIN): its seq is `end - space`. Kept
   * instead of seq because a small number is stored unboxed.
   */
  readonly space: number;
  readonly lines: readonly string[];
  /**
   * TLS lines that the segment's payload completed: written after its lines (before them when
   * `tlsFirst`), and after the block when it is in a `simultaneous { }` block.
   */
  readonly tls?: readonly string[];
  readonly tlsFirst?: boolean;
  /**
   * When set, gives the lines instead of `lines`, at the moment they are written: for a gap in
   * the capture, which only the acks that come later tell as delivered or lost.
   */
  readonly render?: () => readonly string[];
  /**
   * When set, cuts it in two at a sequence number inside it (or gives undefined when it cannot
   * be cut there): a gap in the capture, part of which the peer acknowledged.
   */
  readonly cut?: (at: number) => readonly [QueuedSegment, QueuedSegment] | undefined;
  /** True when it occupies sequence space (data, SYN or FIN): the peer must acknowledge it. */
  readonly consumes: boolean;
  /** seq + length (+1 for SYN and FIN). */
  readonly end: number;
  /** Its acknowledgment number, when the ACK flag is set. */
  readonly ack?: number;
  readonly syn: boolean;
  /** True for a reset: whatever its peer was seen sending after it had crossed it. */
  readonly rst: boolean;
  /** The segment its line writes, for the engine to be told as the line is written. */
  readonly wire?: WireSegment;
  /**
   * Set for bytes assumed from an ack alone (CaptureGaps): they wait until their sender's next
   * packet says whether it sent them ('seen') or not ('refuted': never written).
   */
  readonly claim?: Claim;
  /**
   * Set on the segment whose ack made a claim: if the claim is refuted, its ack is past its
   * receiver's SND.NXT, and the receiver drops it with an ACK (RFC 9293 §3.10.7.4): nothing
   * will acknowledge it, and it needs nothing delivered before it.
   */
  readonly ackClaim?: Claim;
  /**
   * True for captured data that can be written as lost after the capture point (a `-x` line,
   * which nothing acknowledges) when it is resent: see `DeliveryOrder.resent`.
   */
  readonly losable?: boolean;
  /** Its frame, for the lines that name it (0 for a segment the capture missed). */
  readonly frame?: number;
  /**
   * Set once an ack of the peer shows it arrived, past a hole, before that ack was sent: it
   * waits for no ack (see `coversBehind`).
   */
  readonly arrived?: boolean;
}

/** Why a segment is written as lost after the capture point. */
export type LostBecause =
  | { readonly resentIn: number } // its data was sent again before any ack covered it
  | { readonly ackIn: number }; // the peer's ack in that frame stops at its seq

/** Whether assumed bytes were sent: open until their sender's next packet tells. */
export interface Claim {
  state: 'open' | 'seen' | 'refuted';
}

interface Entry extends QueuedSegment {
  /** Position in the capture, to keep capture order where nothing else decides. */
  readonly order: number;
}

/** How deep `coversBehind` looks into the other side's queue. */
const LOOK_BEHIND = 16;

/** Past this many waiting segments the oldest are written as they came. */
const MAX_QUEUED = 4096;

/**
 * Orders one connection's segments so that the engine, which delivers each `->` line before
 * the next is sent, sees what the two hosts saw. A capture is taken at one place, so a segment
 * can appear before the peer's segment that was already on its way: the peer's ack does not
 * cover it. Each segment must come after the peer's data its ack covers and before the peer's
 * data it does not; within a direction the capture order stays. Most of the time that is a
 * reordering of pure ACKs and data (a bulk transfer seen at the sender); when data crossed data
 * (both FINs of a simultaneous close, a request crossing a greeting) neither can go first, and
 * they are written as a `simultaneous { }` block: both sent, then both delivered.
 *
 * Data waits until an ack covers it (or the capture ends), so the queue holds the data in
 * flight: it is bounded by the windows, and by MAX_QUEUED.
 */
export class DeliveryOrder {
  private readonly queues: [Entry[], Entry[]] = [[], []];
  /**
   * Per direction: the end of the furthest segment queued since its queue was last empty, and
   * whether a segment ending before it (a resend) was queued since: only then can an ack cover
   * a segment behind the head (`coversBehind`), so that the common case scans nothing.
   */
  private readonly furthest: [number, number] = [0, 0];
  private readonly resends: [boolean, boolean] = [false, false];
  /** True once a claim was refuted: heads are then checked for refuted claims. */
  private refuted = false;
  /** Per direction: the highest ack the other side sent, which settles where data goes. */
  private readonly covered: [number | undefined, number | undefined] = [undefined, undefined];
  private order = 0;
  private finished = false;
  /** Per direction: it sent a reset, so nothing of the other side's waits for its ack. */
  private readonly reset: [boolean, boolean] = [false, false];
  /**
   * A reset waits at the head of its queue until its own connection moves on (the same side
   * sends something else, or the connection's last packet or the capture's end): the other
   * side's segments captured after it were sent before it arrived, and are written with it as
   * they crossed. Other connections' packets in between do not release it: in a busy capture
   * they would, and a crossing segment captured after them would be written after the reset,
   * from an endpoint already CLOSED (HS201).
   */
  private held = false;

  /**
   * @param write writes one segment's lines (`inBlock` when inside `simultaneous { }`).
   * @param block called as a `simultaneous { }` block opens (true) and closes (false).
   * @param drops asked of a reset or SYN that would be written next in its direction: one its
   *   receiver drops neither ends the connection nor waits to be acknowledged.
   * @param lose gives a losable segment as lost after the capture point, resent in a frame.
   */
  constructor(
    private readonly write: (segment: QueuedSegment, inBlock: boolean) => void,
    private readonly block: (open: boolean) => void,
    private readonly drops?: DropsAsSent,
    private readonly lose?: (segment: QueuedSegment, because: LostBecause) => QueuedSegment,
  ) {}

  push(queued: QueuedSegment): void {
    const segment = this.asSent(queued);
    if (this.held && !segment.rst && this.reset[segment.direction]) this.held = false;
    if (segment.rst) {
      this.reset[segment.direction] = true;
      this.held = true;
    }
    const queue = this.queues[segment.direction];
    if (queue.length === 0) {
      this.furthest[segment.direction] = segment.end;
      this.resends[segment.direction] = false;
    } else if (serialAfter(this.furthest[segment.direction], segment.end)) {
      this.resends[segment.direction] = true;
    } else {
      this.furthest[segment.direction] = segment.end;
    }
    queue.push(entryOf(segment, this.order++));
    if (segment.ack !== undefined) {
      const other = segment.direction === 0 ? 1 : 0;
      const before = this.covered[other];
      if (before === undefined || serialAfter(segment.ack, before))
        this.covered[other] = segment.ack;
    }
    this.drain();
    while (this.queues[0].length + this.queues[1].length > MAX_QUEUED) this.writeOldest();
  }

  /**
   * A reset or SYN whose receiver drops it (the engine says so, from what was written before
   * it): nothing answers it but a challenge ACK (RFC 5961 §3.2, §4.2), so the other side's
   * segments captured after it are not crossing a reset, and no ack will cover it. Asked only
   * when its own direction has nothing waiting, so that everything its sender sent before it
   * has been written and the engine's answer is the one it will give.
   */
  private asSent(segment: QueuedSegment): QueuedSegment {
    const wire = segment.wire;
    if (
      !wire ||
      !(segment.rst || segment.syn) ||
      this.queues[segment.direction].length > 0 ||
      !this.drops?.(wire)
    )
      return segment;
    return { ...segment, rst: false, syn: false, consumes: false };
  }

  /**
   * Cuts the waiting segment of `direction` that `at` falls inside, when it can be cut, so
   * that an ack of its first part can be written between the two parts.
   */
  cut(direction: 0 | 1, at: number): void {
    const queue = this.queues[direction];
    const i = queue.findIndex((e) => serialAfter(at, e.end - e.space) && serialAfter(e.end, at));
    const entry = queue[i];
    const parts = entry?.cut?.(at);
    if (!entry || !parts) return;
    queue.splice(i, 1, entryOf(parts[0], entry.order), entryOf(parts[1], entry.order));
  }

  /**
   * A segment of `direction` resends data from `seq` (Wireshark: a retransmission): the
   * waiting segment that sent it first, still not acknowledged, never reached its receiver (or
   * its receiver dropped it, which the capture cannot tell apart): it is written as lost in
   * its place, and nothing waits for an ack of it. RFC 9293 §3.8.1: a sender resends what was
   * not acknowledged in time.
   */
  resent(direction: 0 | 1, seq: number, frame: number): void {
    const queue = this.queues[direction];
    const i = queue.findIndex((e) => e.consumes && ((e.end - e.space) | 0) === (seq | 0));
    const entry = queue[i];
    if (!entry?.losable || !this.lose) return;
    // Part of it acknowledged: it did arrive (a segment resent whole after a partial ack).
    const covered = this.covered[direction];
    if (covered !== undefined && serialAfter(covered, seq)) return;
    queue[i] = entryOf(this.lose(entry, { resentIn: frame }), entry.order);
    this.drain();
  }

  /** A claim was refuted (see Claim): its segment will not be written. */
  claimRefuted(): void {
    this.refuted = true;
    this.drain();
  }

  /** Drops refuted claims from the heads of the queues. */
  private dropRefuted(): void {
    for (const queue of this.queues) while (queue[0]?.claim?.state === 'refuted') queue.shift();
  }

  /** True when nothing waits to be written. */
  idle(): boolean {
    return this.queues[0].length === 0 && this.queues[1].length === 0;
  }

  /** Writes everything still waiting, at the end of the capture. */
  end(): void {
    this.finished = true;
    this.drain();
  }

  private drain(): void {
    for (;;) {
      // Bytes assumed from an ack that their sender's own numbers refuted are not written.
      if (this.refuted) this.dropRefuted();
      const a = this.queues[0][0];
      const b = this.queues[1][0];
      if (!a && !b) return;
      if (!a || !b) {
        const only = (a ?? b) as Entry;
        if (!this.settled(only)) return;
        this.take(only);
        continue;
      }
      const aFirst = mustPrecede(a, b);
      const bFirst = mustPrecede(b, a);
      if (aFirst && bFirst) {
        // Data crossed data: a block, once both are settled (so that the block is complete).
        if (!this.settled(a) || !this.settled(b)) return;
        this.writeBlock();
        continue;
      }
      const first = aFirst ? a : bFirst ? b : a.order < b.order ? a : b;
      const second = first === a ? b : a;
      if (this.settled(first) && !this.coversBehind(first)) {
        this.take(first);
      } else if (
        !mustPrecede(first, second) &&
        this.settled(second) &&
        !this.coversBehind(second)
      ) {
        this.take(second);
      } else {
        return;
      }
    }
  }

  /**
   * True when `e` acknowledges a segment waiting behind the head of the other side's queue (a
   * retransmission behind an original still unacknowledged): `e` waits until that is written.
   * Not a pure test: it settles the segments in front (below), so asking again is harmless.
   * The segments before it were sent before it, so by the time `e` was sent they had arrived
   * (held past a hole) or never would: the one at `e`'s ack is that hole, and is marked lost
   * (after the capture point, or dropped by its receiver); the others are marked arrived. Then
   * nothing waits for an ack that is not coming: in a recovery with several holes each partial
   * ack stops at the next one (RFC 6582, RFC 6675). Looks a few entries deep: a resend follows
   * what it resends within a window.
   */
  private coversBehind(e: Entry): boolean {
    const side = e.direction === 0 ? 1 : 0;
    if (this.finished || e.ack === undefined || !this.resends[side]) return false;
    const other = this.queues[side];
    const head = other[0];
    if (!head || covers(e, head)) return false;
    const depth = Math.min(other.length, LOOK_BEHIND);
    let behind = 0;
    for (let i = 1; i < depth && behind === 0; i++) if (covers(e, other[i] as Entry)) behind = i;
    if (behind === 0) return false;
    const lose = this.lose;
    for (let j = 0; j < behind; j++) {
      const x = other[j] as Entry;
      if (covers(e, x) || x.arrived || !consumes(x)) continue;
      const hole = ((x.end - x.space) | 0) === (e.ack | 0) && x.losable;
      other[j] =
        hole && lose
          ? entryOf(lose(x, { ackIn: e.frame ?? 0 }), x.order)
          : entryOf({ ...x, arrived: true }, x.order);
    }
    return true;
  }

  /** Pure ACKs are always placed; data once an ack covers it (or the capture has ended). */
  private settled(e: Entry): boolean {
    if (this.finished || e.arrived) return true;
    if (e.claim?.state === 'open') return false;
    if (e.rst) return !this.held;
    // After the peer's reset nothing will acknowledge it (RFC 9293 §3.10.7.4: a reset aborts).
    if (!consumes(e) || this.reset[e.direction === 0 ? 1 : 0]) return true;
    const covered = this.covered[e.direction];
    return covered !== undefined && !serialAfter(e.end, covered);
  }

  private take(e: Entry): void {
    this.queues[e.direction].shift();
    this.emit(e, false);
  }

  /** Writes `e`, unless it is assumed bytes refuted since (see Claim). */
  private emit(e: Entry, inBlock: boolean): void {
    if (e.claim?.state !== 'refuted') this.write(e, inBlock);
  }

  /** The crossing heads, and every later segment that still crossed the other side's. */
  private writeBlock(): void {
    const block: Entry[] = [this.queues[0].shift() as Entry, this.queues[1].shift() as Entry];
    const open: [boolean, boolean] = [true, true];
    for (;;) {
      const candidates = [0, 1]
        .filter((d) => open[d] && this.queues[d as 0 | 1].length > 0)
        .map((d) => this.queues[d as 0 | 1][0] as Entry)
        .sort((x, y) => x.order - y.order);
      const next = candidates[0];
      if (!next) break;
      // The other side's first segment left out of the block is written after it: what must
      // be delivered before `next` is sent keeps `next` out too.
      const waiting = open[1 - next.direction] ? undefined : this.queues[1 - next.direction]?.[0];
      if (
        block.some((e) => e.direction !== next.direction && covers(next, e)) ||
        // A reset sent after one in the block answers a segment of the block: after it.
        (next.rst && block.some((e) => e.rst && e.direction === next.direction)) ||
        (waiting !== undefined && mustPrecede(waiting, next) && !crossedReset(next, waiting))
      ) {
        open[next.direction] = false;
        continue;
      }
      block.push(this.queues[next.direction].shift() as Entry);
    }
    block.sort((x, y) => x.order - y.order);
    this.block(true);
    for (const e of block) this.emit(e, true);
    this.block(false);
  }

  private writeOldest(): void {
    const a = this.queues[0][0];
    const b = this.queues[1][0];
    const oldest = !a ? b : !b ? a : a.order < b.order ? a : b;
    if (oldest) this.take(oldest);
  }
}

/**
 * `segment` as a queue entry, with every field present (undefined where it has none): entries
 * of one shape keep the hot reads of `drain` monomorphic, where spread copies of segments with
 * different optional fields made them slow.
 */
function entryOf(s: QueuedSegment, order: number): Entry {
  return {
    direction: s.direction,
    space: s.space,
    lines: s.lines,
    tls: s.tls,
    tlsFirst: s.tlsFirst,
    render: s.render,
    cut: s.cut,
    consumes: s.consumes,
    end: s.end,
    ack: s.ack,
    syn: s.syn,
    rst: s.rst,
    wire: s.wire,
    claim: s.claim,
    ackClaim: s.ackClaim,
    losable: s.losable,
    frame: s.frame,
    arrived: s.arrived,
    order,
  };
}

/** True when `y`'s ack shows its sender had received `x` (data, SYN or FIN). */
function covers(y: QueuedSegment, x: QueuedSegment): boolean {
  return consumes(x) && y.ack !== undefined && !serialAfter(x.end, y.ack);
}

/**
 * True when `x` must be delivered before `y` (from the other side) is sent: `y` acknowledges
 * `x`, or `y` is data that `x`'s sender had not received when it sent `x` (which only an ack
 * can show: a bare reset acknowledges nothing, see silentReset).
 */
function mustPrecede(x: Entry, y: Entry): boolean {
  return (
    covers(y, x) ||
    (consumes(y) && !y.arrived && !covers(x, y) && !answeredBy(y, x)) ||
    crossedReset(x, y)
  );
}

/**
 * True when `x`, from the other side, crossed `y`, a reset: `x` was captured after it (the
 * reset's receiver sends nothing more once it has it), or `x` occupies sequence space that the
 * reset's ack does not cover (the reset's sender had not received it).
 */
function crossedReset(x: Entry, y: Entry): boolean {
  if (!y.rst || x.direction === y.direction) return false;
  return x.order > y.order || (consumes(x) && !answeredBy(x, y) && !covers(y, x));
}

/**
 * True when `y` is a reset without ACK captured after `x`, from the other side: it answers `x`.
 * A bare reset is the answer RFC 9293 §3.10.7.1 gives a segment that carried an ACK
 * (`<SEQ=SEG.ACK><CTL=RST>`), as a host sends it for data that arrives after its application
 * closed (§3.10.7.4, RFC 1122 §4.2.2.13: the server closes, the client's "bye" gets a reset).
 * Having no ack, it says nothing of what its sender had received, so only the capture order
 * tells: what was captured before it came first and is what it answers; what was captured
 * after it crossed it.
 */
function answeredBy(x: Entry, y: Entry): boolean {
  return y.rst && y.ack === undefined && x.direction !== y.direction && x.order < y.order;
}

/** True when `x` occupies sequence space its receiver will take (see ackClaim). */
function consumes(x: QueuedSegment): boolean {
  return x.consumes && x.ackClaim?.state !== 'refuted';
}

function serialAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
