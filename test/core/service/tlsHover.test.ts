import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { hover } from '../../../src/core/service/hover';

const HTTPS = readFileSync('examples/https-rsa.handshake', 'utf8');
const FORGED = readFileSync('examples/mitm-replaced-key.handshake', 'utf8');

function hoverOn(text: string, needle: string, into = 1): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  return hover(analyze(text), at + into)?.markdown ?? '';
}

test('a message: version, encryption, the derivations and what each side knows', () => {
  const markdown = hoverOn(HTTPS, 'ClientKeyExchange');
  assert.match(markdown, /\*\*client\*\* → \*\*server\*\*: `ClientKeyExchange`/);
  assert.match(markdown, /TLS 1\.2 · handshake 1 · Sent in the clear\./);
  assert.match(markdown, /🔑 \*\*server\*\* derives the master secret from pm, r1, r2\./);
  assert.match(
    markdown,
    /- \*\*server\*\* knows `bank_key \(private\)`, `master\(pm, r1, r2\)`, `pm`, `r1`, `r2`/,
  );
});

test('an encrypted message says so', () => {
  const markdown = hoverOn(HTTPS, 'ApplicationData "GET');
  assert.match(markdown, /Sent encrypted with the session keys\./);
});

test('a certificate: subject, key holder, issuer, signer and validity', () => {
  assert.match(
    hoverOn(HTTPS, 'bank_cert subject'),
    /\*\*certificate\*\* `bank_cert`: for `bank\.example`, public key `bank_key` \(private key held by server\), issued by DigiCert, signed by DigiCert, valid 2026-01-01 to 2027-01-01\./,
  );
});

test('a forged copy says its signature no longer verifies', () => {
  assert.match(
    hoverOn(FORGED, 'forged from'),
    /A copy of `bank_cert` with fields changed after signing/,
  );
});

test('the failure shows on the message where the client rejects the certificate', () => {
  assert.match(
    hoverOn(FORGED, 'Certificate cert=forged'),
    /\*\*Handshake fails:\*\* certificate signature does not verify/,
  );
});

test('a cipher suite names its key exchange; a random and a key its role', () => {
  assert.match(hoverOn(HTTPS, 'TLS_RSA_WITH_AES_128_GCM_SHA256\nserver'), /RSA key exchange/);
  assert.match(hoverOn(HTTPS, 'r1 sni'), /a random from a hello/);
  assert.match(hoverOn(HTTPS, 'DigiCert\nkey'), /certificate authority/);
});

test('keywords of the TLS declarations are explained', () => {
  assert.match(hoverOn(HTTPS, 'trust client'), /trust store/);
  assert.match(hoverOn(FORGED, 'attacker mallory'), /sits between client and server/);
});
