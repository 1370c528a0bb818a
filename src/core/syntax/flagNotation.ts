import { parseTcpFlag, type TcpFlag } from '../protocol/tcpFlags';
import type { Cursor } from './cursor';
import type { Token } from './token';
import type { FlagNode } from './tree';

/**
 * Flags as textbooks and Wireshark write them, read as the language's own: `SYN/ACK`,
 * `SYN-ACK` and the header's bits `SYN=1 ACK=1`. Each reader takes the tokens it reads from the
 * cursor and says whether it did.
 */

/**
 * `SYN/ACK`, `SYN-ACK`: flags joined as textbooks and Wireshark's column print them, read as
 * `SYN ACK`. Only between two flags that touch it; the `/` (which the scanner does not know)
 * is not reported.
 */
export function joinsFlags(cursor: Cursor, token: Token, flags: readonly FlagNode[]): boolean {
  if (token.kind !== 'minus' && !(token.kind === 'unknown' && token.text === '/')) return false;
  const before = flags[flags.length - 1];
  const next = cursor.peek();
  if (!before || before.end !== token.start || next.start !== token.end) return false;
  if (next.kind !== 'ident' || !parseTcpFlag(next.text)) return false;
  const last = cursor.diagnostics[cursor.diagnostics.length - 1];
  if (last?.kind === 'UnexpectedCharacter' && last.span.start === token.start) {
    cursor.diagnostics.pop();
  }
  cursor.advance();
  return true;
}

/**
 * `SYN=1 ACK=1`: flags written as the header's bits, as many textbooks do (`=0`: not set).
 * `ack=` is the acknowledgment number, so `ACK=` is a bit only in capitals, with 0 or 1, after
 * another flag written as a bit (`SYN=1 ACK=1`), or on a line that gives `ack=` in lower case
 * too. Written first (`ACK=1 SYN=1`) without a lower-case `ack=`, it stays the ack field. In
 * lower case (`syn=1,ack=1 ... ack=x+1`) it is a bit after another bit on a line that gives
 * `ack=` again.
 */
export function flagWrittenAsBit(
  cursor: Cursor,
  token: Token,
  /** True when a flag before it on the line was written as a bit. */
  afterBits: boolean,
): { readonly flag: TcpFlag; readonly set: boolean; readonly end: number } | undefined {
  if (token.kind !== 'ident' || cursor.peek(1).kind !== 'equals') return undefined;
  const flag = parseTcpFlag(token.text);
  const value = cursor.peek(2);
  if (!flag || value.kind !== 'number' || (value.text !== '0' && value.text !== '1')) {
    return undefined;
  }
  if (flag === 'ACK') {
    const bits =
      token.text === 'ACK'
        ? afterBits || lowerAckAhead(cursor)
        : afterBits && ackAgainAhead(cursor, token);
    if (!bits) return undefined;
  }
  cursor.advance();
  cursor.advance();
  cursor.advance();
  return { flag, set: value.text === '1', end: value.end };
}

/**
 * True when `ack=` comes again later on the line. Notes write the bits in lower case
 * (`syn=1,ack=1`) beside the number (`ack=x+1`); a field is given once, so after another bit the
 * first `ack=1` is the flag and the later `ack=` the number.
 */
function ackAgainAhead(cursor: Cursor, token: Token): boolean {
  return (
    cursor.findAhead(
      (t) => t.start > token.start && t.kind === 'ident' && t.text === 'ack',
      (t) => t.kind === 'newline',
    ) !== undefined
  );
}

/** True when the rest of the line gives `ack=` in lower case: then `ACK=1` is the flag. */
function lowerAckAhead(cursor: Cursor): boolean {
  return (
    cursor.findAhead(
      (t) => t.kind === 'ident' && t.text === 'ack',
      (t) => t.kind === 'newline',
    ) !== undefined
  );
}
