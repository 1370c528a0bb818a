import { SYNTAX_TEXT } from './syntaxText';
import type { Diagnostic } from '../check/diagnostic';
import { diagnostic } from '../check/diagnostic';
import { parseTcpState } from '../protocol/tcpStates';
import { Cursor, describe } from './cursor';
import { parseAddress } from './parseAddress';
import { numberLiteral, parseSegment, readSegmentFast, stringLiteral } from './parseSegment';
import {
  parseAttacker,
  parseDate,
  parseTlsDeclaration,
  parseTlsMessage,
  parseTrust,
} from './parseTls';
import { spanOf } from '../text/span';
import { parseTlsMessageType } from '../protocol/tlsMessageTypes';
import { TLS_DECLARATION_KINDS } from './tlsTree';
import type { Token } from './token';
import type {
  ActionStatement,
  DeliverStatement,
  EndpointStatement,
  ExpectStatement,
  LetStatement,
  Name,
  ScenarioDocument,
  ScenarioStatement,
  SegmentStatement,
  SimultaneousBlock,
  Statement,
  WaitStatement,
} from './tree';

export interface ParseResult {
  readonly document: ScenarioDocument;
  readonly diagnostics: readonly Diagnostic[];
}

export const KEYWORDS = [
  'scenario',
  'endpoint',
  'let',
  'expect',
  'wait',
  'deliver',
  'simultaneous',
  ...TLS_DECLARATION_KINDS,
] as const;

/**
 * Parses a `.handshake` text. Never throws: every input gives a best-effort tree and a list of
 * diagnostics; a bad line is skipped to its end, so it never hides problems on later lines.
 */
export function parse(text: string): ParseResult {
  const cursor = new Cursor(text);
  const statements: Statement[] = [];
  const loneWords: LoneWord[] = [];
  while (!cursor.at('eof')) {
    if (cursor.at('newline')) {
      cursor.advance();
      continue;
    }
    const statement = parseStatement(cursor, loneWords);
    if (statement) statements.push(statement);
    // A block ends its own last line; it may stop before a keyword line when '}' is missing.
    if (statement?.kind !== 'simultaneous') endLine(cursor);
  }
  reportLoneWords(cursor, statements, loneWords);
  const diagnostics = cursor.diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { document: { text, statements }, diagnostics };
}

/**
 * A line that is one word: the start of a segment or action when the word names an endpoint
 * (declared anywhere in the file, as declarations count wherever they stand), else a statement
 * the language does not have.
 */
function reportLoneWords(
  cursor: Cursor,
  statements: readonly Statement[],
  words: readonly LoneWord[],
): void {
  if (words.length === 0) return;
  const endpoints = new Set<string>();
  for (const s of statements) {
    if (s.kind === 'endpoint' || s.kind === 'attacker') endpoints.add(s.name.text);
  }
  for (const { word, lineEnd } of words) {
    cursor.diagnostics.push(
      endpoints.has(word.text)
        ? diagnostic(
            'UnfinishedLine',
            { start: lineEnd, end: lineEnd },
            { expected: SYNTAX_TEXT.afterName({ name: word.text }) },
          )
        : diagnostic('UnknownStatement', word, { text: word.text }),
    );
  }
}

/** A line that is only `word`, decided once every declaration is read. */
interface LoneWord {
  readonly word: Token;
  /** Where the line ends (its newline, or the end of the text). */
  readonly lineEnd: number;
}

/**
 * After a statement, anything left on its line is reported once and skipped: not again when it
 * is where the statement stopped, already reported ("expected an endpoint name, found ...").
 */
function endLine(cursor: Cursor): void {
  if (!cursor.atLineEnd()) {
    const token = cursor.token;
    const reported = token.error || cursor.reportedIn(token.start, token.start);
    if (!reported) cursor.report(SYNTAX_TEXT.endOfLine);
    cursor.skipLine();
  }
}

