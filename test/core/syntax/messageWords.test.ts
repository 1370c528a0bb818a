import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { parse } from '../../../src/core/syntax/parser';
import type { TlsMessageStatement } from '../../../src/core/syntax/tlsTree';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines } from '../../helpers';
import { HELLO, KEY_EXCHANGE, pki } from '../check/tlsCodeCases';

function read(line: string) {
  const result = parse(lines(line));
  return {
    statement: result.document.statements[0] as TlsMessageStatement,
    codes: result.diagnostics.map((d) => d.code),
  };
}

test('a message name in words, as notes write it, is the message, with one warning', () => {
  const cases: [string, string][] = [
    ['a -> b Client Hello random=r1', 'ClientHello'],
    ['a -> b client hello random=r1', 'ClientHello'],
    ['a -> b Server Hello Done', 'ServerHelloDone'],
    ['a -> b Change Cipher Spec', 'ChangeCipherSpec'],
    ['a -> b Client Key Exchange premaster=pm encrypted=k', 'ClientKeyExchange'],
    ['a -> b Certificate Verify', 'CertificateVerify'],
    ['a -> b Application Data "GET /"', 'ApplicationData'],
    ['m -> b forward Server Hello', 'ServerHello'],
  ];
  for (const [line, message] of cases) {
    const { statement, codes } = read(line);
    assert.equal(statement.kind, 'tls', line);
    assert.equal(statement.message, message, line);
    assert.deepEqual(codes, ['HS019'], line);
  }
});

test('the longest name wins, and a word before = is a field, not part of the name', () => {
  assert.deepEqual(read('a -> b Certificate cert=c').codes, []);
  assert.equal(read('a -> b Certificate cert=c').statement.message, 'Certificate');
  assert.equal(read('a -> b Certificate Request').statement.message, 'CertificateRequest');
  assert.equal(
    read('a -> b Hello Retry Request group=x25519').statement.message,
    'HelloRetryRequest',
  );
  // Words that make no message stay what they were: unknown flags of a segment.
  assert.equal(read('a -> b Client Greeting').statement.kind, 'segment');
});

test('a handshake written in words: only the warnings, and the fixes leave it clean', () => {
  const words = (line: string) =>
    line
      .replace('ClientHello', 'Client Hello')
      .replace('ServerHelloDone', 'Server Hello Done')
      .replace('ServerHello', 'server hello')
      .replace('ClientKeyExchange', 'Client Key Exchange')
      .replace('ChangeCipherSpec', 'Change Cipher Spec');
  const text = lines(...pki(), ...HELLO.map(words), ...KEY_EXCHANGE.map(words));
  const analysis = analyze(text);
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    Array(6).fill('HS019'),
  );
  const fixed = applyEdits(
    text,
    analysis.diagnostics.flatMap((d) => d.fix?.edits ?? []),
  );
  assert.equal(fixed, lines(...pki(), ...HELLO, ...KEY_EXCHANGE));
  assert.deepEqual(analyze(fixed).diagnostics, []);
});

test('the message names the RFC enum spelling in both languages', () => {
  const text = lines(...pki(), 'client -> server Server Hello Done');
  const [en] = analyze(text).diagnostics;
  assert.match(en?.message ?? '', /ServerHelloDone, or server_hello_done/);
  const [zh] = analyze(text, { locale: 'zh-cn' }).diagnostics;
  assert.match(zh?.message ?? '', /server_hello_done/);
  assert.equal(zh?.fix?.title, '改为 ServerHelloDone');
});
