import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { phaseOf } from '../../../src/core/tcp/phase';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { lines, OPEN } from '../../helpers';

/** `FLAGS outcome: phase` for each segment. */
function phases(text: string): string[] {
  return analyze(text)
    .trace.steps.filter((s): s is SegmentStep => s.kind === 'segment')
    .map((s) => `${s.flags.join(' ')} ${s.outcome}: ${phaseOf(s)}`);
}

const SPOOFED = [
  'endpoint client 10.0.0.1:50000',
  'endpoint server 10.0.0.2:80',
  'attacker mallory 10.0.0.1:50000',
  ...OPEN.slice(2),
];

test('a reset that resets its receiver heads a Reset phase', () => {
  const text = lines(...OPEN, 'client -> server RST seq=x+1');
  assert.equal(phases(text).at(-1), 'RST reset: reset');
});

test('a forged reset the receiver challenges is no Reset: it stays in the data phase with its challenge ACK (RFC 5961 §3.2)', () => {
  const text = lines(
    ...SPOOFED,
    'mallory -> server RST seq=x+100',
    'server -> client ACK seq=y+1 ack=x+1',
  );
  assert.deepEqual(phases(text).slice(-2), ['RST challenged: data', 'ACK delivered: data']);
});

test('a reset the receiver drops is no Reset: during the handshake it belongs to the handshake (§3.10.7.3)', () => {
  const text = lines(
    'endpoint a',
    'endpoint b',
    'a -> b SYN seq=100',
    'b -> a RST ACK seq=0 ack=100', // does not acknowledge the SYN: a drops it
    'expect a SYN_SENT',
    'a -> b SYN seq=100',
  );
  assert.equal(phases(text)[1], 'ACK RST ignored: handshake');
});

test('an abort that is lost still resets its sender', () => {
  const text = lines(...OPEN, 'client -x server RST seq=x+1');
  assert.equal(phases(text).at(-1), 'RST lost: reset');
});

test('a forged reset that is lost resets nothing', () => {
  const text = lines(...SPOOFED, 'mallory -x server RST seq=x+1');
  assert.equal(phases(text).at(-1), 'RST lost: data');
});
