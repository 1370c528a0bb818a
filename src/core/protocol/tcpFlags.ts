/**
 * The TCP control bits and their bits in the header's flags byte (RFC 9293 §3.1; ECE and CWR
 * from RFC 3168 §6.1). Every number that holds a set of flags uses these bits: the capture
 * readers', the syntax tree's `flagBits`, the engine's steps.
 */
export const TCP_FLAG = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

export type TcpFlag = keyof typeof TCP_FLAG;

/**
 * The flags in header order, left to right as RFC 9293 §3.1 draws them (highest bit first):
 * the order of the members of a flag set.
 */
export const TCP_FLAGS: readonly TcpFlag[] = Object.freeze(
  (Object.keys(TCP_FLAG) as TcpFlag[]).sort((a, b) => TCP_FLAG[b] - TCP_FLAG[a]),
);

/**
 * The order the language writes flags in, the formatter's diagrams and the capture importer
 * alike: SYN ACK, FIN ACK, PSH ACK, RST ACK, SYN ACK ECE.
 */
export const TCP_FLAG_WRITING_ORDER: readonly TcpFlag[] = Object.freeze([
  'SYN',
  'FIN',
  'RST',
  'PSH',
  'URG',
  'ACK',
  'ECE',
  'CWR',
]);

const BY_NAME: ReadonlyMap<string, TcpFlag> = new Map(
  TCP_FLAGS.flatMap((flag) => [
    [flag, flag],
    [flag.toLowerCase(), flag],
  ]),
);

/** Reads a flag name in any case. */
export function parseTcpFlag(text: string): TcpFlag | undefined {
  return BY_NAME.get(text) ?? BY_NAME.get(text.toUpperCase());
}

/** Flags in the writing order, space separated: `SYN ACK`. */
export function formatFlags(flags: ReadonlySet<TcpFlag>): string {
  return TCP_FLAG_WRITING_ORDER.filter((flag) => flags.has(flag)).join(' ');
}

/** The flags set in `bits` (header bits), in the writing order, space separated: `SYN ACK`. */
export function formatFlagBits(bits: number): string {
  // Once per flags byte: the capture importer writes one for every packet.
  const key = bits & 0xff;
  return (FLAG_BITS_TEXT[key] ??= TCP_FLAG_WRITING_ORDER.filter(
    (flag) => key & TCP_FLAG[flag],
  ).join(' '));
}

const FLAG_BITS_TEXT: (string | undefined)[] = new Array<string | undefined>(256);

/** The bit of `flag` in the header's flags byte. */
export function flagBit(flag: TcpFlag): number {
  return TCP_FLAG[flag];
}
