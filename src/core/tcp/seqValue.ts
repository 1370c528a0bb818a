/**
 * Sequence-number values. A value is a 32-bit number, or a symbol plus an offset (`x+1`), the
 * way textbooks write a handshake before any number is chosen. All arithmetic is modulo 2^32
 * (RFC 9293 §3.4): after 4294967295 comes 0.
 */
export const SEQ_MODULUS = 2 ** 32;
export const SEQ_MAX = SEQ_MODULUS - 1;

/** The names textbooks give initial sequence numbers, in the order fixes and completion offer them. */
export const ISS_SYMBOL_NAMES: readonly string[] = ['x', 'y', 'z', 'w'];

/** The first of ISS_SYMBOL_NAMES not yet in use. */
export function freshSymbolName(taken: (name: string) => boolean): string | undefined {
  return ISS_SYMBOL_NAMES.find((name) => !taken(name));
}

export interface SeqValue {
  /** The symbol this value counts from; absent for a plain number. */
  readonly symbol?: string;
  /** Offset from the symbol, or the number itself; always in [0, 2^32). */
  readonly offset: number;
}

/** Numeric values bound to symbols with `let`; unbound symbols stay symbolic. */
export type SymbolValues = ReadonlyMap<string, number | undefined>;

export function u32(n: number): number {
  const r = n % SEQ_MODULUS;
  return r < 0 ? r + SEQ_MODULUS : r;
}

export function seqValue(offset: number, symbol?: string): SeqValue {
  return symbol === undefined ? { offset: u32(offset) } : { symbol, offset: u32(offset) };
}

export function plus(value: SeqValue, n: number): SeqValue {
  return seqValue(value.offset + n, value.symbol);
}

/** Replaces a symbol that has a number by that number. */
export function resolve(value: SeqValue, symbols: SymbolValues): SeqValue {
  if (value.symbol === undefined) return value;
  const bound = symbols.get(value.symbol);
  return bound === undefined ? value : seqValue(bound + value.offset);
}

/**
 * `to - from` modulo 2^32, or undefined when the two count from different unbound symbols
 * (then nothing can be said about their order).
 */
export function distance(from: SeqValue, to: SeqValue, symbols: SymbolValues): number | undefined {
  const a = resolve(from, symbols);
  const b = resolve(to, symbols);
  if (a.symbol !== b.symbol) return undefined;
  return u32(b.offset - a.offset);
}

export function sameValue(a: SeqValue, b: SeqValue, symbols: SymbolValues): boolean {
  return distance(a, b, symbols) === 0;
}

/**
 * Serial-number comparison (RFC 1982, as TCP uses it): true when `a` comes before `b` by less
 * than half the number space.
 */
export function before(a: SeqValue, b: SeqValue, symbols: SymbolValues): boolean {
  const d = distance(a, b, symbols);
  return d !== undefined && d !== 0 && d < SEQ_MODULUS / 2;
}

/** `a <= b` in serial-number order. */
export function atOrBefore(a: SeqValue, b: SeqValue, symbols: SymbolValues): boolean {
  const d = distance(a, b, symbols);
  return d !== undefined && d < SEQ_MODULUS / 2;
}

/** As written in the language: `x`, `x+1`, `x-2`, `3626544837`. */
export function formatValue(value: SeqValue): string {
  if (value.symbol === undefined) return String(value.offset);
  if (value.offset === 0) return value.symbol;
  return value.offset < SEQ_MODULUS / 2
    ? `${value.symbol}+${value.offset}`
    : `${value.symbol}-${SEQ_MODULUS - value.offset}`;
}

/** For people: `x+1 = 3626544837` when the symbol has a number, else as written. */
export function describeValue(value: SeqValue, symbols: SymbolValues): string {
  const written = formatValue(value);
  const resolved = resolve(value, symbols);
  return resolved.symbol === undefined && value.symbol !== undefined
    ? `${written} = ${resolved.offset}`
    : written;
}
