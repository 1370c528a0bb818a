import { SYNTAX_TEXT } from './syntaxText';
import { diagnostic } from '../check/diagnostic';
import { flagBit, parseTcpFlag } from '../protocol/tcpFlags';
import { Cursor } from './cursor';
import { flagWrittenAsBit, joinsFlags } from './flagNotation';
import {
  commentAfter,
  isAssumedMark,
  readAnnotation,
  type CaptureFacts,
} from './captureAnnotation';
import { emptyFacts, readSegmentLine } from './readSegmentLine';
import { SegmentNode } from './segmentNode';
import { SegmentTable } from './segmentTable';
import { cover, type Span } from '../text/span';
import type { Token } from './token';
import type {
  SegmentParts,
  FieldName,
  FlagNode,
  Name,
  NumberField,
  NumberLiteral,
  SegmentFacts,
  SegmentLabel,
  SegmentStatement,
  StringLiteral,
  ValueExpression,
  ValueField,
} from './tree';

/**
 * Parses what follows `FROM ->` / `FROM -x` on a segment line:
 * `TO FLAGS [seq=V] [ack=V] [win=N] [wscale=N] [len=N] ["payload"]`. Flags may be separated by blanks,
 * commas or `+` (`SYN ACK`, `SYN,ACK`, `SYN+ACK`); fields come in any order.
 *
 * A well-formed line is read without tokens by readSegmentLine, which yields the same tree;
 * anything it does not recognise (including every line with a problem) comes here.
 */
export function parseSegment(cursor: Cursor, from: Name, arrowToken: Token): SegmentStatement {
  const fast = readSegmentFast(cursor, from, arrowToken);
  if (fast) return fast;
  const table = tableOf(cursor);
  const { parts, end, broken, asWritten } = parseParts(cursor, from, arrowToken);
  const lost = arrowToken.kind === 'lostArrow';
  const inFlight = arrowToken.kind === 'flightArrow';
  // A segment left in flight is only ever delivered by its label: a line without one is
  // unfinished (one warning at its end), unless something on it was reported already.
  if (inFlight && !parts.label && !asWritten && !cursor.reportedIn(from.start, end)) {
    cursor.report(SYNTAX_TEXT.aFlightLabel);
  }
  const row = table.add(
    from.start,
    end,
    arrowToken.start,
    parts.to.start,
    lost,
    broken,
    factsOf(parts),
    parts.label || inFlight ? { inFlight, label: parts.label?.name.text } : undefined,
    // Only a line read to its end can end in an annotation; anything else left on it is reported.
    cursor.atLineEnd() ? annotationAfter(cursor.source, end) : undefined,
  );
  return new SegmentNode(table, row, parts);
}

/**
 * The segment after `FROM ->` when readSegmentLine can read its line, else undefined with the
 * cursor where it was. Such a line is never a TLS message (no message name has three letters),
 * so the parser tries this first.
 */
export function readSegmentFast(
  cursor: Cursor,
  from: Name,
  arrowToken: Token,
): SegmentStatement | undefined {
  // `~>` always ends in `as NAME`, which the fast reader leaves to the token parser.
  const fast =
    fastReading.on &&
    arrowToken.kind !== 'flightArrow' &&
    readSegmentLine(cursor.source, from, arrowToken, FACTS);
  if (!fast) return undefined;
  cursor.jumpTo(fast.next);
  const table = tableOf(cursor);
  const row = table.add(
    from.start,
    fast.end,
    arrowToken.start,
    fast.toStart,
    fast.lost,
    NONE_BROKEN,
    FACTS,
    undefined,
    annotationAfter(cursor.source, fast.next),
  );
  return new SegmentNode(table, row);
}

function tableOf(cursor: Cursor): SegmentTable {
  return (cursor.segments ??= new SegmentTable(cursor.source, NONE_BROKEN, readSegmentParts));
}

/** Tests turn the fast reader off to compare its trees with the token parser's. */
export const fastReading = { on: true };

/** Scratch facts for the fast reader: copied into the node, so one object serves every line. */
const FACTS = emptyFacts();

/** Scratch facts of a capture annotation, copied into the table like FACTS. */
const CAPTURE: CaptureFacts = { at: -1, frame: NaN, seconds: NaN, wscale: -1, assumed: false };

/**
 * The capture annotation in a comment after `end` on its line, or the importer's mark of an
 * assumed line (see captureAnnotation.ts).
 */
function annotationAfter(source: string, end: number): CaptureFacts | undefined {
  const at = commentAfter(source, end);
  if (at < 0) return undefined;
  CAPTURE.assumed = false;
  if (readAnnotation(source, at, CAPTURE) >= 0) return CAPTURE;
  if (!isAssumedMark(source, at)) return undefined;
  CAPTURE.assumed = true;
  return CAPTURE;
}