function parseStatement(cursor: Cursor, loneWords: LoneWord[]): Statement | undefined {
  const token = cursor.token;
  if (token.kind === 'rbrace') {
    cursor.advance();
    cursor.diagnostics.push(diagnostic('StrayBrace', token));
    return undefined;
  }
  if (token.kind !== 'ident') {
    if (!token.error) cursor.report(SYNTAX_TEXT.aStatement);
    cursor.skipLine();
    return undefined;
  }
  switch (token.text) {
    case 'scenario':
      return parseScenario(cursor);
    case 'endpoint':
      return parseEndpoint(cursor);
    case 'let':
      return parseLet(cursor);
    case 'expect':
      return parseExpect(cursor);
    case 'wait':
      return parseWait(cursor);
    case 'deliver':
      return parseDeliver(cursor);
    case 'simultaneous':
      return parseSimultaneous(cursor, loneWords);
    case 'ca':
    case 'key':
    case 'cert':
      return parseTlsDeclaration(cursor, token.text);
    case 'trust':
      return parseTrust(cursor);
    case 'attacker':
      return parseAttacker(cursor);
    case 'date':
      return parseDate(cursor);
    default:
      return parseEndpointLine(cursor, loneWords);
  }
}

function name(token: Token): Name {
  return { start: token.start, end: token.end, text: token.text };
}

function parseScenario(cursor: Cursor): ScenarioStatement | undefined {
  const keyword = cursor.advance();
  const title = cursor.at('string') ? cursor.advance() : undefined;
  if (!title) {
    cursor.report(SYNTAX_TEXT.aQuotedTitle);
    return undefined;
  }
  return {
    kind: 'scenario',
    start: keyword.start,
    end: title.end,
    keywordSpan: spanOf(keyword),
    title: stringLiteral(title),
  };
}

function parseEndpoint(cursor: Cursor): EndpointStatement | undefined {
  const keyword = cursor.advance();
  const nameToken = cursor.expect('ident', SYNTAX_TEXT.anEndpointName);
  if (!nameToken) return undefined;
  checkNotKeyword(cursor, nameToken);
  const statement = {
    kind: 'endpoint' as const,
    start: keyword.start,
    keywordSpan: spanOf(keyword),
    name: name(nameToken),
  };
  if (cursor.atLineEnd()) return { ...statement, end: nameToken.end };
  const first = cursor.token;
  let last = first;
  // An address is one word (`10.0.0.1:80`, `[::1]:443`); gather touching tokens for the message.
  while (!cursor.atLineEnd() && cursor.token.start === last.end) last = cursor.advance();
  if (last === first) cursor.advance();
  const span = { start: first.start, end: last.end };
  const text = cursor.text(span);
  const result = parseAddress(text, span);
  if (!result.ok) {
    cursor.diagnostics.push(diagnostic('InvalidAddress', span, { text, reason: result.reason }));
    return { ...statement, end: span.end };
  }
  return { ...statement, end: span.end, address: result.address };
}

function checkNotKeyword(cursor: Cursor, token: Token): void {
  if ((KEYWORDS as readonly string[]).includes(token.text)) {
    cursor.diagnostics.push(diagnostic('KeywordAsName', token, { text: token.text }));
  }
}

function parseLet(cursor: Cursor): LetStatement | undefined {
  const keyword = cursor.advance();
  const nameToken = cursor.expect('ident', SYNTAX_TEXT.aSymbolName);
  if (!nameToken) return undefined;
  if (!cursor.expect('equals', "'='")) return undefined;
  const value = cursor.expect('number', SYNTAX_TEXT.aNumber);
  if (!value) return undefined;
  return {
    kind: 'let',
    start: keyword.start,
    end: value.end,
    keywordSpan: spanOf(keyword),
    name: name(nameToken),
    value: numberLiteral(value),
  };
}

