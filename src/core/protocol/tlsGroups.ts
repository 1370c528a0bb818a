import { codePointText } from './tlsCodePoint';

/** A named group for (EC)DHE key shares. */
export interface TlsGroupEntry {
  /** The name in the language (and the importer's output). */
  readonly name: string;
  /** The NamedGroup code point (IANA TLS Supported Groups). */
  readonly code: number;
  /** Offered by completion after `group=`: the elliptic curves scenarios usually name. */
  readonly suggested: boolean;
}

/**
 * Named groups (RFC 8446 §4.2.7, RFC 8422 §5.1.1, RFC 7919 for ffdhe, draft-ietf-tls-ecdhe-mlkem
 * for X25519MLKEM768), the suggested ones first in the order completion offers them.
 */
export const TLS_GROUPS: readonly TlsGroupEntry[] = [
  { name: 'x25519', code: 0x001d, suggested: true },
  { name: 'secp256r1', code: 0x0017, suggested: true },
  { name: 'secp384r1', code: 0x0018, suggested: true },
  { name: 'x448', code: 0x001e, suggested: true },
  { name: 'secp521r1', code: 0x0019, suggested: false },
  { name: 'ffdhe2048', code: 0x0100, suggested: false },
  { name: 'ffdhe3072', code: 0x0101, suggested: false },
  { name: 'X25519MLKEM768', code: 0x11ec, suggested: false },
];

/** The groups completion offers, in its order. */
export const SUGGESTED_GROUPS: readonly string[] = TLS_GROUPS.filter((g) => g.suggested).map(
  (g) => g.name,
);

const NAME_BY_CODE: ReadonlyMap<number, string> = new Map(
  TLS_GROUPS.map((group) => [group.code, group.name]),
);

/** The name of a group's code point (`x25519`), or the code point in hex when unknown. */
export function groupName(code: number): string {
  return NAME_BY_CODE.get(code) ?? codePointText(code);
}
