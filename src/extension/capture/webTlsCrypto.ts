import type { TlsAead, TlsHash } from '../../core/capture/read/tlsCrypto';
import type { AsyncTlsCrypto } from '../../core/capture/read/tlsCryptoRounds';
import { chacha20Poly1305Open } from './chacha20Poly1305';

/** RFC 8446 §5.2: every TLS 1.3 AEAD appends a 16-byte tag. */
const TAG_LENGTH = 16;

const HASH_NAME: Readonly<Record<TlsHash, string>> = { sha256: 'SHA-256', sha384: 'SHA-384' };

/**
 * The key log decryption's cryptography with WebCrypto (`crypto.subtle`), for VS Code for the
 * Web, where there is no Node `crypto`: HMAC (importKey + sign) and AES-GCM (decrypt), both
 * asynchronous, so the import runs in rounds (decryptInRounds). WebCrypto has no
 * ChaCha20-Poly1305: that one is opened in plain TypeScript (chacha20Poly1305.ts). Undefined
 * where the worker has no `crypto.subtle` (an insecure context).
 */
export function webTlsCrypto(
  subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle,
): AsyncTlsCrypto | undefined {
  if (!subtle) return undefined;
  return {
    async hmac(hash, key, data) {
      const hmacKey = await subtle.importKey(
        'raw',
        bytes(key),
        { name: 'HMAC', hash: HASH_NAME[hash] },
        false,
        ['sign'],
      );
      return new Uint8Array(await subtle.sign('HMAC', hmacKey, bytes(data)));
    },
    async open(aead: TlsAead, key, nonce, additionalData, sealed) {
      if (sealed.length < TAG_LENGTH) return undefined;
      if (aead === 'chacha20-poly1305')
        return chacha20Poly1305Open(key, nonce, additionalData, sealed);
      try {
        const aesKey = await subtle.importKey('raw', bytes(key), 'AES-GCM', false, ['decrypt']);
        const plain = await subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: bytes(nonce),
            additionalData: bytes(additionalData),
            tagLength: TAG_LENGTH * 8,
          },
          aesKey,
          bytes(sealed),
        );
        return new Uint8Array(plain);
      } catch {
        // WebCrypto rejects (OperationError) when the tag does not match: not authentic.
        return undefined;
      }
    },
  };
}

type SubtleCrypto = typeof globalThis.crypto.subtle;

/** The bytes on an ArrayBuffer of their own, as WebCrypto's BufferSource wants them. */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}
