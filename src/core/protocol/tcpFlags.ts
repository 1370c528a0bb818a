/** TCP control bits (RFC 9293 §3.1, RFC 3168 for ECE and CWR), in header order for printing. */
export const TCP_FLAGS = ['CWR', 'ECE', 'URG', 'ACK', 'PSH', 'RST', 'SYN', 'FIN'] as const;

export type TcpFlag = (typeof TCP_FLAGS)[number];

/** The order people write them in: SYN ACK, FIN ACK, PSH ACK, RST ACK. */
const WRITING_ORDER: readonly TcpFlag[] = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ACK', 'ECE', 'CWR'];

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

/** Flags in the conventional order, space separated: `SYN ACK`. */
export function formatFlags(flags: ReadonlySet<TcpFlag>): string {
  return WRITING_ORDER.filter((flag) => flags.has(flag)).join(' ');
}

/** The bit of `flag` in a set of flags written as a number (TCP_FLAGS order, CWR = 1). */
export function flagBit(flag: TcpFlag): number {
  return 1 << TCP_FLAGS.indexOf(flag);
}

/**
 * The control bits as the TCP header's flags byte holds them (RFC 9293 §3.1, RFC 3168 §23.2 for
 * ECE and CWR): what a capture carries and what Wireshark's analysis reads.
 */
export const TCP_HEADER_BITS = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/**
 * The header's flags byte of a set written as `flagBit` numbers. TCP_FLAGS lists the bits in
 * the header's order from its high bit, so the one is the other with its 8 bits reversed.
 */
export function headerBitsOf(flagBits: number): number {
  let bits = 0;
  for (let i = 0; i < 8; i++) if (flagBits & (1 << i)) bits |= 0x80 >> i;
  return bits;
}
