import { distance, formatValue, resolve, type SeqValue, type SymbolValues } from '../tcp/seqValue';

/**
 * How sequence numbers are shown: as written in the scenario (symbols stay symbols), absolute
 * (symbols with a `let` number replaced by it), or relative to each side's initial sequence
 * number, the way Wireshark shows them by default.
 */
export type NumberStyle = 'asWritten' | 'absolute' | 'relative';

export const NUMBER_STYLES: readonly NumberStyle[] = ['asWritten', 'absolute', 'relative'];

/** Formats `value`; `iss` is the initial sequence number of the space it counts in. */
export function showNumber(
  value: SeqValue,
  style: NumberStyle,
  symbols: SymbolValues,
  iss: SeqValue | undefined,
): string {
  switch (style) {
    case 'asWritten':
      return formatValue(value);
    case 'absolute':
      return formatValue(resolve(value, symbols));
    case 'relative': {
      const relative = iss ? distance(iss, value, symbols) : undefined;
      return relative === undefined ? formatValue(value) : String(relative);
    }
  }
}
