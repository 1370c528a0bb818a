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
