import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CIPHER_SUITES,
  keyExchangeOf,
  suiteFitsVersion,
  suiteName,
  TLS_SUITES,
} from '../../../src/core/protocol/tlsSuites';

/** Code points from the IANA TLS Cipher Suites registry. */
const IANA: readonly [string, number][] = [
  ['TLS_AES_128_GCM_SHA256', 0x1301],
  ['TLS_AES_256_GCM_SHA384', 0x1302],
  ['TLS_CHACHA20_POLY1305_SHA256', 0x1303],
  ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc02f],
  ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 0xc02b],
  ['TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 0xcca8],
  ['TLS_RSA_WITH_AES_128_CBC_SHA', 0x002f],
  ['TLS_RSA_WITH_AES_128_GCM_SHA256', 0x009c],
  ['TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 0x009e],
  ['TLS_EMPTY_RENEGOTIATION_INFO_SCSV', 0x00ff],
  ['TLS_FALLBACK_SCSV', 0x5600],
];

for (const [name, code] of IANA) {
  test(`${name} is code point 0x${code.toString(16).padStart(4, '0')}`, () => {
    assert.equal(TLS_SUITES.find((s) => s.name === name)?.code, code);
    assert.equal(suiteName(code), name);
  });
}

test('each suite has one name and one code point', () => {
  assert.equal(new Set(TLS_SUITES.map((s) => s.name)).size, TLS_SUITES.length);
  assert.equal(new Set(TLS_SUITES.map((s) => s.code)).size, TLS_SUITES.length);
});

test('a code point not in the registry is written in hex', () => {
  assert.equal(suiteName(0x00ab), '0x00ab');
});

test('the engine simulates the RSA, ECDHE and TLS 1.3 suites, and only those', () => {
  const simulated = TLS_SUITES.filter((s) => keyExchangeOf(s.name) !== undefined);
  assert.deepEqual(
    simulated.map((s) => s.name),
    Object.keys(CIPHER_SUITES),
  );
  assert.equal(simulated.length, 24);
  for (const suite of TLS_SUITES) {
    const simulable = ['RSA', 'ECDHE', 'TLS13'].includes(suite.keyExchange);
    assert.equal(keyExchangeOf(suite.name) !== undefined, simulable, suite.name);
    if (simulable) assert.equal(CIPHER_SUITES[suite.name], suite.keyExchange);
  }
});

test('a suite name reads in any case', () => {
  assert.equal(keyExchangeOf('tls_ecdhe_rsa_with_aes_128_gcm_sha256'), 'ECDHE');
  assert.equal(keyExchangeOf('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'), undefined);
  assert.equal(keyExchangeOf('constructor'), undefined);
});

test('TLS 1.3 suites fit TLS 1.3 only, TLS 1.2 suites TLS 1.2 only', () => {
  assert.equal(suiteFitsVersion('TLS_AES_128_GCM_SHA256', '1.3'), true);
  assert.equal(suiteFitsVersion('TLS_AES_128_GCM_SHA256', '1.2'), false);
  assert.equal(suiteFitsVersion('TLS_RSA_WITH_AES_128_CBC_SHA', '1.2'), true);
  assert.equal(suiteFitsVersion('TLS_RSA_WITH_AES_128_CBC_SHA', '1.3'), false);
});