/**
 * The nodes of the segment line at `start` (its sender's name), read again with a cursor of
 * its own; its diagnostics were reported by the first reading.
 */
export function readSegmentParts(source: string, start: number): SegmentParts {
  const cursor = new Cursor(source, start);
  const first = cursor.advance();
  const arrow = cursor.advance();
  const from: Name = { start: first.start, end: first.end, text: first.text };
  return parseParts(cursor, from, arrow).parts;
}

function parseParts(
  cursor: Cursor,
  from: Name,
  arrowToken: Token,
): {
  parts: SegmentParts;
  end: number;
  broken: readonly (FieldName | 'flags')[];
  /** `as` was written, with or without its name (a missing name is already reported). */
  asWritten: boolean;
} {
  const toToken = cursor.at('ident') ? cursor.advance() : undefined;
  if (!toToken) cursor.report(SYNTAX_TEXT.theReceiver);
  const to: Name = toToken
    ? { start: toToken.start, end: toToken.end, text: toToken.text }
    : { start: arrowToken.end, end: arrowToken.end, text: '' };

  const flags: FlagNode[] = [];
  let seq: ValueField | undefined;
  let ack: ValueField | undefined;
  let win: NumberField | undefined;
  let wscale: NumberField | undefined;
  let len: NumberField | undefined;
  let payload: StringLiteral | undefined;
  let broken: (FieldName | 'flags')[] | undefined;
  let label: SegmentLabel | undefined;
  let asWritten = false;
  let bitsWritten = false; // `SYN=1`: see flagNotation.ts
  let end: number = to.end;
  if (cursor.atLineEnd()) {
    // `A -> B` or `A ->`: the line stops before its flags. What comes next is reported (here or
    // just above), and "no flags" would only say it again.
    if (toToken) cursor.report(SYNTAX_TEXT.aFlagOrMessage);
    broken = ['flags'];
  }

  while (!cursor.atLineEnd()) {
    const token = cursor.token;
    if (label) {
      // `as NAME` ends the segment; what follows is reported by the statement's end.
      break;
    }
    if (token.kind === 'ident' && token.text === 'as' && cursor.peek().kind !== 'equals') {
      cursor.advance();
      asWritten = true;
      const nameToken = cursor.expect('ident', SYNTAX_TEXT.aLabel);
      if (nameToken) {
        const name = { start: nameToken.start, end: nameToken.end, text: nameToken.text };
        const keyword = { start: token.start, end: token.end };
        label = { start: token.start, end: nameToken.end, keyword, name };
        end = nameToken.end;
      }
      continue;
    }
    if (token.kind === 'comma' || token.kind === 'plus') {
      cursor.advance();
      continue;
    }
    if (joinsFlags(cursor, token, flags)) continue;
    const bit = flagWrittenAsBit(cursor, token, bitsWritten);
    if (bit) {
      bitsWritten = true;
      if (bit.set) flags.push({ start: token.start, end: token.end, flag: bit.flag });
      end = bit.end;
      continue;
    }
    if (token.kind === 'string') {
      cursor.advance();
      if (payload)
        cursor.diagnostics.push(
          diagnostic('DuplicateField', token, { name: SYNTAX_TEXT.aPayload }),
        );
      else payload = stringLiteral(token);
      end = token.end;
      continue;
    }
    if (token.kind === 'ident' && cursor.peek().kind === 'equals') {
      const name = token.text.toLowerCase();
      const field = parseField(cursor);
      if (!field && FIELD_NAMES.has(name)) (broken ??= []).push(name as FieldName);
      if (field) {
        const taken = { seq, ack, win, wscale, len }[field.name];
        if (taken) {
          cursor.diagnostics.push(
            diagnostic('DuplicateField', field.nameSpan, { name: `${field.name}=` }),
          );
        } else if (field.name === 'seq') seq = field;
        else if (field.name === 'ack') ack = field;
        else if (field.name === 'win') win = field;
        else if (field.name === 'wscale') wscale = field;
        else if (field.name === 'len') len = field;
        end = field.end;
      }
      continue;
    }
    if (token.kind === 'ident') {
      cursor.advance();
      const flag = parseTcpFlag(token.text);
      const name = token.text.toLowerCase();
      if (flag) flags.push({ start: token.start, end: token.end, flag });
      else if (FIELD_NAMES.has(name) && cursor.atLineEnd()) {
        // `seq` at the end of the line: a field whose '=' is still to be typed.
        cursor.report(SYNTAX_TEXT.equalsAfter({ field: token.text }));
        (broken ??= []).push(name as FieldName);
      } else {
        cursor.diagnostics.push(diagnostic('UnknownFlag', token, { text: token.text }));
        (broken ??= []).push('flags');
      }
      end = token.end;
      continue;
    }
    if (token.kind === 'unknown' && token.text === '(') {
      // `ack=x+1 (第二次握手)`: a remark in parentheses, as notes write one.
      cursor.remark();
      break;
    }
    cursor.report(SYNTAX_TEXT.segmentPart);
    cursor.skipWord();
  }

  const first = flags[0];
  const last = flags[flags.length - 1];
  const parts: SegmentParts = {
    from,
    to,
    arrow: { start: arrowToken.start, end: arrowToken.end },
    flags,
    flagsSpan: first && last ? (first === last ? first : cover(first, last)) : undefined,
    seq,
    ack,
    win,
    wscale,
    len,
    payload,
    label,
  };
  return { parts, end, broken: broken ?? NONE_BROKEN, asWritten };
}

