import type { KeyLogLabel } from './keyLog';

/**
 * What the key log did for one TLS 1.3 connection, for a comment in the scenario: its records
 * were decrypted, or why they were not (and then the import writes what it writes without a
 * key log: the encrypted flight as assumed).
 */
export type KeyLogNote =
  | { readonly outcome: 'decrypted'; readonly clientRandom: string; readonly suite: string }
  /** No key log was given (or the host has no cryptography: a web worker without WebCrypto). */
  | { readonly outcome: 'no-key-log' }
  /** The key log has no line for this connection's client random. */
  | { readonly outcome: 'no-random'; readonly clientRandom: string }
  /** The ClientHello that names the client random is not in the capture. */
  | { readonly outcome: 'no-client-hello' }
  /** The key log has the client random but not this secret. */
  | { readonly outcome: 'no-secret'; readonly label: KeyLogLabel }
  | { readonly outcome: 'suite'; readonly suite: string }
  /**
   * The host's asynchronous cryptography had not computed these keys or records: said in the
   * drafts of tlsCryptoRounds.ts, and in the text only if the rounds ran out.
   */
  | { readonly outcome: 'not-yet' }
  /** A record failed authentication (a key log of another session, or a corrupt capture). */
  | {
      readonly outcome: 'authentication';
      readonly label: KeyLogLabel;
      readonly sender: 'client' | 'server';
      /** Records of this key opened before it. */
      readonly opened: number;
    };

/**
 * The note as a sentence for a `#` comment; `partly` when records of the connection were
 * decrypted before it stopped.
 */
export function keyLogNoteText(note: KeyLogNote, partly: boolean): string {
  if (note.outcome === 'decrypted') {
    return `TLS 1.3 decrypted with the key log (client random ${note.clientRandom.slice(0, 16)}…, ${note.suite}): the encrypted handshake is written as it was sent.`;
  }
  const why = reason(note);
  return partly
    ? `TLS 1.3: the rest of this connection is not decrypted: ${why}.`
    : `TLS 1.3 not decrypted: ${why}, so the encrypted flight is assumed.`;
}

function reason(note: Exclude<KeyLogNote, { outcome: 'decrypted' }>): string {
  switch (note.outcome) {
    case 'no-key-log':
      return 'no key log was given (import --keylog FILE, or the setting handshake.capture.keyLogFile)';
    case 'no-random':
      return `the key log has no secrets for this connection's client random ${note.clientRandom.slice(0, 16)}…`;
    case 'no-client-hello':
      return 'the capture misses the ClientHello, whose client random finds the secrets in the key log';
    case 'no-secret':
      return `the key log has no ${note.label} for this connection`;
    case 'suite':
      return `the import does not decrypt ${note.suite} (AES-GCM and ChaCha20-Poly1305 only)`;
    case 'not-yet':
      return "VS Code for the Web's cryptography (WebCrypto) had not computed its keys when the import's rounds ran out";
    case 'authentication':
      return `a ${note.sender} record (number ${note.opened} under its key) failed authentication with the key log's ${note.label} (a key log of another session?)`;
  }
}
