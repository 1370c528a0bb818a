import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';

const OPEN = 'endpoint a\nendpoint b\nb listen\n';

test('a repeated flag is one problem, over its repeats, with how often it is written', () => {
  const line = 'a -> b SYN ACK ACK ACK FIN FIN seq=1';
  const text = `${OPEN}${line}\n`;
  const found = analyze(text)
    .diagnostics.filter((d) => d.code === 'HS304')
    .map((d) => [text.slice(d.span.start, d.span.end), d.message]);
  assert.deepEqual(found, [
    ['ACK ACK', 'ACK is written 3 times.'],
    ['FIN', 'FIN is written twice.'],
  ]);
});

test('a flag written forty times is still one problem', () => {
  const text = `${OPEN}a -> b SYN ${'ACK '.repeat(40)}seq=1\n`;
  const found = analyze(text).diagnostics.filter((d) => d.code === 'HS304');
  assert.deepEqual(
    found.map((d) => d.message),
    ['ACK is written 40 times.'],
  );
});
