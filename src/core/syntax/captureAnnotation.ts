import type { Span } from '../text/span';

/**
 * What the capture importer writes after a segment line it read from a capture:
 *
 *     # frame 4 t=0.000454 mss=65495 wscale=10 [TCP Retransmission]
 *
 * The frame number, the time in seconds since the first packet, a SYN's options (`mss=N`,
 * `wscale=N`, `sack_perm`, and any other `name=value`) and Wireshark's
 * analysis labels in brackets. A comment that does not start with `# frame N` is a plain
 * comment; in one that does, the annotation ends where its items stop and free text begins.
 */
export interface CaptureAnnotation extends Span {
  readonly frame: number;
  /** `t=`: seconds since the capture's first packet; undefined when not written. */
  readonly seconds?: number;
  /** `mss=`: the SYN's maximum segment size option (RFC 9293 §3.7.1). */
  readonly mss?: number;
  /** `wscale=`: the SYN's window scale option (RFC 7323 §2.2). */
  readonly wscale?: number;
  /** Other options as written (`sack_perm`, `ts=1:0`), in order. */
  readonly options: readonly string[];
  /** Wireshark's analysis labels without their brackets (`TCP Dup ACK 12#1`), in order. */
  readonly labels: readonly string[];
}

/** The few facts of an annotation the checker reads on every captured segment. */
export interface CaptureFacts {
  /** Offset of the annotation's `#`, or -1 when the segment line has none. */
  at: number;
  frame: number;
  /** NaN when no `t=` was written. */
  seconds: number;
  /** -1 when no `wscale=` was written. */
  wscale: number;
  /** The comment is not an annotation but the importer's ASSUMED_MARK (`at` is then -1). */
  assumed: boolean;
}

const enum Code {
  Tab = 9,
  Newline = 10,
  VerticalTab = 11,
  FormFeed = 12,
  Return = 13,
  Space = 32,
  Hash = 35,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Equals = 61,
  LeftBracket = 91,
  RightBracket = 93,
}

function isBlank(c: number): boolean {
  return (
    c === Code.Space ||
    c === Code.Tab ||
    c === Code.Return ||
    c === Code.FormFeed ||
    c === Code.VerticalTab
  );
}

function isDigit(c: number): boolean {
  return c >= Code.Zero && c <= Code.Nine;
}

/** The end of a run of digits at `i` (i itself when there is none). */
function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** The end of an item that is not a label: up to a blank, a `[` or the line's end. */
function itemEnd(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c) || c === Code.Newline || c === Code.LeftBracket || isBlank(c)) return i;
    i++;
  }
}

/** A character of an option's name: a letter or `_`, or a digit after the first. */
function isNameCode(c: number, first: boolean): boolean {
  const lower = c | 0x20;
  return (lower >= 97 && lower <= 122) || c === 95 || (!first && isDigit(c));
}

/**
 * The offset of the `#` of a comment that follows `from` on its line after blanks only, or -1.
 * A segment line's annotation is such a comment.
 */
export function commentAfter(text: string, from: number): number {
  let i = from;
  while (isBlank(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === Code.Hash ? i : -1;
}

/**
 * What the capture importer writes after a line it assumed, for a packet the capture does not
 * hold (a handshake before the capture started, a segment it missed). Such a line has no
 * annotation: its options, a SYN's window scale among them, are unknown.
 */
export const ASSUMED_MARK = '# not in the capture: assumed';

/** Whether the comment whose `#` is at `at` is the importer's ASSUMED_MARK. */
export function isAssumedMark(text: string, at: number): boolean {
  return text.startsWith(ASSUMED_MARK, at);
}

/** The largest window scale shift (RFC 7323 §2.3). */
const MAX_WSCALE = 14;

/** A value of digits only, or NaN. */
function whole(text: string, start: number, end: number): number {
  return end > start && digitsEnd(text, start) === end ? Number(text.slice(start, end)) : NaN;
}

/** Seconds: digits with an optional fraction (`0.000454`), or NaN. */
function decimal(text: string, start: number, end: number): number {
  let i = digitsEnd(text, start);
  if (i === start) return NaN;
  const whole = i;
  if (text.charCodeAt(i) === Code.Dot) {
    const fraction = digitsEnd(text, i + 1);
    if (fraction === i + 1) return NaN;
    i = fraction;
  }
  if (i !== end) return NaN;
  const places = whole === end ? 0 : end - whole - 1;
  if (end - start - (places > 0 ? 1 : 0) > MAX_EXACT_DIGITS) return Number(text.slice(start, end));
  // The digits as one whole number, divided by a power of ten: both are exact doubles, and a
  // division of exact doubles rounds correctly, as Number() does; without a string made for
  // every captured line.
  let digits = 0;
  for (let at = start; at < end; at++) {
    if (at !== whole) digits = digits * 10 + (text.charCodeAt(at) - Code.Zero);
  }
  return places === 0 ? digits : digits / (POWERS_OF_TEN[places] as number);
}

/** A run of digits (from digitsEnd) as a number. */
function digitsValue(text: string, start: number, end: number): number {
  if (end - start > MAX_EXACT_DIGITS) return Number(text.slice(start, end));
  let value = 0;
  for (let at = start; at < end; at++) value = value * 10 + (text.charCodeAt(at) - Code.Zero);
  return value;
}

/** Up to 15 digits make a whole number below 2^53: exact in a double. */
const MAX_EXACT_DIGITS = 15;
/** 10^0 … 10^15, all exact in a double. */
const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, n) => 10 ** n);

