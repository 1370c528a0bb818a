/** Names of the TLS versions and of the cipher suites seen most (IANA TLS parameters). */
export const TLS_VERSIONS: Readonly<Record<number, string>> = {
  0x0300: 'SSL3.0',
  0x0301: 'TLS1.0',
  0x0302: 'TLS1.1',
  0x0303: 'TLS1.2',
  0x0304: 'TLS1.3',
};

export const CIPHER_SUITES: Readonly<Record<number, string>> = {
  0x1301: 'TLS_AES_128_GCM_SHA256',
  0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0xc02b: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  0xc02c: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xcca8: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  0xcca9: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  0x009c: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  0x009d: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  0x009e: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
  0x009f: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
  0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA',
  0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  0xc013: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  0xc014: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
};

export function versionName(version: number): string {
  return TLS_VERSIONS[version] ?? `0x${version.toString(16).padStart(4, '0')}`;
}

export function suiteName(suite: number): string {
  return CIPHER_SUITES[suite] ?? `0x${suite.toString(16).padStart(4, '0')}`;
}
