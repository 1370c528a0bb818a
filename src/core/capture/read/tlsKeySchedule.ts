import type { NotYet, TlsAead, TlsCrypto, TlsHash } from './tlsCrypto';

/** What a TLS 1.3 suite needs for record protection (RFC 8446 §B.4). */
export interface SuiteProtection {
  readonly hash: TlsHash;
  readonly hashLength: number;
  readonly aead: TlsAead;
  readonly keyLength: number;
}

/**
 * The TLS 1.3 suites whose records the key log decryption opens, by code point (RFC 8446
 * §B.4). The CCM suites are left out: Node has them, WebCrypto does not, and no common client
 * offers them by default.
 */
export const SUITE_PROTECTION: ReadonlyMap<number, SuiteProtection> = new Map([
  [0x1301, { hash: 'sha256', hashLength: 32, aead: 'aes-128-gcm', keyLength: 16 }],
  [0x1302, { hash: 'sha384', hashLength: 48, aead: 'aes-256-gcm', keyLength: 32 }],
  [0x1303, { hash: 'sha256', hashLength: 32, aead: 'chacha20-poly1305', keyLength: 32 }],
]);

/** RFC 8446 §5.3: every TLS 1.3 AEAD takes a 12-byte nonce (iv_length). */
export const IV_LENGTH = 12;

/**
 * HKDF-Expand (RFC 5869 §2.3): T(1) | T(2) | ... cut to `length`, where
 * T(i) = HMAC(prk, T(i-1) | info | i). `NOT_YET` when the host has not computed an HMAC yet.
 */
export function hkdfExpand<Later extends NotYet = never>(
  crypto: TlsCrypto<Later>,
  hash: TlsHash,
  prk: Uint8Array,
  info: Uint8Array,
  length: number,
): Uint8Array | Later {
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let filled = 0, i = 1; filled < length; i++) {
    const input = new Uint8Array(previous.length + info.length + 1);
    input.set(previous);
    input.set(info, previous.length);
    input[input.length - 1] = i;
    const block = crypto.hmac(hash, prk, input);
    if (!(block instanceof Uint8Array)) return block;
    previous = new Uint8Array(block);
    out.set(previous.subarray(0, length - filled), filled);
    filled += previous.length;
  }
  return out;
}

/**
 * HKDF-Expand-Label (RFC 8446 §7.1): HKDF-Expand of the HkdfLabel structure, a two-byte length,
 * the label prefixed with "tls13 " and the context, each with a one-byte length.
 */
export function hkdfExpandLabel<Later extends NotYet = never>(
  crypto: TlsCrypto<Later>,
  hash: TlsHash,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Uint8Array | Later {
  const name = new TextEncoder().encode(`tls13 ${label}`);
  const info = new Uint8Array(2 + 1 + name.length + 1 + context.length);
  info[0] = length >> 8;
  info[1] = length & 0xff;
  info[2] = name.length;
  info.set(name, 3);
  info[3 + name.length] = context.length;
  info.set(context, 4 + name.length);
  return hkdfExpand(crypto, hash, secret, info, length);
}

/** A traffic secret's write key and IV. */
export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/**
 * RFC 8446 §7.3: [sender]_write_key and [sender]_write_iv from a traffic secret. Both are asked
 * for before either answer is looked at, so that a host computing in rounds gets both at once.
 */
export function trafficKeys<Later extends NotYet = never>(
  crypto: TlsCrypto<Later>,
  suite: SuiteProtection,
  secret: Uint8Array,
): TrafficKeys | Later {
  const none = new Uint8Array(0);
  const key = hkdfExpandLabel(crypto, suite.hash, secret, 'key', none, suite.keyLength);
  const iv = hkdfExpandLabel(crypto, suite.hash, secret, 'iv', none, IV_LENGTH);
  if (!(key instanceof Uint8Array)) return key;
  if (!(iv instanceof Uint8Array)) return iv;
  return { key, iv };
}

/** RFC 8446 §7.2: the traffic secret after a KeyUpdate. */
export function nextTrafficSecret<Later extends NotYet = never>(
  crypto: TlsCrypto<Later>,
  suite: SuiteProtection,
  secret: Uint8Array,
): Uint8Array | Later {
  return hkdfExpandLabel(
    crypto,
    suite.hash,
    secret,
    'traffic upd',
    new Uint8Array(0),
    suite.hashLength,
  );
}
