import type { Text } from '../text/words';
import { TCP_TEXT } from './tcpText';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { NumberLiteral, SegmentStatement } from '../syntax/tree';
import { TCP_FLAG, TCP_FLAGS, type TcpFlag } from '../protocol/tcpFlags';
import type { Span } from '../text/span';
import { MAX_WSCALE } from './windowScale';

/** Largest scaled window: 65535 << 14 (RFC 7323 §2.3). */
export const WINDOW_MAX = 65535 * 2 ** 14;
/** A segment may not cover more than a quarter of the sequence space, or order breaks down. */
export const LENGTH_MAX = 2 ** 30;

export interface Shape {
  readonly flags: ReadonlySet<TcpFlag>;
  readonly len: number;
  /** False when the segment cannot be simulated at all (no flags, impossible flags). */
  readonly ok: boolean;
}

const IMPOSSIBLE: readonly { a: TcpFlag; b: TcpFlag; reason: () => Text }[] = [
  { a: 'SYN', b: 'FIN', reason: () => TCP_TEXT.synFin },
  { a: 'SYN', b: 'RST', reason: () => TCP_TEXT.synRst },
];

/**
 * One shared, frozen set (and list) per combination of flags, keyed by the header bits of
 * TCP_FLAG: segments reuse them. A set's members come in header order (TCP_FLAGS).
 */
const FLAG_SETS = new Map<number, ReadonlySet<TcpFlag>>();
const FLAG_LISTS = new WeakMap<ReadonlySet<TcpFlag>, readonly TcpFlag[]>();
const FLAG_BITS = new WeakMap<ReadonlySet<TcpFlag>, number>();

export function internFlags(flags: Iterable<TcpFlag>): ReadonlySet<TcpFlag> {
  let key = 0;
  for (const flag of flags) key |= TCP_FLAG[flag];
  let set = FLAG_SETS.get(key);
  if (!set) {
    const members = TCP_FLAGS.filter((flag) => key & TCP_FLAG[flag]);
    set = Object.freeze(new Set(members));
    FLAG_SETS.set(key, set);
    FLAG_LISTS.set(set, Object.freeze(members));
    FLAG_BITS.set(set, key);
  }
  return set;
}

/** The flags of an interned set as a list, without copying. */
export function flagList(flags: ReadonlySet<TcpFlag>): readonly TcpFlag[] {
  return FLAG_LISTS.get(flags) ?? [...flags];
}

/** The header bits of an interned set (TCP_FLAG). */
export function flagBitsOf(flags: ReadonlySet<TcpFlag>): number {
  return FLAG_BITS.get(flags) ?? FLAG_BITS.get(internFlags(flags)) ?? 0;
}

/** The interned set of the flags in `bits` (header bits, TCP_FLAG). */
export function flagsOfBits(bits: number): ReadonlySet<TcpFlag> {
  return FLAG_SETS.get(bits) ?? internFlags(TCP_FLAGS.filter((flag) => bits & TCP_FLAG[flag]));
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/**
 * Checks what a segment is made of, before any state is involved. Reads the statement's facts;
 * its nodes are asked for only to point a diagnostic at them.
 */
export function checkShape(statement: SegmentStatement, report: (d: Finding) => void): Shape {
  if (statement.flagCount !== bitCount(statement.flagBits)) {
    // One problem per repeated flag, however often it is repeated: over its repeats.
    const repeats = new Map<TcpFlag, { times: number; first?: Span; last?: Span }>();
    for (const node of statement.flags) {
      const seen = repeats.get(node.flag);
      if (!seen) repeats.set(node.flag, { times: 1 });
      else {
        seen.times++;
        seen.first ??= node;
        seen.last = node;
      }
    }
    for (const [flag, { times, first, last }] of repeats) {
      if (first && last) {
        report(diagnostic('DuplicateFlag', { start: first.start, end: last.end }, { flag, times }));
      }
    }
  }
  const flags = flagsOfBits(statement.flagBits);
  let ok = true;
  if (flags.size === 0) {
    // An unknown flag was already reported: "no flags" would say the same thing again.
    if (!statement.broken.includes('flags')) {
      report(diagnostic('NoFlags', statement.flagsSpan ?? statement.arrow));
    }
    ok = false;
  }
  for (const { a, b, reason } of IMPOSSIBLE) {
    if (flags.has(a) && flags.has(b)) {
      report(
        diagnostic('InvalidFlagCombination', statement.flagsSpan ?? statement, {
          flags: `${a}+${b}`,
          reason: reason(),
        }),
      );
      ok = false;
    }
  }
  if (statement.winValue > WINDOW_MAX) {
    const win = statement.win?.value as NumberLiteral;
    report(
      diagnostic('NumberOutOfRange', win, {
        what: `win=${win.text}`,
        max: `${WINDOW_MAX} (65535 << 14)`,
      }),
    );
  }
  if (statement.wscaleValue >= 0) checkWscale(statement, flags, report);
  let len = Math.max(statement.payloadBytes, 0);
  if (statement.lenValue >= 0) {
    if (statement.lenValue > LENGTH_MAX) {
      const lenNode = statement.len?.value as NumberLiteral;
      report(
        diagnostic('NumberOutOfRange', lenNode, {
          what: `len=${lenNode.text}`,
          max: String(LENGTH_MAX),
        }),
      );
      ok = false;
    } else {
      len = statement.lenValue;
    }
  }
  return { flags, len, ok };
}

/**
 * `wscale=`, the Window Scale option: only a SYN carries it, and a receiver ignores it on any
 * other segment (RFC 7323 §2.2); a shift above 14 is taken as 14 (§2.3, "SHOULD log the error").
 */
function checkWscale(
  statement: SegmentStatement,
  flags: ReadonlySet<TcpFlag>,
  report: (d: Finding) => void,
): void {
  const field = statement.wscale;
  if (!field) return;
  if (!flags.has('SYN')) report(diagnostic('WindowScaleWithoutSyn', field));
  else if (statement.wscaleValue > MAX_WSCALE) {
    report(diagnostic('WindowScaleTooLarge', field.value, { text: field.value.text }));
  }
}
