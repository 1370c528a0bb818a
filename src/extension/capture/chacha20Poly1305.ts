/**
 * ChaCha20-Poly1305 opening (RFC 8439 §2.8), in plain TypeScript: WebCrypto has AES-GCM but
 * not this AEAD, and TLS_CHACHA20_POLY1305_SHA256 is the suite clients without AES hardware
 * prefer. It only reads captures the user gives with their own key log, so it is written to be
 * short and checkable against the RFC's vectors and Node's `crypto`, not to run in constant time.
 */

/** RFC 8439 §2.3: "expand 32-byte k" as four little-endian words. */
const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];
const TAG_LENGTH = 16;
const BLOCK = 64;

/**
 * Opens `sealed` (ciphertext, then the 16-byte tag) under a 32-byte key and 12-byte nonce with
 * `additionalData` (RFC 8439 §2.8): the plaintext, or undefined when it is not authentic.
 */
export function chacha20Poly1305Open(
  key: Uint8Array,
  nonce: Uint8Array,
  additionalData: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined {
  if (key.length !== 32 || nonce.length !== 12 || sealed.length < TAG_LENGTH) return undefined;
  const ciphertext = sealed.subarray(0, sealed.length - TAG_LENGTH);
  // §2.6: the Poly1305 key is the first 32 bytes of block 0; the text is XORed from block 1.
  const oneTimeKey = chacha20Block(key, 0, nonce).subarray(0, 32);
  const tag = poly1305(oneTimeKey, macData(additionalData, ciphertext));
  if (!sameBytes(tag, sealed.subarray(ciphertext.length))) return undefined;
  return chacha20Xor(key, 1, nonce, ciphertext);
}

/** RFC 8439 §2.4: the text XORed with the key stream from block `counter` on. */
export function chacha20Xor(
  key: Uint8Array,
  counter: number,
  nonce: Uint8Array,
  text: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let at = 0, block = counter; at < text.length; at += BLOCK, block++) {
    const stream = chacha20Block(key, block >>> 0, nonce);
    const end = Math.min(BLOCK, text.length - at);
    for (let i = 0; i < end; i++) out[at + i] = (text[at + i] as number) ^ (stream[i] as number);
  }
  return out;
}

/** RFC 8439 §2.3: one 64-byte block of key stream. */
export function chacha20Block(key: Uint8Array, counter: number, nonce: Uint8Array): Uint8Array {
  const initial = new Uint32Array(16);
  initial.set(SIGMA);
  for (let i = 0; i < 8; i++) initial[4 + i] = word(key, 4 * i);
  initial[12] = counter;
  for (let i = 0; i < 3; i++) initial[13 + i] = word(nonce, 4 * i);
  const x = initial.slice();
  // §2.3: 20 rounds, as 10 column rounds and 10 diagonal rounds, alternating.
  for (let round = 0; round < 10; round++) {
    quarterRound(x, 0, 4, 8, 12);
    quarterRound(x, 1, 5, 9, 13);
    quarterRound(x, 2, 6, 10, 14);
    quarterRound(x, 3, 7, 11, 15);
    quarterRound(x, 0, 5, 10, 15);
    quarterRound(x, 1, 6, 11, 12);
    quarterRound(x, 2, 7, 8, 13);
    quarterRound(x, 3, 4, 9, 14);
  }
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < 16; i++) {
    const v = ((x[i] as number) + (initial[i] as number)) >>> 0;
    out[4 * i] = v & 0xff;
    out[4 * i + 1] = (v >>> 8) & 0xff;
    out[4 * i + 2] = (v >>> 16) & 0xff;
    out[4 * i + 3] = v >>> 24;
  }
  return out;
}

/** RFC 8439 §2.1: the quarter round on four words of the state (Uint32Array wraps at 2^32). */
function quarterRound(x: Uint32Array, a: number, b: number, c: number, d: number): void {
  x[a] = (x[a] as number) + (x[b] as number);
  x[d] = rotate((x[d] as number) ^ (x[a] as number), 16);
  x[c] = (x[c] as number) + (x[d] as number);
  x[b] = rotate((x[b] as number) ^ (x[c] as number), 12);
  x[a] = (x[a] as number) + (x[b] as number);
  x[d] = rotate((x[d] as number) ^ (x[a] as number), 8);
  x[c] = (x[c] as number) + (x[d] as number);
  x[b] = rotate((x[b] as number) ^ (x[c] as number), 7);
}

function rotate(v: number, n: number): number {
  return ((v << n) | (v >>> (32 - n))) >>> 0;
}

function word(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] as number) |
      ((bytes[at + 1] as number) << 8) |
      ((bytes[at + 2] as number) << 16) |
      ((bytes[at + 3] as number) << 24)) >>>
    0
  );
}

/** RFC 8439 §2.8: AAD | pad16 | ciphertext | pad16 | le64(AAD length) | le64(text length). */
function macData(additionalData: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const padded = (n: number) => Math.ceil(n / 16) * 16;
  const at = padded(additionalData.length);
  const lengthsAt = at + padded(ciphertext.length);
  const data = new Uint8Array(lengthsAt + 16);
  data.set(additionalData);
  data.set(ciphertext, at);
  const view = new DataView(data.buffer);
  view.setBigUint64(lengthsAt, BigInt(additionalData.length), true);
  view.setBigUint64(lengthsAt + 8, BigInt(ciphertext.length), true);
  return data;
}

/** 2^130 - 5, the prime of Poly1305 (RFC 8439 §2.5). */
const P = (1n << 130n) - 5n;
/** RFC 8439 §2.5: r's clamp. */
const CLAMP = 0x0ffffffc0ffffffc0ffffffc0fffffffn;

/** RFC 8439 §2.5.1: the 16-byte Poly1305 tag of `message` under a 32-byte one-time key. */
export function poly1305(oneTimeKey: Uint8Array, message: Uint8Array): Uint8Array {
  const r = littleEndian(oneTimeKey.subarray(0, 16)) & CLAMP;
  const s = littleEndian(oneTimeKey.subarray(16, 32));
  let accumulator = 0n;
  for (let at = 0; at < message.length; at += 16) {
    const block = message.subarray(at, at + 16);
    // Each block is read with a 0x01 byte after it: 2^(8 × its length) added.
    const n = littleEndian(block) + (1n << BigInt(8 * block.length));
    accumulator = ((accumulator + n) * r) % P;
  }
  let tag = (accumulator + s) & ((1n << 128n) - 1n);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    out[i] = Number(tag & 0xffn);
    tag >>= 8n;
  }
  return out;
}

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) differ |= (a[i] as number) ^ (b[i] as number);
  return differ === 0;
}
