import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHex } from '../../../../src/core/capture/read/keyLog';
import {
  hkdfExpandLabel,
  nextTrafficSecret,
  SUITE_PROTECTION,
  trafficKeys,
} from '../../../../src/core/capture/read/tlsKeySchedule';
import { nodeTlsCrypto } from '../../../../src/cli/nodeTlsCrypto';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const AES_128_GCM_SHA256 = SUITE_PROTECTION.get(0x1301)!;

/**
 * RFC 8448 §3, "Simple 1-RTT Handshake" (TLS_AES_128_GCM_SHA256): each traffic secret and the
 * write key and IV the RFC derives from it ("derive write traffic keys").
 */
const RFC_8448: readonly { name: string; secret: string; key: string; iv: string }[] = [
  {
    name: 'server handshake',
    secret: 'b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38',
    key: '3fce516009c21727d0f2e4e86ee403bc',
    iv: '5d313eb2671276ee13000b30',
  },
  {
    name: 'client handshake',
    secret: 'b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21',
    key: 'dbfaa693d1762c5b666af5d950258d01',
    iv: '5bd3c71b836e0b76bb73265f',
  },
  {
    name: 'server application',
    secret: 'a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643',
    key: '9f02283b6c9c07efc26bb9f2ac92e356',
    iv: 'cf782b88dd83549aadf1e984',
  },
  {
    name: 'client application',
    secret: '9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5',
    key: '17422dda596ed5d9acd890e3c63f5051',
    iv: '5b78923dee08579033e523d9',
  },
];

for (const vector of RFC_8448) {
  test(`RFC 8448 §3: the ${vector.name} write key and IV from its traffic secret`, () => {
    const keys = trafficKeys(nodeTlsCrypto, AES_128_GCM_SHA256, fromHex(vector.secret));
    assert.equal(hex(keys.key), vector.key);
    assert.equal(hex(keys.iv), vector.iv);
  });
}

test('HKDF-Expand-Label with a context, and lengths beyond one hash block (RFC 5869 §2.3)', () => {
  const secret = fromHex(RFC_8448[0]!.secret);
  const long = hkdfExpandLabel(nodeTlsCrypto, 'sha256', secret, 'key', new Uint8Array(0), 80);
  // The first 16 bytes are not the 16-byte key: the length is part of the label (RFC 8446 §7.1).
  assert.equal(long.length, 80);
  assert.notEqual(hex(long.subarray(0, 16)), RFC_8448[0]!.key);
  const withContext = hkdfExpandLabel(
    nodeTlsCrypto,
    'sha256',
    secret,
    'key',
    new Uint8Array([1]),
    16,
  );
  assert.notEqual(hex(withContext), RFC_8448[0]!.key);
});

test('the next secret after a KeyUpdate is HKDF-Expand-Label(secret, "traffic upd", "", Hash.length)', () => {
  const secret = fromHex(RFC_8448[2]!.secret);
  const next = nextTrafficSecret(nodeTlsCrypto, AES_128_GCM_SHA256, secret);
  assert.deepEqual(
    next,
    hkdfExpandLabel(nodeTlsCrypto, 'sha256', secret, 'traffic upd', new Uint8Array(0), 32),
  );
  assert.equal(next.length, 32);
});

test('the suites it decrypts: AES-128-GCM and ChaCha20 with SHA-256, AES-256-GCM with SHA-384', () => {
  assert.deepEqual(
    [...SUITE_PROTECTION].map(([code, s]) => [code, s.aead, s.hash, s.keyLength]),
    [
      [0x1301, 'aes-128-gcm', 'sha256', 16],
      [0x1302, 'aes-256-gcm', 'sha384', 32],
      [0x1303, 'chacha20-poly1305', 'sha256', 32],
    ],
  );
});
