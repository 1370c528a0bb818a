import type { Span } from '../text/span';

export type TokenKind =
  | 'ident' // letters, digits, `_`, starting with a letter or `_`: keywords, names, flags, symbols
  | 'number' // decimal digits only
  | 'word' // any other run of word characters: addresses (`10.0.0.1:80`, `[::1]:443`), `2MSL`
  | 'string' // "..." with escapes; `value` holds the decoded text
  | 'arrow' // `->`: a segment that is delivered
  | 'lostArrow' // `-x`: a segment that is sent but lost
  | 'flightArrow' // `~>`: a segment that is sent and stays in flight until a `deliver`
  | 'equals'
  | 'plus'
  | 'minus'
  | 'comma'
  | 'lbrace'
  | 'rbrace'
  | 'newline'
  | 'unknown' // a character the language has no use for
  | 'comment' // `#` or `//` to the end of the line: trivia, handed out only when asked for
  | 'eof';

export type ScanError = 'unterminatedString' | 'badEscape' | 'unexpectedCharacter';

export interface Token extends Span {
  readonly kind: TokenKind;
  readonly text: string;
  /** Decoded value of a string token. */
  readonly value?: string;
  /** Length of a string token's value in bytes as sent on the wire (UTF-8; `\xHH` is one byte). */
  readonly byteLength?: number;
  /** Set when the scanner had to guess; the parser turns it into a diagnostic. */
  readonly error?: ScanError;
  /** Offset of the problem inside the token (a bad escape), else the token's start. */
  readonly errorAt?: number;
}
