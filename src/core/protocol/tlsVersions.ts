import { codePointText } from './tlsCodePoint';

/** The versions a scenario can simulate. */
export type TlsVersion = '1.2' | '1.3';

export const TLS_VERSIONS: readonly TlsVersion[] = ['1.2', '1.3'];

/** A protocol version: its code point on the wire and the name the importer writes. */
export interface TlsVersionEntry {
  readonly code: number;
  readonly name: string;
  /** The version in the language's words, for the versions the engine simulates. */
  readonly version?: TlsVersion;
}

/** ProtocolVersion values (RFC 5246 §A.1, RFC 8446 §4.2.1). */
export const TLS_VERSION_CODES: readonly TlsVersionEntry[] = [
  { code: 0x0300, name: 'SSL3.0' },
  { code: 0x0301, name: 'TLS1.0' },
  { code: 0x0302, name: 'TLS1.1' },
  { code: 0x0303, name: 'TLS1.2', version: '1.2' },
  { code: 0x0304, name: 'TLS1.3', version: '1.3' },
];

const NAME_BY_CODE: ReadonlyMap<number, string> = new Map(
  TLS_VERSION_CODES.map((entry) => [entry.code, entry.name]),
);

const VERSION_BY_CODE: ReadonlyMap<number, TlsVersion> = new Map(
  TLS_VERSION_CODES.flatMap((entry) => (entry.version ? [[entry.code, entry.version]] : [])),
);

/** The version a code point stands for in the language (`0x0304` → `1.3`), if it simulates it. */
export function versionOfCode(code: number): TlsVersion | undefined {
  return VERSION_BY_CODE.get(code);
}

/** `1.2`, `TLS1.2`, `tls1.3`, `TLSv1.3` → the version. */
export function parseTlsVersion(text: string): TlsVersion | undefined {
  const match = /^(?:tls)?v?(1\.[23])$/i.exec(text);
  return match ? (match[1] as TlsVersion) : undefined;
}

/** The name of a version's code point (`TLS1.2`), or the code point in hex when unknown. */
export function versionName(code: number): string {
  return NAME_BY_CODE.get(code) ?? codePointText(code);
}
