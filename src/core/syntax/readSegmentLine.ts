import { TCP_FLAG, TCP_FLAGS } from '../protocol/tcpFlags';
import { intern } from './intern';
import type { Token } from './token';
import type { Name, SegmentFacts } from './tree';

/** The facts of one line, filled in place. */
export type LineFacts = { -readonly [K in keyof SegmentFacts]: SegmentFacts[K] };

export function emptyFacts(): LineFacts {
  return {
    fromText: '',
    toText: '',
    flagBits: 0,
    flagCount: 0,
    seqSymbol: undefined,
    seqOffset: NaN,
    ackSymbol: undefined,
    ackOffset: NaN,
    winValue: -1,
    wscaleValue: -1,
    lenValue: -1,
    payloadBytes: -1,
  };
}

export interface LineEnd {
  /** The end of the statement: its last flag, field or payload. */
  readonly end: number;
  /** Where the receiver's name starts. */
  readonly toStart: number;
  /** Where the scanner goes on: the line's newline, a comment, or the end of the text. */
  readonly next: number;
  readonly lost: boolean;
}

const enum Code {
  Tab = 9,
  Newline = 10,
  VerticalTab = 11,
  FormFeed = 12,
  Return = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Equals = 61,
  UpperA = 65,
  UpperZ = 90,
  LeftBracket = 91,
  Backslash = 92,
  RightBracket = 93,
  Underscore = 95,
  LowerA = 97,
  LowerZ = 122,
  Bom = 0xfeff,
}

/** Flags by their three letters in upper case, packed as `c0 << 16 | c1 << 8 | c2`. */
const FLAG_BITS = new Map<number, number>(TCP_FLAGS.map((name) => [pack(name), TCP_FLAG[name]]));

const FIELD_SEQ = pack('seq');
const FIELD_ACK = pack('ack');
const FIELD_WIN = pack('win');
const FIELD_LEN = pack('len');

function pack(word: string): number {
  return (word.charCodeAt(0) << 16) | (word.charCodeAt(1) << 8) | word.charCodeAt(2);
}

function isBlank(c: number): boolean {
  return (
    c === Code.Space ||
    c === Code.Tab ||
    c === Code.Return ||
    c === Code.FormFeed ||
    c === Code.VerticalTab ||
    c === Code.Bom
  );
}

function isLetter(c: number): boolean {
  return (
    (c >= Code.LowerA && c <= Code.LowerZ) ||
    (c >= Code.UpperA && c <= Code.UpperZ) ||
    c === Code.Underscore
  );
}

function isDigit(c: number): boolean {
  return c >= Code.Zero && c <= Code.Nine;
}

/** Characters that the scanner would join to a word before them (`10.0.0.1:80`, `[::1]`). */
/** Past ASCII (a name in another script) the token parser decides: it is also "word only". */
function isWordOnly(c: number): boolean {
  return (
    c === Code.Dot ||
    c === Code.Colon ||
    c === Code.LeftBracket ||
    c === Code.RightBracket ||
    c >= 128
  );
}

/**
 * The fast reading of a segment line, after `FROM ->`: straight from the characters, with no
 * tokens. It accepts only well-formed lines written the usual way (`to FLAGS seq=V ack=V
 * len=N "payload"`, at least one flag, known and not repeated, no field twice) and returns undefined at
 * anything else (a SYN's `wscale=` included: few lines carry it), before reporting anything; parseSegment then reads the line with the token
 * parser, which is the reference: both readings give the same tree (a property test holds them
 * to it). Fills `facts` on success.
 */
export function readSegmentLine(
  text: string,
  from: Name,
  arrow: Token,
  facts: LineFacts,
): LineEnd | undefined {
  const length = text.length;
  let i = arrow.end;
  while (i < length && isBlank(text.charCodeAt(i))) i++;
  if (!isLetter(text.charCodeAt(i))) return undefined;
  const toStart = i;
  i = identEnd(text, i);
  if (i < 0) return undefined;
  facts.fromText = intern(text, from.start, from.end);
  facts.toText = intern(text, toStart, i);
  facts.flagBits = 0;
  facts.flagCount = 0;
  facts.seqSymbol = facts.ackSymbol = undefined;
  facts.seqOffset = facts.ackOffset = NaN;
  facts.winValue = facts.wscaleValue = facts.lenValue = facts.payloadBytes = -1;
  let end = i;
  for (;;) {
    while (i < length && isBlank(text.charCodeAt(i))) i++;
    const c = i < length ? text.charCodeAt(i) : Code.Newline;
    if (c === Code.Newline || c === Code.Hash) break;
    if (c === Code.Slash && text.charCodeAt(i + 1) === Code.Slash) break;
    if (c === Code.Comma || c === Code.Plus) {
      i++;
    } else if (c === Code.Quote) {
      if (facts.payloadBytes >= 0) return undefined;
      i = stringEnd(text, i, facts);
      if (i < 0) return undefined;
      end = i;
    } else if (isLetter(c)) {
      const start = i;
      i = identEnd(text, i);
      if (i < 0) return undefined;
      i = i - start === 3 ? item(text, start, facts) : -1;
      if (i < 0) return undefined;
      end = i;
    } else {
      return undefined;
    }
  }
  // A line without flags is never well formed: the token parser says what it misses.
  if (facts.flagCount === 0) return undefined;
  return { end, toStart, next: i, lost: arrow.kind === 'lostArrow' };
}

