import assert from 'node:assert/strict';
import { createCipheriv, randomBytes, type CipherGCMTypes } from 'node:crypto';
import { test } from 'node:test';
import { nodeTlsCrypto } from '../../../src/cli/nodeTlsCrypto';
import type { TlsAead, TlsHash } from '../../../src/core/capture/read/tlsCrypto';
import type { AsyncTlsCrypto } from '../../../src/core/capture/read/tlsCryptoRounds';
import { webTlsCrypto } from '../../../src/extension/capture/webTlsCrypto';

/**
 * The WebCrypto adapter of VS Code for the Web, on Node 20's `globalThis.crypto.subtle` (the
 * same API as the web worker's): it must answer what Node's `crypto` answers.
 */
const web = webTlsCrypto() as AsyncTlsCrypto;

test('WebCrypto is there (Node 20 as in a web worker)', () => {
  assert.ok(web);
});

for (const hash of ['sha256', 'sha384'] as TlsHash[]) {
  test(`HMAC ${hash}: the bytes Node's crypto gives`, async () => {
    for (const length of [32, 48, 100]) {
      const key = randomBytes(length);
      const data = randomBytes(length + 7);
      assert.deepEqual(await web.hmac(hash, key, data), nodeTlsCrypto.hmac(hash, key, data));
    }
  });
}

// ChaCha20-Poly1305 is not in WebCrypto: it is opened in plain TypeScript (chacha20Poly1305.ts).
for (const [aead, keyLength] of [
  ['aes-128-gcm', 16],
  ['aes-256-gcm', 32],
  ['chacha20-poly1305', 32],
] as [TlsAead, number][]) {
  test(`${aead}: opens what was sealed, and refuses a changed tag, text or additional data`, async () => {
    const key = randomBytes(keyLength);
    const nonce = randomBytes(12);
    const aad = Buffer.from([23, 3, 3, 0, 21]);
    const cipher = createCipheriv(aead as CipherGCMTypes, key, nonce, { authTagLength: 16 });
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update('hello'), cipher.final(), cipher.getAuthTag()]);
    assert.equal(
      Buffer.from((await web.open(aead, key, nonce, aad, sealed)) ?? []).toString(),
      'hello',
    );
    for (const at of [0, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = (changed[at] as number) ^ 0x80;
      assert.equal(await web.open(aead, key, nonce, aad, changed), undefined);
    }
    assert.equal(await web.open(aead, key, nonce, Buffer.from([1]), sealed), undefined);
    assert.equal(await web.open(aead, key, nonce, aad, sealed.subarray(0, 15)), undefined);
    assert.equal(await web.open(aead, new Uint8Array(5), nonce, aad, sealed), undefined);
  });
}
