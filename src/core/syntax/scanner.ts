import type { ScanError, Token, TokenKind } from './token';

const WORD = /[A-Za-z0-9_.:[\]]/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DIGITS = /^[0-9]+$/;

/**
 * Splits text into tokens. Never throws: a character it cannot use becomes an `unknown` token
 * and an unterminated string ends at the line's end, both marked with `error`. Comments (`#` and
 * `//` to the end of the line) and blanks are skipped; newlines are tokens, since statements are
 * lines. The last token is always `eof`.
 */
export function scan(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, extra?: Partial<Token>): void => {
    tokens.push({ kind, start, end, text: text.slice(start, end), ...extra });
  };
  while (i < text.length) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\ufeff') {
      i++;
    } else if (ch === '\n') {
      push('newline', i, i + 1);
      i++;
    } else if (ch === '#' || (ch === '/' && next === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '"') {
      i = scanString(text, i, tokens);
    } else if (ch === '-' && next === '>') {
      push('arrow', i, i + 2);
      i += 2;
    } else if (ch === '-' && next === 'x' && !WORD.test(text[i + 2] ?? ' ')) {
      push('lostArrow', i, i + 2);
      i += 2;
    } else if (WORD.test(ch)) {
      const start = i;
      while (i < text.length && WORD.test(text[i] as string)) i++;
      const word = text.slice(start, i);
      push(DIGITS.test(word) ? 'number' : IDENT.test(word) ? 'ident' : 'word', start, i);
    } else {
      const single = SINGLE[ch];
      if (single) push(single, i, i + 1);
      else {
        // Keep surrogate pairs together so the error names a whole character.
        const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
        push('unknown', i, i + width, { error: 'unexpectedCharacter', errorAt: i });
        i += width;
        continue;
      }
      i++;
    }
  }
  push('eof', text.length, text.length);
  return tokens;
}

const SINGLE: Readonly<Record<string, TokenKind>> = {
  '=': 'equals',
  '+': 'plus',
  '-': 'minus',
  ',': 'comma',
  '{': 'lbrace',
  '}': 'rbrace',
};

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  '\\': '\\',
  '"': '"',
};

/** Scans a string starting at the quote at `start`; returns the offset after it. */
function scanString(text: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  let value = '';
  let bytes = 0;
  let error: ScanError | undefined;
  let errorAt: number | undefined;
  const fail = (kind: ScanError, at: number): void => {
    if (!error) {
      error = kind;
      errorAt = at;
    }
  };
  for (;;) {
    const ch = text[i];
    if (ch === undefined || ch === '\n') {
      fail('unterminatedString', start);
      break;
    }
    if (ch === '"') {
      i++;
      break;
    }
    if (ch === '\\') {
      const esc = text[i + 1];
      const simple = esc === undefined ? undefined : ESCAPES[esc];
      if (simple !== undefined) {
        value += simple;
        bytes += 1;
        i += 2;
        continue;
      }
      const hex = esc === 'x' ? /^[0-9a-fA-F]{2}/.exec(text.slice(i + 2, i + 4)) : null;
      if (hex) {
        value += String.fromCharCode(parseInt(hex[0], 16));
        bytes += 1; // `\xHH` is one byte, whatever character it shows as
        i += 4;
        continue;
      }
      fail('badEscape', i);
      value += '\\';
      bytes += 1;
      i++;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      value += text.slice(i, i + 2);
      bytes += 4;
      i += 2;
      continue;
    }
    value += ch;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    i++;
  }
  let end = i;
  // An unterminated string stops before a trailing `\r` so the line ending stays out of it.
  if (error === 'unterminatedString' && text[end - 1] === '\r') end--;
  tokens.push({
    kind: 'string',
    start,
    end,
    text: text.slice(start, end),
    value,
    byteLength: bytes,
    ...(error ? { error, errorAt: errorAt ?? start } : {}),
  });
  return i;
}