/** The end of an identifier starting at `i`, or -1 when the scanner would make it a word. */
function identEnd(text: string, i: number): number {
  let c = text.charCodeAt(++i);
  while (isLetter(c) || isDigit(c)) c = text.charCodeAt(++i);
  return isWordOnly(c) ? -1 : i;
}

/** A flag or a field, whose name is the three letters at `start`; the offset after it, or -1. */
function item(text: string, start: number, facts: LineFacts): number {
  const c0 = text.charCodeAt(start);
  const c1 = text.charCodeAt(start + 1);
  const c2 = text.charCodeAt(start + 2);
  const i = start + 3;
  if (text.charCodeAt(i) === Code.Equals) {
    return field(text, (c0 << 16) | (c1 << 8) | c2, i + 1, facts);
  }
  // `SYN =` would be a field for the token parser: leave it to it.
  let j = i;
  while (j < text.length && isBlank(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === Code.Equals) return -1;
  const bit = FLAG_BITS.get((upper(c0) << 16) | (upper(c1) << 8) | upper(c2));
  if (bit === undefined || facts.flagBits & bit) return -1;
  facts.flagBits |= bit;
  facts.flagCount++;
  return i;
}

function upper(c: number): number {
  return c >= Code.LowerA && c <= Code.LowerZ ? c - 32 : c;
}

function field(text: string, name: number, i: number, facts: LineFacts): number {
  if (name === FIELD_WIN || name === FIELD_LEN) {
    const end = numberEnd(text, i);
    if (end < 0) return -1;
    const value = numberValue(text, i, end);
    if (name === FIELD_WIN) {
      if (facts.winValue >= 0) return -1;
      facts.winValue = value;
    } else {
      if (facts.lenValue >= 0) return -1;
      facts.lenValue = value;
    }
    return end;
  }
  const seq = name === FIELD_SEQ;
  if (!seq && name !== FIELD_ACK) return -1;
  if (!Number.isNaN(seq ? facts.seqOffset : facts.ackOffset)) return -1;
  let symbol: string | undefined;
  let offset: number;
  let end: number;
  const c = text.charCodeAt(i);
  if (isDigit(c)) {
    end = numberEnd(text, i);
    if (end < 0) return -1;
    offset = numberValue(text, i, end);
  } else if (isLetter(c)) {
    const symbolEnd = identEnd(text, i);
    if (symbolEnd < 0) return -1;
    symbol = intern(text, i, symbolEnd);
    end = symbolEnd;
    offset = 0;
    const sign = text.charCodeAt(end);
    if ((sign === Code.Plus || sign === Code.Minus) && isDigit(text.charCodeAt(end + 1))) {
      const amountEnd = numberEnd(text, end + 1);
      if (amountEnd < 0) return -1;
      const magnitude = numberValue(text, end + 1, amountEnd);
      offset = sign === Code.Minus ? -magnitude : magnitude;
      end = amountEnd;
    } else {
      // `x + 1`, `x+y`, `x-`: a sign the token parser reads differently; leave it to it.
      let j = end;
      while (j < text.length && isBlank(text.charCodeAt(j))) j++;
      const next = text.charCodeAt(j);
      if (next === Code.Plus || next === Code.Minus) return -1;
    }
  } else {
    return -1;
  }
  if (seq) {
    facts.seqSymbol = symbol;
    facts.seqOffset = offset;
  } else {
    facts.ackSymbol = symbol;
    facts.ackOffset = offset;
  }
  return end;
}

/** The end of a run of digits at `i` that the scanner reads as a number, or -1. */
function numberEnd(text: string, i: number): number {
  if (!isDigit(text.charCodeAt(i))) return -1;
  let c = text.charCodeAt(++i);
  while (isDigit(c)) c = text.charCodeAt(++i);
  return isLetter(c) || isWordOnly(c) ? -1 : i;
}

/** `Number(text.slice(start, end))`, without the slice when the digits are exact in a double. */
function numberValue(text: string, start: number, end: number): number {
  if (end - start > 15) return Number(text.slice(start, end));
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - Code.Zero);
  return value;
}

/**
 * A string's bytes on the wire, as the scanner counts them (UTF-8, `\xHH` one byte), stored in
 * `facts.payloadBytes`; the offset after the closing quote, or -1 for anything the scanner
 * would report.
 */
function stringEnd(text: string, start: number, facts: LineFacts): number {
  let i = start + 1;
  let bytes = 0;
  for (;;) {
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    if (c === Code.Newline) return -1;
    if (c === Code.Quote) break;
    if (c === Code.Backslash) {
      const escape = text.charCodeAt(i + 1);
      if (
        escape === 110 || // n
        escape === 114 || // r
        escape === 116 || // t
        escape === Code.Zero ||
        escape === Code.Backslash ||
        escape === Code.Quote
      ) {
        i += 2;
      } else if (escape === 120 && isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3))) {
        i += 4;
      } else {
        return -1;
      }
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 2;
    } else {
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      i++;
    }
  }
  facts.payloadBytes = bytes;
  return i + 1;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
