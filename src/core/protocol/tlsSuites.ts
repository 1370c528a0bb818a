import { codePointText } from './tlsCodePoint';
import type { TlsVersion } from './tlsVersions';

/** How the premaster secret (or the TLS 1.3 shared secret) is agreed, for suites the engine simulates. */
export type KeyExchange = 'RSA' | 'ECDHE' | 'TLS13';

/**
 * What a suite's name says about its key exchange: the engine's three, DHE (finite-field,
 * named by the importer but not simulated), or `signal` for the two values that are not suites
 * at all but flags in the list (RFC 5746 §3.3, RFC 7507 §2).
 */
export type SuiteKeyExchange = KeyExchange | 'DHE' | 'signal';

/** One cipher suite: its IANA name and code point, and its key exchange. */
export interface CipherSuiteEntry {
  readonly name: string;
  readonly code: number;
  readonly keyExchange: SuiteKeyExchange;
}

/**
 * IANA cipher suites (RFC 5246 §A.5, RFC 5288, RFC 5289, RFC 7905, RFC 8446 §B.4): first those
 * the engine simulates, in the order completion offers them, then those only the capture
 * importer names.
 */
export const TLS_SUITES: readonly CipherSuiteEntry[] = [
  { name: 'TLS_RSA_WITH_AES_128_CBC_SHA', code: 0x002f, keyExchange: 'RSA' },
  { name: 'TLS_RSA_WITH_AES_256_CBC_SHA', code: 0x0035, keyExchange: 'RSA' },
  { name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', code: 0x009c, keyExchange: 'RSA' },
  { name: 'TLS_RSA_WITH_AES_256_GCM_SHA384', code: 0x009d, keyExchange: 'RSA' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', code: 0xc02f, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', code: 0xc030, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', code: 0xc02b, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', code: 0xc02c, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', code: 0xcca8, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', code: 0xcca9, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', code: 0xc013, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', code: 0xc014, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', code: 0xc009, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', code: 0xc00a, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', code: 0xc027, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', code: 0xc028, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', code: 0xc023, keyExchange: 'ECDHE' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', code: 0xc024, keyExchange: 'ECDHE' },
  { name: 'TLS_RSA_WITH_AES_128_CBC_SHA256', code: 0x003c, keyExchange: 'RSA' },
  { name: 'TLS_RSA_WITH_AES_256_CBC_SHA256', code: 0x003d, keyExchange: 'RSA' },
  { name: 'TLS_AES_128_GCM_SHA256', code: 0x1301, keyExchange: 'TLS13' },
  { name: 'TLS_AES_256_GCM_SHA384', code: 0x1302, keyExchange: 'TLS13' },
  { name: 'TLS_CHACHA20_POLY1305_SHA256', code: 0x1303, keyExchange: 'TLS13' },
  { name: 'TLS_AES_128_CCM_SHA256', code: 0x1304, keyExchange: 'TLS13' },
  { name: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', code: 0x009e, keyExchange: 'DHE' },
  { name: 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', code: 0x009f, keyExchange: 'DHE' },
  { name: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', code: 0x0067, keyExchange: 'DHE' },
  { name: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', code: 0x006b, keyExchange: 'DHE' },
  { name: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', code: 0x0033, keyExchange: 'DHE' },
  { name: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', code: 0x0039, keyExchange: 'DHE' },
  { name: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', code: 0xccaa, keyExchange: 'DHE' },
  { name: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV', code: 0x00ff, keyExchange: 'signal' },
  { name: 'TLS_FALLBACK_SCSV', code: 0x5600, keyExchange: 'signal' },
];

/** True for a key exchange the engine simulates. */
function isSimulated(kex: SuiteKeyExchange): kex is KeyExchange {
  return kex === 'RSA' || kex === 'ECDHE' || kex === 'TLS13';
}

/**
 * The suites a scenario can name, each with its key exchange, in TLS_SUITES order: what the
 * engine accepts and completion offers.
 */
export const CIPHER_SUITES: Readonly<Record<string, KeyExchange>> = Object.freeze(
  Object.fromEntries(
    TLS_SUITES.flatMap((s) => (isSimulated(s.keyExchange) ? [[s.name, s.keyExchange]] : [])),
  ),
);

const SIMULATED_BY_NAME: ReadonlyMap<string, KeyExchange> = new Map(Object.entries(CIPHER_SUITES));

const NAME_BY_CODE: ReadonlyMap<number, string> = new Map(TLS_SUITES.map((s) => [s.code, s.name]));

/** The key exchange of a suite the engine simulates (any case), or undefined for any other name. */
export function keyExchangeOf(suite: string): KeyExchange | undefined {
  return SIMULATED_BY_NAME.get(suite.toUpperCase());
}

/** TLS 1.3 suites name only the cipher and hash; TLS 1.2 suites name the key exchange too. */
export function suiteFitsVersion(suite: string, version: TlsVersion): boolean {
  const kex = keyExchangeOf(suite);
  return kex === undefined || (kex === 'TLS13') === (version === '1.3');
}

/** The IANA name of a suite's code point, or the code point in hex when unknown. */
export function suiteName(code: number): string {
  return NAME_BY_CODE.get(code) ?? codePointText(code);
}
