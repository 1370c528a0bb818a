import { intern } from './intern';
import type { ScanError, Token, TokenKind } from './token';

/**
 * Character classes for ASCII. Past ASCII, letters of any script start and continue a name
 * (Unicode's identifier rules, UAX #31: ID_Start, ID_Continue), so `endpoint 客户端` reads as
 * in English; anything else is `unknown` (or part of a string). Full-width forms (U+FF01 to
 * U+FF5E, what a Chinese input method types for `＋`, `＝`, `１`) are never part of a name: the
 * parser reports them as one problem with the ASCII to write.
 */
const enum Class {
  Other = 0,
  Blank = 1,
  Word = 2, // letters, `_`, `.`, `:`, `[`, `]`
  Digit = 3,
}

const CLASSES = new Uint8Array(128);
for (const c of ' \t\r\f\v') CLASSES[c.charCodeAt(0)] = Class.Blank;
for (let c = 48; c <= 57; c++) CLASSES[c] = Class.Digit;
for (let c = 65; c <= 90; c++) CLASSES[c] = CLASSES[c + 32] = Class.Word;
for (const c of '_.:[]') CLASSES[c.charCodeAt(0)] = Class.Word;

function classOf(code: number): Class {
  return code < 128 ? (CLASSES[code] as Class) : Class.Other;
}

const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;

/** The length (1 or 2 code units) of a name character past ASCII at `i`, or 0. */
function nameCharLength(text: string, i: number, first: boolean): number {
  const code = text.codePointAt(i) ?? 0;
  if (code < 128 || (code >= 0xff01 && code <= 0xff5e)) return 0;
  const ch = String.fromCodePoint(code);
  return (first ? ID_START : ID_CONTINUE).test(ch) ? ch.length : 0;
}

function isWordCode(code: number): boolean {
  const c = classOf(code);
  return c === Class.Word || c === Class.Digit;
}

const LOWER_X = 120;
const TILDE = 126;
const COLON = 58;
const SLASH = 47;
const EQUALS = 61;

/**
 * `SCHEME://` right after `=` (`sni=https://bank.example`): a URL written where a host name goes,
 * as notes copy it from the address bar. There the `//` does not start a comment: the URL is
 * one word, and the parser says to write the host name alone. Anywhere else `//` is a comment.
 */
function isUrlAt(text: string, start: number, colonEnd: number): boolean {
  return (
    text.charCodeAt(start - 1) === EQUALS &&
    text.charCodeAt(colonEnd) === SLASH &&
    text.charCodeAt(colonEnd + 1) === SLASH &&
    /^[A-Za-z]+:$/.test(text.slice(start, colonEnd))
  );
}

/** The end of a URL: the next blank, quote, newline or the end of the text. */
function urlEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 34 || code === 0x3000 || classOf(code) === Class.Blank) break;
    i++;
  }
  return i;
}

/**
 * Splits text into tokens. Never throws: a character it cannot use becomes an `unknown` token
 * and an unterminated string ends at the line's end, both marked with `error`. Comments (`#` and
 * `//` to the end of the line) and blanks are skipped (a Scanner made with `trivia` hands the
 * comments out as `comment` tokens); newlines are tokens, since statements are lines. The last
 * token is always `eof`.
 */
export function scan(text: string): Token[] {
  const scanner = new Scanner(text);
  const tokens: Token[] = [];
  for (;;) {
    const token = scanner.next();
    tokens.push(token);
    if (token.kind === 'eof') return tokens;
  }
}

/** True when `text` is one name as the scanner reads names (letters of any script, digits, _). */
export function isName(text: string): boolean {
  const token = new Scanner(text).next();
  return token.kind === 'ident' && token.start === 0 && token.end === text.length && !token.error;
}

/**
 * Hands out the tokens of `text` one at a time from `offset`, so the parser never holds them
 * all: on a large scenario they die young, which is most of what makes parsing fast.
 */
export class Scanner {
  private i: number;

