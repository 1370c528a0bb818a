import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { verdict, verdictTarget } from '../../../src/core/service/verdict';

const example = (name: string) => readFileSync(`examples/${name}.handshake`, 'utf8');

const OPEN = 'endpoint client\nendpoint server\nserver listen\n';
const SYN = 'client -> server SYN seq=x\n';
const SYN_ACK = 'server -> client SYN ACK seq=y ack=x+1\n';
const WRONG_SYN_ACK = 'server -> client SYN ACK seq=y ack=x\n';
const FINAL_ACK = 'client -> server ACK seq=x+1 ack=y+1\n';
const WRONG_FINAL_ACK = 'client -> server ACK seq=x+1 ack=y+7\n';
const FIN = 'client -> server FIN ACK seq=x+1 ack=y+1\n';
const WRONG_FIN = 'client -> server FIN ACK seq=x+5 ack=y+1\n';

const CASES: readonly { name: string; text: string; verdict: string }[] = [
  {
    name: 'a complete handshake is ✓',
    text: OPEN + SYN + SYN_ACK + FINAL_ACK,
    verdict: '3-way handshake ✓ · no problems',
  },
  {
    name: 'a handshake with an error on its SYN ACK is ✗, not ✓',
    text: OPEN + SYN + WRONG_SYN_ACK + FINAL_ACK,
    verdict: '3-way handshake ✗ (1 problem) · 1 problem',
  },
  {
    name: 'a handshake with an error on its final ACK is ✗',
    text: OPEN + SYN + SYN_ACK + WRONG_FINAL_ACK,
    verdict: '3-way handshake ✗ (1 problem) · 1 problem',
  },
  {
    name: 'the client ESTABLISHED by the SYN ACK does not complete the handshake',
    text: OPEN + SYN + SYN_ACK,
    verdict: '3-way handshake: waiting for the final ACK · no problems',
  },
  {
    name: 'after the SYN alone the SYN ACK is awaited',
    text: OPEN + SYN,
    verdict: '3-way handshake: waiting for the SYN ACK · no problems',
  },
  {
    name: 'an unfinished close says so',
    text: OPEN + SYN + SYN_ACK + FINAL_ACK + FIN,
    verdict: '3-way handshake ✓ · close incomplete · no problems',
  },
  {
    name: 'an error on a FIN makes the close ✗ and leaves the handshake ✓',
    text: OPEN + SYN + SYN_ACK + FINAL_ACK + WRONG_FIN,
    verdict: '3-way handshake ✓ · close ✗ (1 problem) · 1 problem',
  },
  {
    name: 'tcpdump-handshake example',
    text: example('tcpdump-handshake'),
    verdict: '3-way handshake ✓ · no problems',
  },
  {
    name: 'four-way-close example',
    text: example('four-way-close'),
    verdict: '3-way handshake ✓ · close ✓ · no problems',
  },
  {
    name: 'connection-refused example',
    text: example('connection-refused'),
    verdict: 'handshake incomplete · reset · no problems',
  },
  {
    name: 'lost-segment example',
    text: example('lost-segment'),
    verdict: '3-way handshake ✓ · 1 lost · no problems',
  },
  {
    name: 'mistakes example: both phases carry errors',
    text: example('mistakes'),
    verdict: '3-way handshake ✗ (1 problem) · close ✗ (4 problems) · 8 problems',
  },
];

for (const c of CASES) {
  test(`verdict: ${c.name}`, () => {
    assert.equal(verdict(analyze(c.text)), c.verdict);
  });
}

test('verdict: in 简体中文', () => {
  assert.equal(
    verdict(analyze(OPEN + SYN + WRONG_SYN_ACK + FINAL_ACK, { locale: 'zh-cn' })),
    '三次握手 ✗（1 个问题） · 1 个问题',
  );
  assert.equal(
    verdict(analyze(OPEN + SYN + SYN_ACK, { locale: 'zh-cn' })),
    '三次握手：等待最后的 ACK · 没有问题',
  );
});

test('a click on the verdict opens the first problem in the text, or the preview without any', () => {
  assert.deepEqual(verdictTarget(analyze(OPEN + SYN + SYN_ACK + FINAL_ACK)), { kind: 'preview' });
  const text = OPEN + SYN + WRONG_SYN_ACK + WRONG_FINAL_ACK;
  const target = verdictTarget(analyze(text));
  assert.equal(target.kind, 'problem');
  if (target.kind !== 'problem') return;
  // The wrong ack of the SYN ACK comes before the wrong ack of the final ACK.
  assert.equal(text.slice(target.span.start, target.span.end), 'x');
  assert.ok(target.span.start > text.indexOf('SYN ACK'));
  assert.ok(target.span.start < text.indexOf('client -> server ACK'));
});

test('information alone is no problem: the verdict still opens the preview', () => {
  const analysis = analyze(example('lost-segment'));
  assert.ok(analysis.diagnostics.length > 0);
  assert.ok(analysis.diagnostics.every((d) => d.severity === 'info'));
  assert.deepEqual(verdictTarget(analysis), { kind: 'preview' });
});

test('a problem after a segment on its line counts against the segment’s phase, as the table shows it', () => {
  // `ack=` with no value: the parse error lies after the segment's span, on its line.
  const text = OPEN + SYN + SYN_ACK + 'client -> server ACK seq=x+1 ack=y+1 ack=\n';
  const analysis = analyze(text);
  assert.ok(analysis.diagnostics.length > 0);
  assert.match(verdict(analysis), /^3-way handshake ✗ \(\d+ problems?\) · \d+ problems?$/);
});
