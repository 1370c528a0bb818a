import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scan, Scanner } from '../../../src/core/syntax/scanner';

const kinds = (text: string) => scan(text).map((t) => `${t.kind}:${t.text}`);

test('a segment line becomes names, arrow, flags, fields and a string', () => {
  assert.deepEqual(kinds('client -> server SYN,ACK seq=x+1 "hi"'), [
    'ident:client',
    'arrow:->',
    'ident:server',
    'ident:SYN',
    'comma:,',
    'ident:ACK',
    'ident:seq',
    'equals:=',
    'ident:x',
    'plus:+',
    'number:1',
    'string:"hi"',
    'eof:',
  ]);
});

test('-x is the lost arrow, but x-1 is a symbol minus a number', () => {
  assert.deepEqual(kinds('a -x b'), ['ident:a', 'lostArrow:-x', 'ident:b', 'eof:']);
  assert.deepEqual(kinds('ack=x-1'), [
    'ident:ack',
    'equals:=',
    'ident:x',
    'minus:-',
    'number:1',
    'eof:',
  ]);
  assert.deepEqual(kinds('a -xb'), ['ident:a', 'minus:-', 'ident:xb', 'eof:']);
});

test('addresses and 2MSL are single words', () => {
  assert.deepEqual(kinds('192.168.1.116:3337 [::1]:443 2MSL'), [
    'word:192.168.1.116:3337',
    'word:[::1]:443',
    'word:2MSL',
    'eof:',
  ]);
});

test('both comment styles run to the end of the line; newlines are tokens', () => {
  assert.deepEqual(kinds('a # note -> b\n// all\nb'), [
    'ident:a',
    'newline:\n',
    'newline:\n',
    'ident:b',
    'eof:',
  ]);
});

test('a scanner asked for trivia hands the comments out as tokens', () => {
  const scanner = new Scanner('a # frame 1 t=0\n// all\nb', 0, true);
  const seen: string[] = [];
  for (let token = scanner.next(); token.kind !== 'eof'; token = scanner.next()) {
    seen.push(`${token.kind}:${token.text}`);
  }
  assert.deepEqual(seen, [
    'ident:a',
    'comment:# frame 1 t=0',
    'newline:\n',
    'comment:// all',
    'newline:\n',
    'ident:b',
  ]);
});

test('strings decode escapes and count bytes as sent on the wire', () => {
  const [token] = scan('"GET /\\r\\n\\x00é"');
  assert.equal(token?.value, 'GET /\r\n\u0000é');
  assert.equal(token?.byteLength, 5 + 2 + 1 + 2);
});

test('an unterminated string stops at the end of its line and is marked', () => {
  const tokens = scan('"open\nnext');
  assert.equal(tokens[0]?.kind, 'string');
  assert.equal(tokens[0]?.error, 'unterminatedString');
  assert.equal(tokens[0]?.text, '"open');
  assert.equal(tokens[1]?.kind, 'newline');
  assert.equal(tokens[2]?.text, 'next');
});

test('a bad escape is marked where it stands', () => {
  const [token] = scan('"a\\qb"');
  assert.equal(token?.error, 'badEscape');
  assert.equal(token?.errorAt, 2);
});

test('unknown characters become tokens of their own, never an exception', () => {
  const tokens = scan('a @ 😀 b');
  assert.deepEqual(
    tokens.filter((t) => t.kind === 'unknown').map((t) => t.text),
    ['@', '😀'],
  );
  assert.equal(tokens[tokens.length - 1]?.kind, 'eof');
});

test('CRLF line endings are blanks plus a newline', () => {
  assert.deepEqual(kinds('a\r\nb'), ['ident:a', 'newline:\n', 'ident:b', 'eof:']);
});

test('names in any script (UAX #31 identifiers): 客户端, a name going on in another script', () => {
  assert.deepEqual(kinds('客户端 -> server_2 Ωmega x客 𠀀b'), [
    'ident:客户端',
    'arrow:->',
    'ident:server_2',
    'ident:Ωmega',
    'ident:x客',
    'ident:𠀀b',
    'eof:',
  ]);
  // Full-width forms and CJK punctuation are never part of a name.
  assert.deepEqual(kinds('客户端＝1'), ['ident:客户端', 'unknown:＝', 'number:1', 'eof:']);
  assert.deepEqual(kinds('x（第二次握手）'), [
    'ident:x',
    'unknown:（',
    'ident:第二次握手',
    'unknown:）',
    'eof:',
  ]);
});

test('SCHEME:// right after = is a URL, one word; // anywhere else starts a comment', () => {
  assert.deepEqual(kinds('sni=https://bank.example/login x'), [
    'ident:sni',
    'equals:=',
    'word:https://bank.example/login',
    'ident:x',
    'eof:',
  ]);
  assert.deepEqual(kinds('sni= https://bank.example'), [
    'ident:sni',
    'equals:=',
    'word:https:',
    'eof:',
  ]);
  assert.deepEqual(kinds('a -> b SYN // https://x'), [
    'ident:a',
    'arrow:->',
    'ident:b',
    'ident:SYN',
    'eof:',
  ]);
  assert.deepEqual(kinds('x=1//2'), ['ident:x', 'equals:=', 'number:1', 'eof:']);
});
