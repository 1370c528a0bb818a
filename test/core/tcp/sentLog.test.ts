import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cause } from '../../../src/core/tcp/reason';
import { SentLog } from '../../../src/core/tcp/sentLog';
import { seqValue, type SymbolValues } from '../../../src/core/tcp/seqValue';

const NONE: SymbolValues = new Map();

/** A data segment of `length` bytes at `seq`, counted from the symbol `x` when given. */
function sent(seq: number, length: number, symbol?: string): Cause {
  return {
    span: { start: seq, end: seq + length },
    from: 'server',
    seq: seqValue(seq, symbol),
    syn: false,
    fin: false,
    length,
    traceRef: -1,
  };
}

/** The log of `n` segments of 100 bytes from 1000. */
function stream(n: number, symbol?: string): SentLog {
  let log = SentLog.EMPTY;
  for (let i = 0; i < n; i++) log = log.append(sent(1000 + i * 100, 100, symbol));
  return log;
}

test('the first overlapping segment is found, and nothing outside what was sent', () => {
  const log = stream(10);
  assert.equal(log.size, 10);
  assert.equal(log.firstOverlapping(seqValue(1250), seqValue(1260), NONE)?.seq.offset, 1200);
  assert.equal(log.firstOverlapping(seqValue(1150), seqValue(1450), NONE)?.seq.offset, 1100);
  assert.equal(log.firstOverlapping(seqValue(2000), seqValue(2100), NONE), undefined);
  assert.equal(log.firstOverlapping(seqValue(900), seqValue(1000), NONE), undefined);
});

test('acknowledged segments leave from the front; the same log when nothing is acknowledged', () => {
  const log = stream(10);
  assert.equal(log.acknowledge(seqValue(1000), NONE), log);
  const acked = log.acknowledge(seqValue(1350), NONE);
  assert.equal(acked.size, 7);
  assert.equal(acked.firstOverlapping(seqValue(1000), seqValue(1400), NONE)?.seq.offset, 1300);
  assert.equal(log.acknowledge(seqValue(2000), NONE).size, 0);
});

test('copies share a log safely: two readings that append diverge, neither sees the other', () => {
  const base = stream(3); // 1000..1300
  const a = base.append(sent(1300, 50));
  const b = base.append(sent(1300, 70));
  assert.equal(a.firstOverlapping(seqValue(1340), seqValue(1341), NONE)?.length, 50);
  assert.equal(b.firstOverlapping(seqValue(1340), seqValue(1341), NONE)?.length, 70);
  assert.equal(base.size, 3);
  assert.equal(base.firstOverlapping(seqValue(1300), seqValue(1400), NONE), undefined);
  // A new TCB's empty log is shared by every TCB: appending to it never changes it.
  assert.equal(SentLog.EMPTY.append(sent(1, 1)).size, 1);
  assert.equal(SentLog.EMPTY.size, 0);
});

test('a resend read as written replaces the newest segment, even when it starts lower', () => {
  const log = stream(3).replaceLast(sent(1100, 250)); // 1000..1100, 1100..1200, then 1100..1350
  assert.equal(log.size, 3);
  assert.equal(log.firstOverlapping(seqValue(1300), seqValue(1310), NONE)?.length, 250);
  assert.equal(log.acknowledge(seqValue(1200), NONE).size, 1);
});

test('work grows linearly: comparisons at n and 10n segments sent, acknowledged, resent', () => {
  let reads = 0;
  const symbols = new Proxy(new Map([['x', 0]]), {
    get(target, key) {
      if (key === 'get') reads++;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  }) as SymbolValues;
  const run = (n: number): number => {
    reads = 0;
    let log = SentLog.EMPTY;
    for (let i = 0; i < n; i++) {
      log = log.append(sent(i * 100, 100, 'x'));
      // A retransmission of the segment before, then an ACK of half of what was sent.
      log.firstOverlapping(seqValue((i - 1) * 100, 'x'), seqValue(i * 100, 'x'), symbols);
      if (i % 2 === 1) log = log.acknowledge(seqValue((i >> 1) * 100, 'x'), symbols);
    }
    return reads;
  };
  const small = run(1000);
  const large = run(10_000);
  // Halving the window costs log n comparisons per lookup: 10n costs a little over 10×.
  assert.ok(large <= small * 14, `${small} → ${large} comparisons for 10× the segments`);
});
