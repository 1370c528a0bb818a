import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { TLS_ALERT_CODES } from '../../../src/core/protocol/tlsMessageTypes';
import { word } from '../../../src/core/text/words';
import { ourVerdicts, tsharkVerdicts } from '../../support/tsharkVerdicts';
import { FIXTURES } from './support';

/**
 * Captures of real TLS software (issue 20, "alerts are evidence"): openssl s_server against
 * openssl s_client and GnuTLS's gnutls-cli, with a PKI of fixed dates (fixtures/tls-real/make.sh;
 * each case's command lines in NAME.cmd, what the client printed in NAME.out). The verdict of the
 * imported scenario must be the one the real client reached: every diagnostic code, in order.
 */
const REAL = `${FIXTURES}/tls-real`;

const VERDICTS: Readonly<Record<string, readonly string[]>> = {
  'tls12-accepted': [],
  'tls13-accepted': [],
  // openssl verify error 10, Alert certificate_expired.
  'tls12-expired': ['HS615'],
  // TLS 1.3: openssl's alert is in the clear, but the certificate is encrypted and assumed
  // (issuer unseen_ca, no dates), so the engine predicts unknown_ca and says the alert differs.
  'tls13-expired': ['HS612', 'HS628'],
  // openssl verify error 62, Alert bad_certificate (and a retransmission on loopback).
  'tls12-wrong-name': ['HS614', 'HS701'],
  'tls13-wrong-name': ['HS612', 'HS628'],
  // openssl verify error 20, Alert unknown_ca.
  'tls12-unknown-ca': ['HS612'],
  // openssl verify error 18, Alert unknown_ca.
  'tls12-self-signed': ['HS617'],
  // GnuTLS encrypts its alert: one 19-byte record, then FIN. The reason is not in the capture;
  // the rejection is (no trust, so the assumed issuer is untrusted).
  'tls13-gnutls-unknown-ca': ['HS612'],
  'tls13-gnutls-wrong-name': ['HS612'],
  // The server (-Verify 1) gets an empty Certificate and sends Alert handshake_failure.
  'tls12-no-client-cert': ['HS629'],
  // TLS 1.3: CertificateRequest, the client's Certificate and the server's certificate_required
  // alert are all encrypted; without a key log nothing tells them apart from a success.
  'tls13-no-client-cert': [],
  // No -verify_return_error: openssl goes on after error 20/21. The capture cannot tell a
  // client that trusts the issuer from one that checked nothing, so the issuer is trusted.
  'tls12-goes-on-unknown-ca': [],
  // ... and after error 10: an expired certificate accepted means nothing was checked.
  'tls12-goes-on-expired': ['HS626'],
  // TLS 1.3 cases made for the key log (keyLogCaptures.test.ts): without it, a success with the
  // flight assumed. A client certificate, AES-128-GCM, ChaCha20-Poly1305, a HelloRetryRequest,
  // and a second connection resumed with the first one's ticket (written as comments).
  'tls13-client-cert': [],
  'tls13-aes128': [],
  'tls13-chacha20': [],
  'tls13-hello-retry': [],
  'tls13-ticket': [],
};

function imported(name: string): string {
  const bytes = readFileSync(`${REAL}/${name}.pcap`);
  const result = importCapture(() => [bytes], { name: `${name}.pcap` });
  assert.ok(result.ok, result.ok ? '' : word(result.error.message, 'en'));
  return result.text;
}

const NAMES = new Map<number, string>(
  Object.entries(TLS_ALERT_CODES).map(([name, code]) => [code, name]),
);

/** The alerts tshark read in the clear (`tls.alert_message.desc` in NAME.pcap.tls.tsv). */
function tsharkAlerts(name: string): string[] {
  const rows = readFileSync(`${REAL}/${name}.pcap.tls.tsv`, 'utf8').trim().split('\n').slice(1);
  return rows.flatMap((row) =>
    (row.split('\t')[3] ?? '')
      .split(',')
      .filter(Boolean)
      .map((code) => NAMES.get(Number(code)) ?? code),
  );
}

test('every real TLS capture is listed here, with its command lines and tshark’s verdicts', () => {
  const stored = readdirSync(REAL).filter((n) => n.endsWith('.pcap'));
  assert.deepEqual(
    stored.sort(),
    Object.keys(VERDICTS)
      .map((n) => `${n}.pcap`)
      .sort(),
  );
  for (const name of Object.keys(VERDICTS)) {
    assert.match(readFileSync(`${REAL}/${name}.cmd`, 'utf8'), /^# client$/m, name);
  }
});

for (const [name, codes] of Object.entries(VERDICTS)) {
  test(`${name}: the verdict is ${codes.length ? codes.join(', ') : 'clean'}, as the real client decided`, () => {
    const text = imported(name);
    assert.deepEqual(
      analyze(text).diagnostics.map((d) => d.code),
      codes,
    );
  });

  test(`${name}: every alert tshark reads is written as its Alert line`, () => {
    const text = imported(name);
    const written = [...text.matchAll(/^\w+ -> \w+ {2}Alert (\w+)/gm)].map((m) => m[1]);
    assert.deepEqual(written, tsharkAlerts(name));
  });

  test(`${name}: the same TCP analysis flags as tshark`, () => {
    const file = `${REAL}/${name}.pcap`;
    assert.deepEqual(ourVerdicts(file), tsharkVerdicts(file));
  });
}

test('an expired certificate rejected with certificate_expired: the issuer is trusted, the date is not', () => {
  const text = imported('tls12-expired');
  assert.match(text, /notAfter=2025-01-01/);
  assert.match(
    text,
    /^trust client handshake_real_root_ca +# assumed from Alert certificate_expired: not the issuer, but the certificate expired on 2025-01-01$/m,
  );
  assert.match(analyze(text).diagnostics[0]?.message ?? '', /sends Alert certificate_expired\.$/);
});

test('a wrong name rejected with bad_certificate: the issuer is trusted, the name is not', () => {
  const text = imported('tls12-wrong-name');
  assert.match(
    text,
    /^trust client handshake_real_root_ca +# assumed from Alert bad_certificate: not the issuer, but the certificate is for other\.test, not shop\.test$/m,
  );
});

test('unknown_ca and a self-signed certificate: no trust is written, so the issuer check fails', () => {
  for (const name of ['tls12-unknown-ca', 'tls12-self-signed']) {
    assert.doesNotMatch(imported(name), /^trust /m, name);
  }
});

test('a TLS 1.3 encrypted alert after the server’s flight is an Alert, not a client Finished', () => {
  for (const name of ['tls13-gnutls-unknown-ca', 'tls13-gnutls-wrong-name']) {
    const text = imported(name);
    assert.doesNotMatch(text, /^client -> server {2}Finished/m, name);
    assert.doesNotMatch(text, /^trust /m, name);
    assert.match(text, /^# client rejects the server's flight: an encrypted alert \(19 bytes/m);
    assert.match(text, /^client -> server {2}Alert {2,}# encrypted in the capture: assumed$/m);
  }
});

test('a TLS 1.3 client Finished (at least 53 bytes) is still a Finished after the compatibility ChangeCipherSpec', () => {
  const text = imported('tls13-accepted');
  assert.match(
    text,
    /^client -> server {2}ChangeCipherSpec\ntrust client unseen_ca .*\nclient -> server {2}Finished/m,
  );
});