function parseExpect(cursor: Cursor): ExpectStatement | undefined {
  const keyword = cursor.advance();
  const endpoint = cursor.expect('ident', SYNTAX_TEXT.anEndpointName);
  if (!endpoint) return undefined;
  if (cursor.atLineEnd()) {
    // Kept as a statement with no state, so the trace still says which state the endpoint is in
    // here (completion offers it while the line is being typed).
    cursor.report(SYNTAX_TEXT.aState);
    const at = cursor.token.start;
    return {
      kind: 'expect',
      start: keyword.start,
      end: endpoint.end,
      keywordSpan: spanOf(keyword),
      endpoint: name(endpoint),
      stateSpan: { start: at, end: at },
      stateText: '',
    };
  }
  // State names may be written with hyphens (SYN-SENT, FIN-WAIT-1): join the touching tokens.
  const first = cursor.advance();
  let last = first;
  while (!cursor.atLineEnd() && cursor.token.start === last.end) last = cursor.advance();
  const stateSpan = { start: first.start, end: last.end };
  const stateText = cursor.text(stateSpan);
  const state = parseTcpState(stateText);
  if (!state) cursor.diagnostics.push(diagnostic('UnknownState', stateSpan, { text: stateText }));
  return {
    kind: 'expect',
    start: keyword.start,
    end: stateSpan.end,
    keywordSpan: spanOf(keyword),
    endpoint: name(endpoint),
    stateSpan,
    stateText,
    ...(state ? { state } : {}),
  };
}

function parseWait(cursor: Cursor): WaitStatement | undefined {
  const keyword = cursor.advance();
  const duration = cursor.token;
  if (duration.kind !== 'word' && duration.kind !== 'ident') {
    cursor.report('2MSL');
    return undefined;
  }
  cursor.advance();
  if (duration.text.toUpperCase() !== '2MSL') {
    // Not simulated: a wait the engine does not know would only add a second diagnostic.
    cursor.diagnostics.push(diagnostic('UnknownDuration', duration, { text: duration.text }));
    return undefined;
  }
  return {
    kind: 'wait',
    start: keyword.start,
    end: duration.end,
    keywordSpan: spanOf(keyword),
    duration: { start: duration.start, end: duration.end },
  };
}

function parseDeliver(cursor: Cursor): DeliverStatement | undefined {
  const keyword = cursor.advance();
  const label = cursor.expect('ident', SYNTAX_TEXT.aLabelToDeliver);
  if (!label) return undefined;
  const again = cursor.at('ident') && cursor.token.text === 'again' ? cursor.advance() : undefined;
  return {
    kind: 'deliver',
    start: keyword.start,
    end: (again ?? label).end,
    keywordSpan: spanOf(keyword),
    label: name(label),
    ...(again ? { again: spanOf(again) } : {}),
  };
}

function parseSimultaneous(cursor: Cursor, loneWords: LoneWord[]): SimultaneousBlock | undefined {
  const keyword = cursor.advance();
  const open = cursor.expect('lbrace', "'{'");
  endLine(cursor);
  // Without its '{' and with no '}' ahead, the line is only `simultaneous` being typed: the
  // lines after it are not a block.
  if (!open && closingBrace(cursor) === undefined) return undefined;
  const segments: SegmentStatement[] = [];
  let end = open?.end ?? keyword.end;
  let closing: number | undefined;
  for (;;) {
    const token = cursor.token;
    if (token.kind === 'eof') {
      // Without its '{' (reported already) the block has nothing to close.
      if (open) cursor.diagnostics.push(diagnostic('UnclosedBlock', keyword));
      break;
    }
    if (token.kind === 'newline') {
      cursor.advance();
      continue;
    }
    if (token.kind === 'rbrace') {
      cursor.advance();
      endLine(cursor);
      return {
        kind: 'simultaneous',
        start: keyword.start,
        end: token.end,
        keywordSpan: spanOf(keyword),
        segments,
        closeBrace: { start: token.start, end: token.end },
      };
    }
    // A keyword line with no '}' after it (before the next block) means the author forgot the
    // '}': stop here so the line is read normally. Otherwise it is a misplaced statement.
    if (token.kind === 'ident' && (KEYWORDS as readonly string[]).includes(token.text)) {
      closing ??= closingBrace(cursor);
      if (closing === undefined) {
        if (open) cursor.diagnostics.push(diagnostic('UnclosedBlock', keyword));
        break;
      }
    }
    const statement = parseStatement(cursor, loneWords);
    if (statement?.kind === 'segment') {
      segments.push(statement);
      end = statement.end;
    } else if (statement) {
      cursor.diagnostics.push(diagnostic('NotASegment', statement));
    }
    endLine(cursor);
  }
  return {
    kind: 'simultaneous',
    start: keyword.start,
    end,
    keywordSpan: spanOf(keyword),
    segments,
  };
}

