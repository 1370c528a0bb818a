import { NOT_YET, type NotYet, type TlsCrypto } from './tlsCrypto';
import {
  nextTrafficSecret,
  trafficKeys,
  type SuiteProtection,
  type TrafficKeys,
} from './tlsKeySchedule';

/** A record opened: its real content type (RFC 8446 §5.2) and content. */
export type OpenedRecord =
  | { readonly ok: true; readonly type: number; readonly content: Uint8Array }
  | { readonly ok: false; readonly why: 'authentication' | 'no-content-type' }
  /** The host has not computed the keys or the opening yet (tlsCryptoRounds.ts). */
  | { readonly ok: false; readonly why: NotYet };

/**
 * One direction's record protection under one traffic secret (RFC 8446 §5.2, §5.3): the
 * write key and IV, and the sequence number of the next record, which starts at 0 for every
 * key and counts each record opened.
 */
export class RecordProtection {
  private keys: TrafficKeys | NotYet;
  private seq = 0;

  constructor(
    private readonly crypto: TlsCrypto<NotYet>,
    private readonly suite: SuiteProtection,
    private secret: Uint8Array | NotYet,
  ) {
    this.keys = secret === NOT_YET ? NOT_YET : trafficKeys(crypto, suite, secret);
  }

  /** True while the host has not computed the current key (tlsCryptoRounds.ts). */
  get waiting(): boolean {
    return this.keys === NOT_YET;
  }

  /** How many records were opened under the current key. */
  get records(): number {
    return this.seq;
  }

  /**
   * Opens one protected record: `header` is its five-byte header, which is the AEAD's
   * additional data (RFC 8446 §5.2), `body` its encrypted_record. Never throws.
   */
  open(header: Uint8Array, body: Uint8Array): OpenedRecord {
    const keys = this.keys;
    if (keys === NOT_YET) return { ok: false, why: NOT_YET };
    const nonce = perRecordNonce(keys.iv, this.seq);
    const plain = this.crypto.open(this.suite.aead, keys.key, nonce, header, body);
    if (!plain) return { ok: false, why: 'authentication' };
    this.seq++;
    // Counted as opened: the records after it are asked for under their own sequence numbers.
    if (plain === NOT_YET) return { ok: false, why: NOT_YET };
    return innerPlaintext(plain) ?? { ok: false, why: 'no-content-type' };
  }

  /** RFC 8446 §4.6.3: after a KeyUpdate the sender uses the next secret, from record 0. */
  update(): void {
    const secret = this.secret;
    this.secret = secret === NOT_YET ? NOT_YET : nextTrafficSecret(this.crypto, this.suite, secret);
    this.keys =
      this.secret === NOT_YET ? NOT_YET : trafficKeys(this.crypto, this.suite, this.secret);
    this.seq = 0;
  }
}

/**
 * RFC 8446 §5.3: the 64-bit sequence number, big-endian and left-padded with zeros to the IV's
 * length, XORed with the IV.
 */
export function perRecordNonce(iv: Uint8Array, seq: number): Uint8Array {
  const nonce = new Uint8Array(iv);
  let n = seq;
  for (let i = nonce.length - 1; i >= nonce.length - 8 && n > 0; i--) {
    nonce[i] = (nonce[i] as number) ^ (n % 256);
    n = Math.floor(n / 256);
  }
  return nonce;
}

/**
 * RFC 8446 §5.2: TLSInnerPlaintext is the content, its real content type, then zeros (padding):
 * the type is the last byte that is not zero. A plaintext of zeros only has none.
 */
export function innerPlaintext(
  plain: Uint8Array,
): { readonly ok: true; readonly type: number; readonly content: Uint8Array } | undefined {
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (end < 0) return undefined;
  return { ok: true, type: plain[end] as number, content: plain.subarray(0, end) };
}