/** Receives the items of an annotation as `readAnnotation` meets them. */
interface Items {
  mss?(value: number): void;
  option?(text: string): void;
  label?(text: string): void;
}

/**
 * Reads the annotation whose `#` is at `at` into `facts`; returns the offset of its end (after
 * its last item), or -1 when the comment is not an annotation (facts are then untouched except
 * `at`, set to -1). `items` collects the options and labels, for the tree's node.
 */
export function readAnnotation(
  text: string,
  at: number,
  facts: CaptureFacts,
  items?: Items,
): number {
  facts.at = -1;
  let i = at + 1;
  while (isBlank(text.charCodeAt(i))) i++;
  if (!text.startsWith('frame', i)) return -1;
  i += 5;
  if (!isBlank(text.charCodeAt(i))) return -1;
  while (isBlank(text.charCodeAt(i))) i++;
  const frameEnd = digitsEnd(text, i);
  const after = text.charCodeAt(frameEnd);
  if (frameEnd === i || !(Number.isNaN(after) || after === Code.Newline || isBlank(after))) {
    return -1;
  }
  facts.at = at;
  facts.frame = digitsValue(text, i, frameEnd);
  facts.seconds = NaN;
  facts.wscale = -1;
  let end = frameEnd;
  for (i = end; ;) {
    while (isBlank(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === Code.LeftBracket) {
      const close = text.indexOf(']', i);
      const newline = text.indexOf('\n', i);
      if (close < 0 || (newline >= 0 && newline < close)) return end;
      items?.label?.(text.slice(i + 1, close));
      i = end = close + 1;
      continue;
    }
    const stop = itemEnd(text, i);
    if (stop === i || !item(text, i, stop, facts, items)) return end;
    i = end = stop;
  }
}

/** Options written as a bare name (RFC 2018 §2: SACK-permitted has no value). */
const BARE_OPTIONS: ReadonlySet<string> = new Set(['sack_perm']);

/** One `name=value` or known bare `name` item; false when it is free text, which ends the annotation. */
function item(
  text: string,
  start: number,
  end: number,
  facts: CaptureFacts,
  items?: Items,
): boolean {
  let equals = start;
  while (equals < end && isNameCode(text.charCodeAt(equals), equals === start)) equals++;
  if (equals === start) return false;
  if (equals === end) {
    const name = text.slice(start, end);
    if (!BARE_OPTIONS.has(name)) return false;
    items?.option?.(name);
    return true;
  }
  if (text.charCodeAt(equals) !== Code.Equals) return false;
  const name = text.slice(start, equals);
  const valueStart = equals + 1;
  if (valueStart === end) return false;
  if (name === 't') {
    facts.seconds = decimal(text, valueStart, end);
    return !Number.isNaN(facts.seconds);
  }
  if (name === 'mss' || name === 'wscale') {
    const value = whole(text, valueStart, end);
    if (Number.isNaN(value)) return false;
    // RFC 7323 §2.3: a shift above 14 is used as 14. Clamped here, so that the segment table's
    // 32-bit column and the tree's node hold the same number.
    if (name === 'wscale') facts.wscale = Math.min(value, MAX_WSCALE);
    else items?.mss?.(value);
    return true;
  }
  items?.option?.(text.slice(start, end));
  return true;
}

/** The annotation at `at` (its `#`) as a tree node, or undefined for a plain comment. */
export function captureAnnotation(text: string, at: number): CaptureAnnotation | undefined {
  const facts: CaptureFacts = { at: -1, frame: 0, seconds: NaN, wscale: -1, assumed: false };
  const options: string[] = [];
  const labels: string[] = [];
  let mss: number | undefined;
  const end = readAnnotation(text, at, facts, {
    mss: (value) => (mss = value),
    option: (option) => options.push(option),
    label: (label) => labels.push(label),
  });
  if (end < 0) return undefined;
  return {
    start: at,
    end,
    frame: facts.frame,
    ...(Number.isNaN(facts.seconds) ? {} : { seconds: facts.seconds }),
    ...(mss === undefined ? {} : { mss }),
    ...(facts.wscale < 0 ? {} : { wscale: facts.wscale }),
    options,
    labels,
  };
}