/** Offset of the '}' ahead that closes a block, unless another block starts first. */
function closingBrace(cursor: Cursor): number | undefined {
  return cursor.findAhead(
    (t) => t.kind === 'rbrace',
    (t) => t.kind === 'ident' && t.text === 'simultaneous',
  );
}

/** `A -> B [forward] ClientHello ...`: a TLS message rather than a TCP segment. */
function parseTlsLine(cursor: Cursor, from: Name, arrow: Token): Statement | undefined {
  const toToken = cursor.token;
  if (toToken.kind !== 'ident' || arrow.kind !== 'arrow') return undefined;
  let word = cursor.peek(1);
  const forward = word.kind === 'ident' && word.text === 'forward' ? word : undefined;
  if (forward) word = cursor.peek(2);
  const message = word.kind === 'ident' ? parseTlsMessageType(word.text) : undefined;
  if (!message) return undefined;
  cursor.advance();
  if (forward) cursor.advance();
  cursor.advance();
  return parseTlsMessage(cursor, from, arrow, name(toToken), forward, word, message);
}

/** `A -> B forward` at the end of the line: reported as unfinished, true; else false. */
function unfinishedForward(cursor: Cursor): boolean {
  const forward = cursor.peek(1);
  if (cursor.token.kind !== 'ident' || forward.kind !== 'ident' || forward.text !== 'forward') {
    return false;
  }
  if (!atLineEnd(cursor.peek(2))) return false;
  cursor.advance();
  cursor.advance();
  cursor.report(SYNTAX_TEXT.aTlsMessage);
  return true;
}

/** `NAME listen`, `NAME close`, `NAME -> PEER ...`, `NAME -x PEER ...` or `NAME ~> PEER ...`. */
function parseEndpointLine(cursor: Cursor, loneWords: LoneWord[]): Statement | undefined {
  const first = cursor.advance();
  const next = cursor.token;
  if (next.kind === 'arrow' || next.kind === 'lostArrow' || next.kind === 'flightArrow') {
    cursor.advance();
    const from = name(first);
    const fast = readSegmentFast(cursor, from, next);
    if (fast) return fast;
    if (unfinishedForward(cursor)) return undefined;
    return parseTlsLine(cursor, from, next) ?? parseSegment(cursor, from, next);
  }
  if (next.kind === 'ident' && (next.text === 'listen' || next.text === 'close')) {
    cursor.advance();
    const action: ActionStatement = {
      kind: next.text,
      start: first.start,
      end: next.end,
      keywordSpan: spanOf(first),
      endpoint: name(first),
    };
    return action;
  }
  if (cursor.atLineEnd()) {
    loneWords.push({ word: first, lineEnd: next.start });
    return undefined;
  }
  if (next.kind === 'minus' && atLineEnd(cursor.peek(1))) {
    // `alice -`: an arrow half typed.
    cursor.advance();
    cursor.report(SYNTAX_TEXT.anArrowAfter({ name: first.text }));
    return undefined;
  }
  cursor.diagnostics.push(
    diagnostic('ExpectedToken', next, {
      expected: SYNTAX_TEXT.afterName({ name: first.text }),
      found: describe(next),
    }),
  );
  cursor.skipLine();
  return undefined;
}

function atLineEnd(token: Token): boolean {
  return token.kind === 'newline' || token.kind === 'eof';
}
