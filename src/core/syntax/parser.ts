import { pastedTcpdumpAt, reportPastedTcpdump, type PastedLine } from './pastedTcpdump';
import { SYNTAX_TEXT } from './syntaxText';
import type { Finding } from '../check/diagnostic';
import { diagnostic } from '../check/diagnostic';
import { Cursor, describe } from './cursor';
import { asciiOf, readFullWidthAsAscii, type FullWidthLine } from './fullWidth';
import type { TextEdit } from '../text/textEdits';
import { KEYWORDS } from './keywords';
import { parseDeliver, parseExpect, parseWait } from './parseAction';
import { name, parseEndpoint, parseLet, parseScenario } from './parseDeclaration';
import { parseSegment, readSegmentFast } from './parseSegment';
import {
  parseAttacker,
  parseDate,
  parseTlsDeclaration,
  parseTlsMessage,
  parseTrust,
} from './parseTls';
import { spanOf } from '../text/span';
import { readMessageName, reportMessageInWords } from './messageWords';
import type { Token } from './token';
import type {
  ActionStatement,
  Name,
  ScenarioDocument,
  SegmentStatement,
  SimultaneousBlock,
  Statement,
} from './tree';

export { KEYWORDS } from './keywords';

export interface ParseResult {
  readonly document: ScenarioDocument;
  readonly diagnostics: readonly Finding[];
}

/**
 * Parses a `.handshake` text. Never throws: every input gives a best-effort tree and a list of
 * diagnostics; a bad line is skipped to its end, so it never hides problems on later lines.
 */
export function parse(text: string): ParseResult {
  const fullWidth = readFullWidthAsAscii(text);
  const cursor = new Cursor(fullWidth.text);
  const statements: Statement[] = [];
  const loneWords: LoneWord[] = [];
  const pasted: PastedLine[] = [];
  while (!cursor.at('eof')) {
    if (cursor.at('newline')) {
      cursor.advance();
      continue;
    }
    const statement = parseStatement(cursor, loneWords, pasted);
    if (statement) statements.push(statement);
    // A block ends its own last line; it may stop before a keyword line when '}' is missing.
    if (statement?.kind !== 'simultaneous') endLine(cursor);
  }
  reportLoneWords(cursor, statements, loneWords);
  reportPastedTcpdump(pasted, statements, cursor.diagnostics);
  reportFullWidth(cursor, text, fullWidth.lines);
  const diagnostics = cursor.diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { document: { text, statements }, diagnostics };
}

/**
 * One warning per line for its full-width characters, except those inside a remark the line
 * ends with (HS018 makes that a comment, where any character may stand) or on a pasted
 * tcpdump line (HS020's fix rewrites the whole line).
 */
function reportFullWidth(cursor: Cursor, text: string, lines: readonly FullWidthLine[]): void {
  if (lines.length === 0) return;
  // Both lists are in the order of the text: walk them together.
  const remarks = cursor.diagnostics
    .filter((d) => d.kind === 'RemarkWithoutHash' || d.kind === 'PastedTcpdump')
    .sort((a, b) => a.span.start - b.span.start);
  let r = 0;
  for (const line of lines) {
    while (r < remarks.length && (remarks[r] as Finding).span.end <= line.span.start) r++;
    const candidate = remarks[r];
    const remark = candidate && candidate.span.start <= line.span.end ? candidate : undefined;
    const offsets = remark
      ? line.offsets.filter((at) => at < remark.span.start || at >= remark.span.end)
      : line.offsets;
    if (offsets.length === 0) continue;
    const last = offsets[offsets.length - 1] as number;
    cursor.diagnostics.push(
      fullWidthDiagnostic(text, { span: { start: offsets[0] as number, end: last + 1 }, offsets }),
    );
  }
}

/** One warning for a line's full-width characters, with a fix that writes each as ASCII. */
function fullWidthDiagnostic(text: string, line: FullWidthLine): Finding {
  const first = line.offsets[0] as number;
  const code = text.charCodeAt(first);
  const edits: TextEdit[] = [];
  for (const at of line.offsets) {
    const last = edits[edits.length - 1];
    const ascii = asciiOf(text.charCodeAt(at));
    if (last && last.span.end === at) {
      edits[edits.length - 1] = {
        span: { start: last.span.start, end: at + 1 },
        newText: last.newText + ascii,
      };
    } else {
      edits.push({ span: { start: at, end: at + 1 }, newText: ascii });
    }
  }
  return diagnostic(
    'FullWidthCharacter',
    line.span,
    {
      text: text[first] as string,
      code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
      ascii: asciiOf(code),
      more: line.offsets.length - 1,
    },
    { fix: { title: SYNTAX_TEXT.fixFullWidth, edits } },
  );
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

function parseStatement(
  cursor: Cursor,
  loneWords: LoneWord[],
  pasted: PastedLine[],
): Statement | undefined {
  const token = cursor.token;
  const tcpdump = pastedTcpdumpAt(cursor.source, token.start, token.text);
  if (tcpdump) {
    pasted.push(tcpdump);
    cursor.jumpTo(tcpdump.span.end);
    return undefined;
  }
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
      return parseSimultaneous(cursor, loneWords, pasted);
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

function parseSimultaneous(
  cursor: Cursor,
  loneWords: LoneWord[],
  pasted: PastedLine[],
): SimultaneousBlock | undefined {
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
    const statement = parseStatement(cursor, loneWords, pasted);
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
  const word = cursor.peek(1);
  const forward = word.kind === 'ident' && word.text === 'forward' ? word : undefined;
  const read = readMessageName(cursor, forward ? 2 : 1);
  if (!read) return undefined;
  cursor.advance();
  if (forward) cursor.advance();
  for (let i = 0; i < read.count; i++) cursor.advance();
  reportMessageInWords(cursor, read);
  const messageToken: Token = {
    kind: 'ident',
    start: read.first.start,
    end: read.last.end,
    text: cursor.text({ start: read.first.start, end: read.last.end }),
  };
  return parseTlsMessage(cursor, from, arrow, name(toToken), forward, messageToken, read.message);
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
