import type { Cause } from './reason';
import { before, plus, type SeqValue, type SymbolValues } from './seqValue';

/** Where a sent segment's sequence space ends: seq + data (+1 for a FIN). */
function endOf(cause: Cause): SeqValue {
  return plus(cause.seq, cause.length + (cause.fin ? 1 : 0));
}

/**
 * The data one side has sent and its peer has not acknowledged, oldest first: the send
 * sequence space between SND.UNA and SND.NXT (RFC 9293 §3.3.1), kept to tell a retransmission
 * from new data and to name the segment it sends again. Entries end in increasing order, since
 * one is added only when SND.NXT moves forward.
 *
 * Immutable to its holders, because the engine copies TCBs to try a reading (reading.ts) and the
 * copies share their logs. A log is a window [start, end) of a buffer that only grows: appending
 * to the newest log of a buffer writes in place (no other log looks past its own end), appending
 * to an older one copies its window first. A stream of n segments costs O(n), where copying the
 * list for each segment cost O(n²) (a one-direction capture, never acknowledged, of 100k
 * segments took a minute). Acknowledged entries leave from the front; the buffer is compacted
 * when they outnumber the live ones, so memory follows what is unacknowledged.
 */
export class SentLog {
  static readonly EMPTY = new SentLog([], 0, 0);

  private constructor(
    private readonly buffer: Cause[],
    private readonly start: number,
    private readonly end: number,
  ) {}

  get size(): number {
    return this.end - this.start;
  }

  /** The log with `cause` sent after everything in it. */
  append(cause: Cause): SentLog {
    const live = this.end - this.start;
    // EMPTY's buffer is shared by every new TCB of every analysis: never written to.
    if (this.end > 0 && this.end === this.buffer.length && this.start <= live + 32) {
      this.buffer.push(cause);
      return new SentLog(this.buffer, this.start, this.end + 1);
    }
    const buffer = this.buffer.slice(this.start, this.end);
    buffer.push(cause);
    return new SentLog(buffer, 0, buffer.length);
  }

  /** The log with its newest entry replaced by `cause` (a resend read as written). */
  replaceLast(cause: Cause): SentLog {
    const buffer = this.buffer.slice(this.start, Math.max(this.start, this.end - 1));
    buffer.push(cause);
    return new SentLog(buffer, 0, buffer.length);
  }

  /** The log without the entries `ack` acknowledges (those that end at or before it). */
  acknowledge(ack: SeqValue, symbols: SymbolValues): SentLog {
    let start = this.start;
    while (start < this.end && !before(ack, endOf(this.buffer[start] as Cause), symbols)) start++;
    return start === this.start ? this : new SentLog(this.buffer, start, this.end);
  }

  /**
   * The first entry that shares sequence space with [from, to): the first that ends after
   * `from` (found by halving, as ends increase), if it starts before `to`; else a later one that
   * does (an entry replaced by a resend read as written may start lower than the one before it).
   */
  firstOverlapping(from: SeqValue, to: SeqValue, symbols: SymbolValues): Cause | undefined {
    let low = this.start;
    let high = this.end;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(from, endOf(this.buffer[middle] as Cause), symbols)) high = middle;
      else low = middle + 1;
    }
    for (let i = low; i < this.end; i++) {
      const cause = this.buffer[i] as Cause;
      if (before(cause.seq, to, symbols)) return cause;
    }
    return undefined;
  }
}
