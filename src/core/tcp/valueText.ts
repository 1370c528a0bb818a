import type { ValueExpression } from '../syntax/tree';
import {
  formatValue,
  resolve,
  SEQ_MODULUS,
  u32,
  type SeqValue,
  type SymbolValues,
} from './seqValue';

/**
 * The text a fix writes for `value`, in the style of what the user wrote: symbolic where they
 * wrote a symbol (`x+1`), a number where they wrote a number and the number is known.
 */
export function fixValueText(
  value: SeqValue,
  written: ValueExpression | undefined,
  symbols: SymbolValues,
): string {
  const resolved = resolve(value, symbols);
  const symbol = written?.symbol?.text;
  if (symbol !== undefined) {
    if (value.symbol === symbol) return formatValue(value);
    const bound = symbols.get(symbol);
    if (bound !== undefined && resolved.symbol === undefined) {
      const offset = u32(resolved.offset - bound);
      return formatValue({ symbol, offset: offset < SEQ_MODULUS / 2 ? offset : offset });
    }
    return formatValue(value);
  }
  if (written && resolved.symbol === undefined) return String(resolved.offset);
  return formatValue(value);
}
