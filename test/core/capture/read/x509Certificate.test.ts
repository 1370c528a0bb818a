import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readCertificate } from '../../../../src/core/capture/read/x509Certificate';
import { fixture } from '../support';

test('a certificate gives its subject, issuer, validity and DNS names', () => {
  assert.deepEqual(readCertificate(fixture('cert-san.der')), {
    subject: 'CN=shop.example, O=Shop Ltd',
    issuer: 'CN=shop.example, O=Shop Ltd',
    commonName: 'shop.example',
    issuerCommonName: 'shop.example',
    dnsNames: ['shop.example', '*.cdn.shop.example'],
    notBefore: '2026-11-26',
    notAfter: '2026-12-26',
  });
  assert.equal(readCertificate(fixture('cert-san.der'))?.subject, 'CN=shop.example, O=Shop Ltd');
});

test('every truncation of a certificate is read without throwing', () => {
  const der = fixture('cert-san.der');
  for (let n = 0; n < der.length; n++) {
    const facts = readCertificate(der.subarray(0, n));
    // The outer length no longer fits: nothing is read from a cut certificate.
    assert.equal(facts, undefined, `cut at ${n}`);
  }
});

test('random bytes and corrupted certificates never throw', () => {
  const der = fixture('cert-san.der');
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      readCertificate(bytes);
    }),
  );
  fc.assert(
    fc.property(fc.nat(der.length - 1), fc.nat(255), (at, value) => {
      const copy = Uint8Array.from(der);
      copy[at] = value;
      readCertificate(copy);
    }),
  );
});
