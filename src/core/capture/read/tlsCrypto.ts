/**
 * The primitive cryptography the key log decryption needs, given by the host: the core stays
 * pure (no Node `crypto`, no WebCrypto), and every call is synchronous so that the import stays
 * one synchronous pass. The CLI and the desktop extension give Node's `crypto`
 * (src/cli/nodeTlsCrypto.ts), which always answers (`Later` is `never`). VS Code for the Web
 * has WebCrypto, which is asynchronous: it gives a provider that answers from results already
 * computed and says `NOT_YET` for the others, and runs the import again once they are
 * (tlsCryptoRounds.ts).
 */
export interface TlsCrypto<Later extends NotYet = never> {
  /** HMAC (RFC 2104) of `data` under `key`: the building block of HKDF-Expand (RFC 5869 §2.3). */
  hmac(hash: TlsHash, key: Uint8Array, data: Uint8Array): Uint8Array | Later;
  /**
   * Opens an AEAD-sealed record (RFC 5116 §2.2): `sealed` is the ciphertext followed by the
   * 16-byte tag. The plaintext, or undefined when it fails authentication. Never throws.
   */
  open(
    aead: TlsAead,
    key: Uint8Array,
    nonce: Uint8Array,
    additionalData: Uint8Array,
    sealed: Uint8Array,
  ): Uint8Array | undefined | Later;
}

/** The answer of a host whose cryptography is asynchronous, for a result not computed yet. */
export const NOT_YET = 'not-yet';
export type NotYet = typeof NOT_YET;

/** The hashes of TLS 1.3's suites (RFC 8446 §B.4). */
export type TlsHash = 'sha256' | 'sha384';

/** The AEADs of TLS 1.3's suites that the key log decryption supports (RFC 8446 §B.4). */
export type TlsAead = 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
