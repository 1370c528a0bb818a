import type { Outgoing } from './outgoing';

/**
 * A SYN's payload that is the line's last word, with no len=: `SYN seq=x "第一次握手"`. Written
 * so it is most often a label, not data a Fast Open client sends (HS305 says both). The segment
 * travels without it and `asWritten` carries it; the lines after it choose (see simulate.ts).
 */
export function isSynLabel(out: Outgoing): boolean {
  const statement = out.span;
  const payload = statement.payload;
  return (
    // In a block, or left in flight, its receiver's answer may come before the lines that
    // would decide; the payload is then data, as written.
    out.alone &&
    out.len > 0 &&
    out.flags.has('SYN') &&
    payload !== undefined &&
    statement.len === undefined &&
    statement.end === payload.end
  );
}
