import type { Locale } from '../../../src/core/text/locale';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { inlayHints } from '../../../src/core/service/inlayHints';
import { MISTAKE_TEMPLATE } from '../../../src/core/service/templates';

/** Each hint as "line:label". */
function hintsOf(text: string, locale: Locale = 'en'): string[] {
  return inlayHints(analyze(text, { locale })).map(
    (h) => `${text.slice(0, h.offset).split('\n').length}:${h.label}`,
  );
}

test('inlay hints: the number behind a symbol bound by let, and the states entered', () => {
  const text =
    'let x = 100\nendpoint a\nendpoint b\nb listen\na -> b SYN seq=x\nb -> a SYN ACK seq=7 ack=x+1\n';
  assert.deepEqual(hintsOf(text), [
    '5:= 100',
    '5:→ a SYN_SENT, b SYN_RECEIVED',
    '6:= 101',
    '6:→ a ESTABLISHED',
  ]);
});

test('inlay hints: no number for a purely symbolic value', () => {
  const hints = inlayHints(analyze(readFileSync('examples/four-way-close.handshake', 'utf8')));
  assert.ok(hints.every((h) => h.kind === 'state'));
  assert.ok(hints.length > 5);
});

/** A faulty segment's hint says what the engine did with it, never the state it was meant to reach. */
const FAULTY: readonly { name: string; line: number; hint: string }[] = [
  { name: 'a wrong ack read as a typo', line: 8, hint: '✗ read as corrected → client ESTABLISHED' },
  {
    name: 'a wrong segment that changes nothing',
    line: 11,
    hint: '✗ read as corrected: no state change',
  },
  {
    name: 'a segment the receiver challenges',
    line: 12,
    hint: '✗ server drops it and answers with an ACK',
  },
  {
    name: 'a wrong segment read as written',
    line: 13,
    hint: '✗ read as written → client FIN_WAIT_1, server CLOSE_WAIT',
  },
  { name: 'a malformed segment', line: 14, hint: '✗ not played' },
];

for (const c of FAULTY) {
  test(`inlay hints of a faulty segment: ${c.name}`, () => {
    const hints = hintsOf(readFileSync('examples/mistakes.handshake', 'utf8'));
    const onLine = hints.filter((h) => h.startsWith(`${c.line}:`) && !h.includes(':='));
    assert.deepEqual(onLine, [`${c.line}:${c.hint}`]);
  });
}

test('inlay hints: the walkthrough mistake does not claim the client is simply ESTABLISHED', () => {
  const hints = hintsOf(MISTAKE_TEMPLATE.text).filter((h) => h.startsWith('7:'));
  assert.deepEqual(hints, ['7:✗ read as corrected → client ESTABLISHED']);
});

test('inlay hints of a faulty segment in 简体中文', () => {
  const hints = hintsOf(MISTAKE_TEMPLATE.text, 'zh-cn').filter((h) => h.startsWith('7:'));
  assert.deepEqual(hints, ['7:✗ 按更正后的值处理 → client ESTABLISHED']);
});
