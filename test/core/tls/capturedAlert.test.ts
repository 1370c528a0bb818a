import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { lines } from '../../helpers';
import { CLIENT_HELLO, HELLO, pki } from '../check/tlsCodeCases';

/* An alert is evidence: it must agree with the certificate check (HS628), and a server's
 * alert after a CertificateRequest answered with no certificate is explained (HS629). */

const UNTRUSTED = pki({ trust: 'Other', extra: ['ca Other'] });

function codes(...text: string[]): string[] {
  return analyze(lines(...text)).diagnostics.map((d) => d.code);
}

function messageOf(code: string, ...text: string[]): string {
  return analyze(lines(...text)).diagnostics.find((d) => d.code === code)?.message ?? '';
}

test('the alert the check predicts agrees', () => {
  assert.deepEqual(codes(...UNTRUSTED, ...HELLO, 'client -> server Alert unknown_ca'), ['HS612']);
});

test('another alert names both: the one sent and the one the check predicts', () => {
  const text = [...UNTRUSTED, ...HELLO, 'client -> server Alert certificate_expired'];
  assert.deepEqual(codes(...text), ['HS612', 'HS628']);
  assert.match(
    messageOf('HS628', ...text),
    /^client sends Alert certificate_expired, but by the certificate check client sends Alert unknown_ca \(issuer not trusted\)/,
  );
});

test('alerts that name no reason (certificate_unknown, handshake_failure) agree with any rejection', () => {
  for (const alert of ['certificate_unknown', 'handshake_failure'])
    assert.deepEqual(codes(...UNTRUSTED, ...HELLO, `client -> server Alert ${alert}`), ['HS612']);
});

test('an alert without a name (encrypted in a capture) says no reason', () => {
  assert.deepEqual(codes(...UNTRUSTED, ...HELLO, 'client -> server Alert'), ['HS612']);
});

test('a certificate alert where the check accepts the certificate disagrees', () => {
  const text = [...pki(), ...HELLO, 'client -> server Alert unknown_ca'];
  assert.deepEqual(codes(...text), ['HS628']);
  assert.match(messageOf('HS628', ...text), /client accepts the certificate/);
});

test('close_notify and other alerts that are not about the certificate are not compared', () => {
  assert.deepEqual(codes(...pki(), ...HELLO, 'client -> server Alert close_notify'), []);
});

test('a server that asked for a certificate and got an empty one: HS629 on its alert', () => {
  const asked = [
    ...HELLO.slice(1, 3),
    'server -> client CertificateRequest',
    'server -> client ServerHelloDone',
  ];
  const text = [...pki(), CLIENT_HELLO, ...asked, 'client -> server Certificate'];
  assert.deepEqual(codes(...text, 'server -> client Alert handshake_failure'), ['HS629']);
  assert.deepEqual(codes(...text, 'server -> client Alert certificate_required'), ['HS629']);
  // Another alert is not explained by the missing certificate.
  assert.deepEqual(codes(...text, 'server -> client Alert decode_error'), []);
});

test('TLS 1.3: the compatibility ChangeCipherSpec before the alert is not going on (HS618)', () => {
  const suite = 'TLS_AES_128_GCM_SHA256';
  const text = [
    ...UNTRUSTED,
    `client -> server ClientHello random=r1 sni=bank.example versions=1.3 suites=${suite} key_share=c1`,
    `server -> client ServerHello random=r2 version=1.3 suite=${suite} key_share=s1`,
    'server -> client EncryptedExtensions',
    'server -> client Certificate cert=c',
    'client -> server ChangeCipherSpec',
    'client -> server Alert unknown_ca',
  ];
  assert.deepEqual(codes(...text), ['HS612']);
});
