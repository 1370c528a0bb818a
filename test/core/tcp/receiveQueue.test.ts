import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReceiveQueue, type QueuedSegment } from '../../../src/core/tcp/receiveQueue';
import {
  before,
  plus,
  seqValue,
  type SeqValue,
  type SymbolValues,
} from '../../../src/core/tcp/seqValue';

const NONE: SymbolValues = new Map();

/** `length` bytes at `seq`, counted from the symbol `x` when given. */
function held(seq: number, length: number, symbol?: string): QueuedSegment {
  return {
    seq: seqValue(seq, symbol),
    length,
    fin: false,
    cause: {
      span: { start: seq, end: seq + length },
      from: 'client',
      seq: seqValue(seq, symbol),
      syn: false,
      fin: false,
      length,
      traceRef: -1,
    },
  };
}

/**
 * Drains `queue` as the receiver does from RCV.NXT `from`: each segment taken moves RCV.NXT to
 * its end when that is further. The seqs taken, in order, the RCV.NXT reached and the queue left.
 */
function drain(queue: ReceiveQueue, from: SeqValue, symbols = NONE) {
  let rcvNxt = from;
  const taken: number[] = [];
  const left = queue.drain(
    () => rcvNxt,
    symbols,
    (segment) => {
      taken.push(segment.seq.offset);
      const end = plus(segment.seq, segment.length);
      if (before(rcvNxt, end, symbols)) rcvNxt = end;
    },
  );
  return { taken, rcvNxt: rcvNxt.offset, left };
}

test('segments wait until the gap before them fills, then go in order; the rest stay', () => {
  let queue = ReceiveQueue.EMPTY;
  for (const seq of [1300, 1100, 1200, 1500]) queue = queue.hold(held(seq, 100), NONE);
  assert.equal(queue.size, 4);
  const none = drain(queue, seqValue(1000));
  assert.deepEqual(none.taken, []);
  assert.equal(none.left, queue);
  const filled = drain(queue, seqValue(1100));
  assert.deepEqual(filled.taken, [1100, 1200, 1300]);
  assert.equal(filled.rcvNxt, 1400);
  assert.equal(filled.left.size, 1);
  assert.deepEqual(drain(filled.left, seqValue(1500)).taken, [1500]);
});

test('among the segments RCV.NXT reaches, the one held first goes first', () => {
  // 1015..1020 held before 1012..1020: once RCV.NXT is 1015 both are reached, and the older
  // one is taken (and moves RCV.NXT); the other then adds nothing.
  const queue = ReceiveQueue.EMPTY.hold(held(1015, 5), NONE).hold(held(1012, 8), NONE);
  assert.deepEqual(drain(queue, seqValue(1015)).taken, [1015, 1012]);
  // A segment reached only once an older-held one moved RCV.NXT waits for it.
  const chain = ReceiveQueue.EMPTY.hold(held(1020, 5), NONE).hold(held(1010, 10), NONE);
  assert.deepEqual(drain(chain, seqValue(1010)).taken, [1010, 1020]);
});

test('copies of a TCB share a queue safely: two that hold diverge, neither sees the other', () => {
  const base = ReceiveQueue.EMPTY.hold(held(1100, 100), NONE).hold(held(1200, 100), NONE);
  const a = base.hold(held(1300, 50), NONE);
  const b = base.hold(held(1300, 70), NONE);
  assert.equal(drain(a, seqValue(1100)).rcvNxt, 1350);
  assert.equal(drain(b, seqValue(1100)).rcvNxt, 1370);
  assert.equal(drain(base, seqValue(1100)).rcvNxt, 1300);
  const drained = drain(base, seqValue(1100)).left;
  assert.equal(drained.size, 0);
  assert.equal(base.size, 2); // draining made a new queue
  assert.equal(ReceiveQueue.EMPTY.size, 0);
});

test('work grows linearly: comparisons and copies at n and 10n segments held, then drained', () => {
  let reads = 0;
  const symbols = new Proxy(new Map([['x', 0]]), {
    get(target, key) {
      if (key === 'get') reads++;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  }) as SymbolValues;
  // Entries copied: the queue copies with `slice`; copying the list per segment was O(n²).
  let copied = 0;
  const slice = Array.prototype.slice;
  const counting = function (this: unknown[], ...args: [number?, number?]) {
    const copy = slice.apply(this, args);
    copied += copy.length;
    return copy;
  };
  const run = (n: number): number => {
    reads = 0;
    copied = 0;
    Array.prototype.slice = counting;
    try {
      // One segment lost at x; the n after it are held; then the resend fills the gap.
      let queue = ReceiveQueue.EMPTY;
      for (let i = 1; i <= n; i++) queue = queue.hold(held(i * 100, 100, 'x'), symbols);
      assert.equal(queue.size, n);
      const { taken, rcvNxt, left } = drain(queue, seqValue(100, 'x'), symbols); // the resend, x..x+100, arrived
      assert.equal(taken.length, n);
      assert.equal(rcvNxt, (n + 1) * 100);
      assert.equal(left.size, 0);
    } finally {
      Array.prototype.slice = slice;
    }
    return reads + copied;
  };
  const small = run(2_000);
  const large = run(20_000);
  assert.ok(large < small * 11, `${small} → ${large}`);
});
