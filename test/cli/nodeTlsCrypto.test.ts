import assert from 'node:assert/strict';
import { createCipheriv, createHmac, randomBytes, type CipherGCMTypes } from 'node:crypto';
import { test } from 'node:test';
import { nodeTlsCrypto } from '../../src/cli/nodeTlsCrypto';
import type { TlsAead } from '../../src/core/capture/read/tlsCrypto';

const KEY_LENGTH: Record<TlsAead, number> = {
  'aes-128-gcm': 16,
  'aes-256-gcm': 32,
  'chacha20-poly1305': 32,
};

for (const aead of Object.keys(KEY_LENGTH) as TlsAead[]) {
  test(`${aead}: opens what was sealed, and refuses a changed tag, text or additional data`, () => {
    const key = randomBytes(KEY_LENGTH[aead]);
    const nonce = randomBytes(12);
    const aad = Buffer.from([23, 3, 3, 0, 21]);
    const cipher = createCipheriv(aead as CipherGCMTypes, key, nonce, { authTagLength: 16 });
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update('hello'), cipher.final(), cipher.getAuthTag()]);
    assert.equal(
      Buffer.from(nodeTlsCrypto.open(aead, key, nonce, aad, sealed) ?? []).toString(),
      'hello',
    );
    for (const at of [0, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = (changed[at] as number) ^ 0x80;
      assert.equal(nodeTlsCrypto.open(aead, key, nonce, aad, changed), undefined);
    }
    assert.equal(nodeTlsCrypto.open(aead, key, nonce, Buffer.from([1]), sealed), undefined);
    assert.equal(nodeTlsCrypto.open(aead, key, nonce, aad, sealed.subarray(0, 15)), undefined);
  });
}

test('a key of the wrong length is a failure, not an exception', () => {
  assert.equal(
    nodeTlsCrypto.open(
      'aes-128-gcm',
      new Uint8Array(5),
      new Uint8Array(12),
      new Uint8Array(0),
      new Uint8Array(32),
    ),
    undefined,
  );
});

test('HMAC is Node’s, for SHA-256 and SHA-384', () => {
  for (const hash of ['sha256', 'sha384'] as const) {
    assert.deepEqual(
      Buffer.from(nodeTlsCrypto.hmac(hash, Buffer.from('key'), Buffer.from('data'))),
      createHmac(hash, 'key').update('data').digest(),
    );
  }
});
