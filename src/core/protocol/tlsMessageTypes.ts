import type { Locale } from '../text/locale';

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

/**
 * Reads a message name in any case (`ClientHello`, `clienthello`), and as the RFCs' enums and
 * many notes spell it (`client_hello`, `server_hello_done`, `change_cipher_spec`).
 */
export function parseTlsMessageType(text: string): TlsMessageType | undefined {
  const lower = text.toLowerCase();
  return (
    BY_LOWER.get(lower) ?? (lower.includes('_') ? BY_LOWER.get(lower.replace(/_/g, '')) : undefined)
  );
}

/** ContentType of a TLS record (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const TLS_CONTENT_TYPE = {
  ChangeCipherSpec: 20,
  Alert: 21,
  Handshake: 22,
  ApplicationData: 23,
} as const;

/**
 * HandshakeType of a handshake message (RFC 8446 §4, RFC 5246 §7.4), for the messages the
 * capture importer reads; NewSessionTicket is read but has no statement in the language.
 */
export const TLS_HANDSHAKE_TYPE = {
  ClientHello: 1,
  ServerHello: 2,
  NewSessionTicket: 4,
  Certificate: 11,
  ServerKeyExchange: 12,
  CertificateRequest: 13,
  ServerHelloDone: 14,
  CertificateVerify: 15,
  ClientKeyExchange: 16,
  // TLS 1.3 only, and encrypted: read when a key log decrypts them.
  EncryptedExtensions: 8,
  Finished: 20,
} as const satisfies Readonly<Partial<Record<TlsMessageType | 'NewSessionTicket', number>>>;

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

/** Alert descriptions and their numbers on the wire (RFC 8446 §6, RFC 5246 §7.2). */
export const TLS_ALERT_CODES = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  access_denied: 49,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  inappropriate_fallback: 86,
  user_canceled: 90,
  missing_extension: 109,
  unsupported_extension: 110,
  unrecognized_name: 112,
  bad_certificate_status_response: 113,
  unknown_psk_identity: 115,
  certificate_required: 116,
  no_application_protocol: 120,
} as const;

/** Alert descriptions, the names a scenario writes after `Alert`. */
export const TLS_ALERTS = Object.keys(TLS_ALERT_CODES) as ReadonlyArray<
  keyof typeof TLS_ALERT_CODES
>;

export type TlsAlert = (typeof TLS_ALERTS)[number];

/** One line of explanation per message, for hovers and completion. */
const TLS_MESSAGE_DOCS_EN: Readonly<Record<TlsMessageType, string>> = {
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

const TLS_MESSAGE_DOCS_ZH_CN: Readonly<Record<TlsMessageType, string>> = {
  ClientHello:
    '客户端发起握手：带上自己的随机数（client random）、想访问的服务器名（SNI）、它支持的版本和密码套件，TLS 1.3 中还有它的密钥份额。',
  ServerHello:
    '服务器回复自己的随机数（server random），并从客户端提供的版本和密码套件中各选一个；TLS 1.3 中还带上它的密钥份额，之后的所有消息都是加密的。',
  HelloRetryRequest: 'TLS 1.3：服务器请客户端换一个组的密钥份额，重新发送 ClientHello。',
  Certificate: '证书链：主体（域名）、公钥，以及签发它的 CA 的签名。客户端用它信任的 CA 来验证。',
  ServerKeyExchange:
    'TLS 1.2 ECDHE：服务器的临时密钥份额，用证书的私钥签名。使用 RSA 密钥交换时不发送。',
  CertificateRequest: '服务器要求客户端也出示证书。',
  ServerHelloDone: 'TLS 1.2：服务器的 Hello 部分结束，轮到客户端。',
  ClientKeyExchange:
    'TLS 1.2：使用 RSA 时，是用服务器公钥加密的预主密钥；使用 ECDHE 时，是客户端的密钥份额。',
  CertificateVerify: '用证书私钥对到目前为止的握手消息所做的签名：证明发送方持有这个私钥。',
  ChangeCipherSpec:
    'TLS 1.2：从这里开始，发送方用由主密钥推导出的密钥加密（TLS 1.3 中只为兼容中间设备而发送）。',
  EncryptedExtensions: 'TLS 1.3：服务器的第一条加密消息，带有它的扩展。',
  Finished:
    '用由主密钥推导出的密钥对整个握手计算的 MAC：如果之前任何一条消息在途中被篡改，或者发送方不知道这个秘密，验证就会失败。',
  Alert: '错误（或 close_notify）：致命告警会结束连接。',
  ApplicationData: '用会话密钥保护的数据，例如 HTTP 请求。',
};

/** One line of explanation per message, for hovers and completion, by language. */
export const TLS_MESSAGE_DOCS: Readonly<Record<Locale, Readonly<Record<TlsMessageType, string>>>> =
  {
    en: TLS_MESSAGE_DOCS_EN,
    'zh-cn': TLS_MESSAGE_DOCS_ZH_CN,
  };