/** The facts the engine reads, taken from the nodes. */
function factsOf(parts: SegmentParts): SegmentFacts {
  let flagBits = 0;
  for (const node of parts.flags) flagBits |= flagBit(node.flag);
  return {
    fromText: parts.from.text,
    toText: parts.to.text,
    flagBits,
    flagCount: parts.flags.length,
    seqSymbol: parts.seq?.value.symbol?.text,
    seqOffset: parts.seq ? parts.seq.value.offset : NaN,
    ackSymbol: parts.ack?.value.symbol?.text,
    ackOffset: parts.ack ? parts.ack.value.offset : NaN,
    winValue: parts.win ? parts.win.value.value : -1,
    wscaleValue: parts.wscale ? parts.wscale.value.value : -1,
    lenValue: parts.len ? parts.len.value.value : -1,
    payloadBytes: parts.payload ? parts.payload.byteLength : -1,
  };
}

export function stringLiteral(token: Token): StringLiteral {
  return {
    start: token.start,
    end: token.end,
    value: token.value ?? '',
    byteLength: token.byteLength ?? 0,
  };
}

export const NONE_BROKEN: readonly (FieldName | 'flags')[] = Object.freeze([]);

const FIELD_NAMES: ReadonlySet<string> = new Set(['seq', 'ack', 'win', 'wscale', 'len']);

function parseField(cursor: Cursor): ValueField | NumberField | undefined {
  const nameToken = cursor.advance();
  cursor.advance(); // '='
  const written = nameToken.text;
  const name = FIELD_NAMES.has(written) ? written : written.toLowerCase();
  const nameSpan: Span = { start: nameToken.start, end: nameToken.end };
  if (name === 'seq' || name === 'ack') {
    const value = parseValue(cursor);
    if (!value) return undefined;
    return { name, nameSpan, value, start: nameToken.start, end: value.end };
  }
  if (name === 'win' || name === 'wscale' || name === 'len') {
    const token = cursor.token;
    if (token.kind !== 'number') {
      cursor.report(SYNTAX_TEXT.aNumberAfterField({ field: name }));
      if (!cursor.atLineEnd()) cursor.skipWord();
      return undefined;
    }
    cursor.advance();
    return { name, nameSpan, value: numberLiteral(token), start: nameToken.start, end: token.end };
  }
  cursor.diagnostics.push(diagnostic('UnknownField', nameSpan, { text: nameToken.text }));
  if (!cursor.atLineEnd()) cursor.advance();
  while (cursor.at('plus') || cursor.at('minus')) {
    cursor.advance();
    if (cursor.at('number')) cursor.advance();
  }
  return undefined;
}

export function numberLiteral(token: Token): NumberLiteral {
  return { start: token.start, end: token.end, text: token.text, value: Number(token.text) };
}

/** `N`, `x`, `x+N` or `x-N`. */
function parseValue(cursor: Cursor): ValueExpression | undefined {
  const token = cursor.token;
  if (token.kind === 'number') {
    cursor.advance();
    return {
      start: token.start,
      end: token.end,
      offset: Number(token.text),
      numberStart: token.start,
    };
  }
  if (token.kind !== 'ident') {
    cursor.report(SYNTAX_TEXT.aValue);
    if (!cursor.atLineEnd()) cursor.skipWord();
    return undefined;
  }
  cursor.advance();
  const symbol: Name = { start: token.start, end: token.end, text: token.text };
  const sign = cursor.token;
  if (sign.kind !== 'plus' && sign.kind !== 'minus') {
    return { start: token.start, end: token.end, symbol, offset: 0 };
  }
  cursor.advance();
  const amount = cursor.token;
  if (amount.kind !== 'number') {
    cursor.report(SYNTAX_TEXT.aNumberAfterSign({ sign: sign.text }));
    return { start: token.start, end: sign.end, symbol, offset: 0 };
  }
  cursor.advance();
  const magnitude = Number(amount.text);
  return {
    start: token.start,
    end: amount.end,
    symbol,
    offset: sign.kind === 'minus' ? -magnitude : magnitude,
    numberStart: amount.start,
  };
}
