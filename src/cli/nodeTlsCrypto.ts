import { createDecipheriv, createHmac, type CipherGCMTypes } from 'node:crypto';
import type { TlsCrypto } from '../core/capture/read/tlsCrypto';

/** RFC 8446 §5.2: every TLS 1.3 AEAD appends a 16-byte tag (CCM_8's 8-byte one is not used). */
const TAG_LENGTH = 16;

/**
 * The key log decryption's cryptography with Node's `crypto`, synchronous as the import is:
 * for the CLI and the desktop extension (the web build has no Node `crypto`).
 */
export const nodeTlsCrypto: TlsCrypto = {
  hmac(hash, key, data) {
    return new Uint8Array(createHmac(hash, key).update(data).digest());
  },
  open(aead, key, nonce, additionalData, sealed) {
    if (sealed.length < TAG_LENGTH) return undefined;
    const at = sealed.length - TAG_LENGTH;
    try {
      // One overload per AEAD family in Node's types; the calls are the same for all three.
      const decipher = createDecipheriv(aead as CipherGCMTypes, key, nonce, {
        authTagLength: TAG_LENGTH,
      });
      decipher.setAAD(additionalData);
      decipher.setAuthTag(sealed.subarray(at));
      const head = decipher.update(sealed.subarray(0, at));
      // `final` throws when the tag does not match: the record is not authentic.
      const tail = decipher.final();
      const plain = new Uint8Array(head.length + tail.length);
      plain.set(head);
      plain.set(tail, head.length);
      return plain;
    } catch {
      return undefined;
    }
  },
};