  /** `trivia`: hand out comments as `comment` tokens instead of skipping them. */
  constructor(
    private readonly text: string,
    offset = 0,
    private readonly trivia = false,
  ) {
    this.i = offset;
  }

  /** Continues from `offset` (a token boundary). */
  moveTo(offset: number): void {
    this.i = offset;
  }

  /** The next token; `eof` (again and again) at the end. */
  next(): Token {
    const text = this.text;
    const length = text.length;
    while (this.i < length) {
      const i = this.i;
      const code = text.charCodeAt(i);
      const cls = classOf(code);
      if (cls === Class.Blank || code === 0xfeff) {
        this.i++;
      } else if (cls === Class.Word || cls === Class.Digit) {
        return this.word(i, code, cls);
      } else if (code >= 128 && nameCharLength(text, i, true) > 0) {
        return this.word(i, code, Class.Word);
      } else if (code === 10) {
        this.i++;
        return { kind: 'newline', start: i, end: i + 1, text: '\n' };
      } else if (code === 35 || (code === 47 && text.charCodeAt(i + 1) === 47)) {
        const newline = text.indexOf('\n', i);
        this.i = newline < 0 ? length : newline;
        if (this.trivia)
          return { kind: 'comment', start: i, end: this.i, text: text.slice(i, this.i) };
      } else if (code === 34) {
        const tokens: Token[] = [];
        this.i = scanString(text, i, tokens);
        return tokens[0] as Token;
      } else if (code === 45 && text.charCodeAt(i + 1) === 62) {
        this.i += 2;
        return { kind: 'arrow', start: i, end: i + 2, text: '->' };
      } else if (code === TILDE && text.charCodeAt(i + 1) === 62) {
        this.i += 2;
        return { kind: 'flightArrow', start: i, end: i + 2, text: '~>' };
      } else if (
        code === 45 &&
        text.charCodeAt(i + 1) === LOWER_X &&
        !isWordCode(text.charCodeAt(i + 2))
      ) {
        this.i += 2;
        return { kind: 'lostArrow', start: i, end: i + 2, text: '-x' };
      } else {
        return this.single(i);
      }
    }
    return { kind: 'eof', start: length, end: length, text: '' };
  }

  private word(start: number, code: number, cls: Class): Token {
    const text = this.text;
    const length = text.length;
    let digits = cls === Class.Digit;
    let ident = cls === Class.Word && code !== 46 && code !== 58 && code !== 91 && code !== 93;
    let i = start + (code >= 128 ? nameCharLength(text, start, true) : 1);
    if (code >= 128) digits = false;
    while (i < length) {
      const next = text.charCodeAt(i);
      const nextClass = classOf(next);
      if (nextClass === Class.Digit) {
        i++;
      } else if (nextClass === Class.Word) {
        digits = false;
        if (next === 46 || next === 58 || next === 91 || next === 93) ident = false;
        i++;
      } else if (next >= 128) {
        const more = nameCharLength(text, i, false);
        if (more === 0) break;
        digits = false;
        i += more;
      } else {
        break;
      }
    }
    if (i > start + 1 && text.charCodeAt(i - 1) === COLON && isUrlAt(text, start, i)) {
      this.i = urlEnd(text, i);
      return { kind: 'word', start, end: this.i, text: text.slice(start, this.i) };
    }
    this.i = i;
    const kind: TokenKind = digits ? 'number' : ident ? 'ident' : 'word';
    return { kind, start, end: i, text: ident ? intern(text, start, i) : text.slice(start, i) };
  }

  private single(i: number): Token {
    const ch = this.text[i] as string;
    const kind = SINGLE[ch];
    if (kind) {
      this.i = i + 1;
      return { kind, start: i, end: i + 1, text: ch };
    }
    // Keep surrogate pairs together so the error names a whole character.
    const width = (this.text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    this.i = i + width;
    return {
      kind: 'unknown',
      start: i,
      end: i + width,
      text: this.text.slice(i, i + width),
      error: 'unexpectedCharacter',
      errorAt: i,
    };
  }
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
