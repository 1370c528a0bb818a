import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  versionOfCode,
  parseTlsVersion,
  TLS_VERSION_CODES,
  TLS_VERSIONS,
  versionName,
} from '../../../src/core/protocol/tlsVersions';

test('versions have their ProtocolVersion code points (RFC 8446 §4.2.1, RFC 5246 §A.1)', () => {
  assert.equal(versionName(0x0303), 'TLS1.2');
  assert.equal(versionName(0x0304), 'TLS1.3');
  assert.equal(versionName(0x0300), 'SSL3.0');
  assert.equal(versionName(0x7f1c), '0x7f1c');
});

test('the simulated versions are the ones with a name in the language', () => {
  assert.deepEqual(
    TLS_VERSION_CODES.flatMap((v) => (v.version ? [v.version] : [])),
    TLS_VERSIONS,
  );
  for (const entry of TLS_VERSION_CODES) {
    assert.equal(parseTlsVersion(entry.name), entry.version, entry.name);
  }
});

test('a version reads as 1.2, TLS1.2, tls1.3 or TLSv1.3', () => {
  assert.equal(parseTlsVersion('1.2'), '1.2');
  assert.equal(parseTlsVersion('TLS1.2'), '1.2');
  assert.equal(parseTlsVersion('tls1.3'), '1.3');
  assert.equal(parseTlsVersion('TLSv1.3'), '1.3');
  assert.equal(parseTlsVersion('1.1'), undefined);
});

test('a code point names the language’s version only for the versions the engine simulates', () => {
  assert.equal(versionOfCode(0x0303), '1.2');
  assert.equal(versionOfCode(0x0304), '1.3');
  assert.equal(versionOfCode(0x0302), undefined);
  assert.equal(versionOfCode(0x7f1c), undefined);
});
