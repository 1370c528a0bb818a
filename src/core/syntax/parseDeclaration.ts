import { SYNTAX_TEXT } from './syntaxText';
import { diagnostic } from '../check/diagnostic';
import type { Cursor } from './cursor';
import { KEYWORDS } from './keywords';
import { numberLiteral, stringLiteral } from './parseSegment';
import { parseAddress } from './parseAddress';
import { spanOf } from '../text/span';
import type { Token } from './token';
import type { EndpointStatement, LetStatement, Name, ScenarioStatement } from './tree';

/* The declarations: the scenario's title, its endpoints and its symbols. */

/** A name node from its token. */
export function name(token: Token): Name {
  return { start: token.start, end: token.end, text: token.text };
}

/** `scenario "TITLE"`. */
export function parseScenario(cursor: Cursor): ScenarioStatement | undefined {
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

/** `endpoint NAME [ADDRESS]`. */
export function parseEndpoint(cursor: Cursor): EndpointStatement | undefined {
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

/** `let NAME = NUMBER`. */
export function parseLet(cursor: Cursor): LetStatement | undefined {
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
