/**
 * TLS handshake messages (RFC 5246 §7.4 for TLS 1.2, RFC 8446 §4 for TLS 1.3) and the
 * record-layer messages a scenario shows beside them: ChangeCipherSpec, Alert, ApplicationData.
 */
export const TLS_MESSAGE_TYPES = [
  'ClientHello',
  'ServerHello',
  'HelloRetryRequest',
  'Certificate',
  'ServerKeyExchange',
  'CertificateRequest',
  'ServerHelloDone',
  'ClientKeyExchange',
  'CertificateVerify',
  'ChangeCipherSpec',
  'EncryptedExtensions',
  'Finished',
  'Alert',
  'ApplicationData',
] as const;

export type TlsMessageType = (typeof TLS_MESSAGE_TYPES)[number];

const BY_LOWER: ReadonlyMap<string, TlsMessageType> = new Map(
  TLS_MESSAGE_TYPES.map((name) => [name.toLowerCase(), name]),
);

/** Reads a message name in any case (`ClientHello`, `clienthello`). */
export function parseTlsMessageType(text: string): TlsMessageType | undefined {
  return BY_LOWER.get(text.toLowerCase());
}

/** The fields each message may carry, and which of them it needs. */
export const TLS_MESSAGE_FIELDS: Readonly<
  Record<
    TlsMessageType,
    { readonly allowed: readonly string[]; readonly required: readonly string[] }
  >
> = {
  ClientHello: {
    allowed: ['random', 'sni', 'versions', 'suites', 'key_share'],
    required: ['random'],
  },
  ServerHello: { allowed: ['random', 'version', 'suite', 'key_share'], required: ['random'] },
  HelloRetryRequest: { allowed: ['group'], required: [] },
  Certificate: { allowed: ['cert'], required: [] },
  ServerKeyExchange: { allowed: ['share', 'group'], required: ['share'] },
  CertificateRequest: { allowed: [], required: [] },
  ServerHelloDone: { allowed: [], required: [] },
  ClientKeyExchange: { allowed: ['premaster', 'encrypted', 'share'], required: [] },
  CertificateVerify: { allowed: [], required: [] },
  ChangeCipherSpec: { allowed: [], required: [] },
  EncryptedExtensions: { allowed: [], required: [] },
  Finished: { allowed: [], required: [] },
  Alert: { allowed: [], required: [] },
  ApplicationData: { allowed: [], required: [] },
};

/** Alert descriptions (RFC 8446 §6), the ones a handshake scenario meets. */
export const TLS_ALERTS = [
  'close_notify',
  'unexpected_message',
  'bad_record_mac',
  'handshake_failure',
  'bad_certificate',
  'unsupported_certificate',
  'certificate_revoked',
  'certificate_expired',
  'certificate_unknown',
  'illegal_parameter',
  'unknown_ca',
  'access_denied',
  'decode_error',
  'decrypt_error',
  'protocol_version',
  'insufficient_security',
  'internal_error',
  'unrecognized_name',
] as const;

export type TlsAlert = (typeof TLS_ALERTS)[number];

/** One line of explanation per message, for hovers and completion. */
export const TLS_MESSAGE_DOCS: Readonly<Record<TlsMessageType, string>> = {
  ClientHello:
    'The client opens the handshake: its random (client random), the server name it wants (SNI), the versions and cipher suites it offers, and in TLS 1.3 its key share.',
  ServerHello:
    'The server answers with its own random (server random) and picks one version and one cipher suite from those the client offered; in TLS 1.3 it adds its key share and everything after it is encrypted.',
  HelloRetryRequest:
    'TLS 1.3: the server asks the client to send its ClientHello again with a key share for another group.',
  Certificate:
    'The certificate chain: the subject (DNS name), the public key, and the signature of the issuing CA. The client checks it against the CAs it trusts.',
  ServerKeyExchange:
    'TLS 1.2 ECDHE: the server’s ephemeral key share, signed with the private key of its certificate. Not sent with RSA key exchange.',
  CertificateRequest: 'The server asks the client for a certificate of its own.',
  ServerHelloDone: 'TLS 1.2: the server has finished its part of the hello; the client goes on.',
  ClientKeyExchange:
    'TLS 1.2: with RSA, the premaster secret encrypted with the server’s public key; with ECDHE, the client’s key share.',
  CertificateVerify:
    'A signature over the handshake so far, made with the certificate’s private key: proof that the sender holds it.',
  ChangeCipherSpec:
    'TLS 1.2: from here on the sender encrypts with the keys derived from the master secret (TLS 1.3 only sends it for middlebox compatibility).',
  EncryptedExtensions: 'TLS 1.3: the server’s first encrypted message, with its extensions.',
  Finished:
    'A MAC over the whole handshake with keys from the master secret: it fails if any earlier message was changed on the way, or if the sender does not know the secret.',
  Alert: 'An error (or close_notify): a fatal alert ends the connection.',
  ApplicationData: 'Data protected with the session keys, for example the HTTP request.',
};
