import type { Cause } from './reason';
import { atOrBefore, before, type SeqValue, type SymbolValues } from './seqValue';

/** A segment that arrived ahead of RCV.NXT and waits for the gap to fill. */
export interface QueuedSegment {
  readonly seq: SeqValue;
  readonly length: number;
  readonly fin: boolean;
  readonly cause: Cause;
}

/** A held segment and when it was held: among those that continue the stream, the oldest goes first. */
interface Held {
  readonly segment: QueuedSegment;
  readonly order: number;
}

/**
 * The segments a receiver holds ahead of RCV.NXT until the gap before them fills (RFC 9293
 * §3.10.7.4, "seventh, process the segment text"), sorted by seq (those with the same seq in the
 * order they arrived).
 *
 * Immutable to its holders, like SentLog and for the same reason: the engine copies TCBs
 * shallowly to try a reading (reading.ts, EngineSession.attempt), and the copies share their
 * queues. A queue is a window [start, end) of a buffer: holding a segment past the last one, as
 * a stream that lost one segment does for every segment after it, writes in place when this is
 * the newest queue of its buffer (no other queue looks past its own end); segments taken when the
 * gap fills leave from the front. A capture whose hole is never filled held n segments in O(n),
 * where copying the list per segment cost O(n²). Only a segment held below another held one
 * (reordering among the held segments themselves) copies the queue.
 *
 * Every held segment starts after RCV.NXT, by less than a window (at most 2^30, RFC 7323 §2.3),
 * since those beyond it are not held and those reached are taken: so serial-number order is one
 * order over the whole queue, and those that RCV.NXT has reached are a prefix of it.
 */
export class ReceiveQueue {
  static readonly EMPTY = new ReceiveQueue([], 0, 0, 0);

  private constructor(
    private readonly buffer: Held[],
    private readonly start: number,
    private readonly end: number,
    /** The order of the next segment held. */
    private readonly next: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  /** The queue with `segment` held, after those whose seq is at or before its own. */
  hold(segment: QueuedSegment, symbols: SymbolValues): ReceiveQueue {
    const held: Held = { segment, order: this.next };
    const last = this.end > this.start ? this.buffer[this.end - 1] : undefined;
    // Most segments are held past the last one (a stream after a loss): no search for them.
    let low = last && !before(segment.seq, last.segment.seq, symbols) ? this.end : this.start;
    let high = this.end;
    while (low < high) {
      const middle = (low + high) >> 1;
      const seq = (this.buffer[middle] as Held).segment.seq;
      if (before(segment.seq, seq, symbols)) high = middle;
      else low = middle + 1;
    }
    // EMPTY's buffer is shared by every new TCB: never written to.
    if (low === this.end && this.end > 0 && this.end === this.buffer.length) {
      this.buffer.push(held);
      return new ReceiveQueue(this.buffer, this.start, this.end + 1, this.next + 1);
    }
    const buffer = this.buffer.slice(this.start, low);
    buffer.push(held);
    for (let i = low; i < this.end; i++) buffer.push(this.buffer[i] as Held);
    return new ReceiveQueue(buffer, 0, buffer.length, this.next + 1);
  }

  /**
   * Takes the held segments that `rcvNxt()` has reached, passing each to `take` (which moves
   * RCV.NXT on), until none is left that it reaches: at each turn the one held first among those
   * reached. The queue without them.
   */
  drain(
    rcvNxt: () => SeqValue | undefined,
    symbols: SymbolValues,
    take: (segment: QueuedSegment) => void,
  ): ReceiveQueue {
    const reached = new OrderHeap();
    let start = this.start;
    for (;;) {
      const next = rcvNxt();
      while (start < this.end && next) {
        const held = this.buffer[start] as Held;
        if (!atOrBefore(held.segment.seq, next, symbols)) break;
        reached.push(held);
        start++;
      }
      const first = reached.pop();
      if (!first) break;
      take(first.segment);
    }
    return start === this.start ? this : new ReceiveQueue(this.buffer, start, this.end, this.next);
  }
}

/** A binary min-heap of held segments by the order they were held in. */
class OrderHeap {
  private readonly items: Held[] = [];

  push(held: Held): void {
    const items = this.items;
    let i = items.length;
    items.push(held);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as Held).order <= held.order) break;
      items[i] = items[parent] as Held;
      i = parent;
    }
    items[i] = held;
  }

  pop(): Held | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && (items[right] as Held).order < (items[left] as Held).order
          ? right
          : left;
      if ((items[child] as Held).order >= last.order) break;
      items[i] = items[child] as Held;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
