/**
 * Segments arrive as sent (RFC 9293 §3.10.7, RFC 5961): a wrong segment is reported once, at
 * its line, and then reaches its receiver either as its writer meant it (a typo, the lines
 * after it go on as if the expected value had been written) or exactly as written (the lines
 * after it show the receiver's reaction by the RFC). Each rule has both readings where both
 * apply.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/check/analyze';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { codesAt, lines, OPEN } from '../../helpers';

interface Case {
  readonly name: string;
  readonly text: string;
  /** Errors and warnings, CODE@LINE:COL. */
  readonly codes: readonly string[];
  /** The 1-based line of the wrong segment, and how it reached its receiver. */
  readonly line: number;
  readonly reading: 'intended' | 'asSent';
  /** Its outcome at the receiver. */
  readonly outcome?: SegmentStep['outcome'];
}

/** A before the SYN ACK: a sent SYN seq=100 to b, which listens. */
const SYN_SENT = ['endpoint a', 'endpoint b', 'b listen', 'a -> b SYN seq=100'];

const CASES: readonly Case[] = [
  {
    name: 'SYN_SENT answers a SYN ACK with an unacceptable ack by RST seq=SEG.ACK and stays (§3.10.7.3)',
    text: lines(
      ...SYN_SENT,
      'b -> a SYN ACK seq=300 ack=100',
      'a -> b RST seq=100',
      'expect a SYN_SENT',
      'b -> a SYN ACK seq=300 ack=101', // b retransmits its SYN ACK, now right
      'a -> b ACK seq=101 ack=301',
      'expect a ESTABLISHED',
      'expect b ESTABLISHED',
    ),
    codes: ['HS101@5:28'],
    line: 5,
    reading: 'asSent',
    outcome: 'refused',
  },
  {
    name: 'a SYN ACK whose ack forgot the +1, then a normal ACK: a typo (§3.10.7.3)',
    text: lines(
      ...SYN_SENT,
      'b -> a SYN ACK seq=300 ack=100',
      'a -> b ACK seq=101 ack=301',
      'expect a ESTABLISHED',
    ),
    codes: ['HS101@5:28'],
    line: 5,
    reading: 'intended',
    outcome: 'delivered',
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const analysis = analyze(c.text);
    assert.deepEqual(codesAt(analysis, ['error', 'warning']), c.codes);
    const step = analysis.trace.steps.find(
      (s): s is SegmentStep => s.kind === 'segment' && analysis.lines.lineOf(s.span) === c.line - 1,
    );
    assert.ok(step, `a segment at line ${c.line}`);
    assert.equal(step.reading, c.reading);
    if (c.outcome) assert.equal(step.outcome, c.outcome);
  });
}

test('a wrong segment with nothing after it is read as the writer meant it', () => {
  const analysis = analyze(lines(...SYN_SENT, 'b -> a SYN ACK seq=300 ack=100'));
  const step = analysis.trace.steps.at(-1);
  assert.ok(step?.kind === 'segment');
  assert.equal(step.reading, 'intended');
  assert.equal(step.receiver.after.state, 'ESTABLISHED');
});

test('a right segment has no reading', () => {
  const step = analyze(lines(...OPEN)).trace.steps.at(-1);
  assert.ok(step?.kind === 'segment');
  assert.equal(step.reading, undefined);
});

test('read as sent, the trace keeps the written values and what was expected', () => {
  const analysis = analyze(CASES[0]?.text ?? '');
  const step = analysis.trace.steps.find(
    (s) => s.kind === 'segment' && s.flags.includes('SYN') && s.from === 'b',
  );
  assert.ok(step?.kind === 'segment');
  assert.deepEqual(step.ack, { offset: 100 });
  assert.deepEqual(step.expected.ack, { offset: 101 });
  assert.deepEqual(step.corrected, { seq: false, ack: true });
  assert.equal(step.receiver.after.state, 'SYN_SENT');
});
