import assert from 'node:assert/strict';
import { createCipheriv, randomBytes, type CipherGCMTypes } from 'node:crypto';
import { test } from 'node:test';
import {
  chacha20Poly1305Open,
  chacha20Xor,
  poly1305,
} from '../../../src/extension/capture/chacha20Poly1305';

/**
 * The plain TypeScript ChaCha20-Poly1305 of the web build, against RFC 8439's vectors and
 * Node's `crypto` (OpenSSL's), which the CLI and the desktop extension decrypt with.
 */
const bytes = (hex: string) => Buffer.from(hex.replace(/[\s:]/g, ''), 'hex');

test('RFC 8439 §2.5.2: the Poly1305 tag of "Cryptographic Forum Research Group"', () => {
  const key = bytes(
    '85:d6:be:78:57:55:6d:33:7f:44:52:fe:42:d5:06:a8:01:03:80:8a:fb:0d:b2:fd:4a:bf:f6:af:41:49:f5:1b',
  );
  const tag = poly1305(key, Buffer.from('Cryptographic Forum Research Group'));
  assert.equal(Buffer.from(tag).toString('hex'), 'a8061dc1305136c6c22b8baf0c0127a9');
});

test('RFC 8439 §2.8.2: the AEAD vector opens (its tag as the RFC gives it), and not once changed', () => {
  const text = Buffer.from(
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  );
  const aad = bytes('50515253c0c1c2c3c4c5c6c7');
  const key = bytes('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const nonce = bytes('070000004041424344454647');
  const cipher = createCipheriv('chacha20-poly1305' as CipherGCMTypes, key, nonce, {
    authTagLength: 16,
  });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(text), cipher.final()]);
  const tag = cipher.getAuthTag();
  assert.equal(tag.toString('hex'), '1ae10b594f09e26a7e902ecbd0600691');
  assert.equal(ciphertext.subarray(0, 8).toString('hex'), 'd31a8d34648e60db');
  const sealed = Buffer.concat([ciphertext, tag]);
  assert.deepEqual(Buffer.from(chacha20Poly1305Open(key, nonce, aad, sealed) ?? []), text);
  for (const at of [0, sealed.length - 1]) {
    const changed = Buffer.from(sealed);
    changed[at] = (changed[at] as number) ^ 1;
    assert.equal(chacha20Poly1305Open(key, nonce, aad, changed), undefined);
  }
  assert.equal(chacha20Poly1305Open(key, nonce, aad.subarray(1), sealed), undefined);
  assert.equal(chacha20Poly1305Open(key, nonce, aad, sealed.subarray(0, 15)), undefined);
  assert.equal(chacha20Poly1305Open(key.subarray(1), nonce, aad, sealed), undefined);
});

test('sealed by Node at every length around the block sizes: opened to the same text', () => {
  for (const length of [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000, 16401]) {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const aad = randomBytes(length % 23);
    const text = randomBytes(length);
    const cipher = createCipheriv('chacha20-poly1305' as CipherGCMTypes, key, nonce, {
      authTagLength: 16,
    });
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update(text), cipher.final(), cipher.getAuthTag()]);
    assert.deepEqual(
      Buffer.from(chacha20Poly1305Open(key, nonce, aad, sealed) ?? [-1]),
      text,
      `${length}`,
    );
  }
});

test('the key stream is Node’s chacha20 (its IV: the 32-bit counter, then the nonce)', () => {
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  const text = randomBytes(300);
  const counter = Buffer.from([7, 0, 0, 0]);
  const node = createCipheriv('chacha20', key, Buffer.concat([counter, nonce])).update(text);
  assert.deepEqual(Buffer.from(chacha20Xor(key, 7, nonce, text)), node);
});
