/** How the premaster secret (or the TLS 1.3 shared secret) is agreed. */
export type KeyExchange = 'RSA' | 'ECDHE' | 'TLS13';

export type TlsVersion = '1.2' | '1.3';

export const TLS_VERSIONS: readonly TlsVersion[] = ['1.2', '1.3'];

/** `1.2`, `TLS1.2`, `tls1.3`, `TLSv1.3` → the version. */
export function parseTlsVersion(text: string): TlsVersion | undefined {
  const match = /^(?:tls)?v?(1\.[23])$/i.exec(text);
  return match ? (match[1] as TlsVersion) : undefined;
}

/** IANA cipher suite names (RFC 5288, RFC 5289, RFC 7905, RFC 8446 §B.4). */
export const CIPHER_SUITES: Readonly<Record<string, KeyExchange>> = {
  TLS_RSA_WITH_AES_128_CBC_SHA: 'RSA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'RSA',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'RSA',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'RSA',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384: 'ECDHE',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'RSA',
  TLS_RSA_WITH_AES_256_CBC_SHA256: 'RSA',
  TLS_AES_128_GCM_SHA256: 'TLS13',
  TLS_AES_256_GCM_SHA384: 'TLS13',
  TLS_CHACHA20_POLY1305_SHA256: 'TLS13',
  TLS_AES_128_CCM_SHA256: 'TLS13',
};

/** The key exchange of a suite, or undefined for a name not in the table. */
export function keyExchangeOf(suite: string): KeyExchange | undefined {
  return CIPHER_SUITES[suite.toUpperCase()];
}

/** TLS 1.3 suites name only the cipher and hash; TLS 1.2 suites name the key exchange too. */
export function suiteFitsVersion(suite: string, version: TlsVersion): boolean {
  const kex = keyExchangeOf(suite);
  return kex === undefined || (kex === 'TLS13') === (version === '1.3');
}

/** Groups for (EC)DHE key shares (RFC 8446 §4.2.7). */
export const TLS_GROUPS = ['x25519', 'secp256r1', 'secp384r1', 'x448'] as const;
