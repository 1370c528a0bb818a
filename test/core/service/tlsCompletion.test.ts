import type { Locale } from '../../../src/core/text/locale';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { complete, type CompletionItem } from '../../../src/core/service/completion';
import { lines } from '../../helpers';
import { pki } from '../check/tlsCodeCases';

/** `|` marks the cursor. */
function labelsAt(marked: string): string[] {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return complete(analyze(text), offset).map((item: CompletionItem) => item.label);
}

const PKI = lines(...pki());

test('after A -> B, TLS messages are offered beside the flags', () => {
  const labels = labelsAt(PKI + 'client -> server |\n');
  assert.ok(labels.includes('SYN'));
  assert.ok(labels.includes('ClientHello'));
  assert.ok(labels.includes('Finished'));
});

test('after a message name, the fields it takes and has not got yet', () => {
  assert.deepEqual(labelsAt(PKI + 'client -> server ClientHello random=r1 |\n'), [
    'sni=',
    'versions=',
    'suites=',
    'key_share=',
  ]);
  assert.deepEqual(labelsAt(PKI + 'server -> client Certificate |\n'), ['cert=']);
});

test('a message name in words, as notes write it, completes its fields too', () => {
  assert.deepEqual(labelsAt(PKI + 'server -> client Server Hello Done |\n'), []);
  assert.ok(labelsAt(PKI + 'client -> server Client Hello |\n').includes('random='));
  assert.ok(labelsAt(PKI + 'client -> server client hello random=r1 |\n').includes('sni='));
});

test('after Alert, the alert names', () => {
  const labels = labelsAt(PKI + 'client -> server Alert |\n');
  assert.ok(labels.includes('bad_certificate') && labels.includes('unknown_ca'));
});

test('values: certificates, keys, suites, versions and holders', () => {
  assert.deepEqual(labelsAt(PKI + 'server -> client Certificate cert=|\n'), ['c']);
  assert.deepEqual(
    labelsAt(PKI + 'client -> server ClientKeyExchange premaster=pm encrypted=|\n'),
    ['k'],
  );
  assert.ok(
    labelsAt(PKI + 'server -> client ServerHello suite=TLS_|\n').includes('TLS_AES_128_GCM_SHA256'),
  );
  assert.deepEqual(labelsAt(PKI + 'server -> client ServerHello version=|\n'), ['1.2', '1.3']);
  assert.deepEqual(labelsAt(PKI + 'key k2 holder=|\n'), ['client', 'server']);
  assert.deepEqual(labelsAt(PKI + 'cert c2 issuer=|\n'), ['CA', 'self']);
});

test('trust offers the declared CAs and any', () => {
  assert.deepEqual(labelsAt(PKI + 'trust server |\n'), ['CA', 'any']);
});

test('seq= still completes the expected TCP value', () => {
  const text = lines(
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=x',
    'b -> a SYN ACK seq=y ack=|',
  );
  assert.ok(labelsAt(text).includes('x+1'));
});

test('the TLS proposals say what they are in the editor’s language', () => {
  const at = (marked: string, locale: Locale = 'en') => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    return complete(analyze(text, { locale }), offset);
  };
  const detailOf = (items: CompletionItem[], label: string) =>
    items.find((i) => i.label === label)?.detail;
  assert.equal(detailOf(at(PKI + 'client -> server |\n'), 'ClientHello'), 'TLS message');
  assert.equal(
    detailOf(at(PKI + 'trust client |\n'), 'any'),
    'accept any certificate (like curl -k)',
  );
  assert.equal(detailOf(at(PKI + 'client -> server |\n', 'zh-cn'), 'ClientHello'), 'TLS 消息');
  assert.equal(
    detailOf(at(PKI + 'trust client |\n', 'zh-cn'), 'any'),
    '接受任何证书（如 curl -k）',
  );
});
