import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sameMeaning } from '../../../src/core/format/formatMeaning';
import { parse } from '../../../src/core/syntax/parser';

const BASE = [
  'endpoint client',
  'endpoint server',
  'server listen',
  'client -> server SYN seq=x',
  'server -> client SYN ACK seq=y ack=x+1 win=100',
  'client -> server PSH ACK seq=x+1 ack=y+1 len=3 "abc"',
  'client -> server  ClientHello random=r1',
].join('\n');

function same(a: string, b: string): boolean {
  return sameMeaning(parse(a), parse(b));
}

test('blanks and alignment do not change the meaning', () => {
  assert.equal(same(BASE, BASE.replace(/ /g, '   ')), true);
  assert.equal(same(BASE, BASE.replace('seq=x+1', 'seq=x + 1')), true);
});

test('every fact of a segment, a statement or a syntax error changes it', () => {
  const changes: Array<[string, string, string]> = [
    ['a seq offset', 'seq=y ack', 'seq=y+1 ack'],
    ['a symbol', 'ack=x+1 win', 'ack=z+1 win'],
    ['a flag', 'PSH ACK', 'ACK'],
    ['a window', 'win=100', 'win=101'],
    ['a length', 'len=3', 'len=4'],
    ['a payload', '"abc"', '"abd"'],
    ['a lost segment', 'client -> server PSH', 'client -x server PSH'],
    ['an endpoint', 'server -> client SYN ACK', 'client -> client SYN ACK'],
    ['a TLS field', 'random=r1', 'random=r2'],
    ['a statement more', 'server listen', 'server listen\nclient close'],
    ['a syntax error', 'seq=x\n', 'seq=x =\n'],
  ];
  for (const [what, from, to] of changes) {
    assert.ok(BASE.includes(from), what);
    assert.equal(same(BASE, BASE.replace(from, to)), false, what);
  }
});
