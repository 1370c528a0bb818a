import { SYNTAX_TEXT } from './syntaxText';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { Cursor } from './cursor';
import type { Token } from './token';
import { name } from './parseDeclaration';
import { nearestTcpState, parseTcpState } from '../protocol/tcpStates';
import { spanOf, type Span } from '../text/span';
import type { DeliverStatement, ExpectStatement, WaitStatement } from './tree';

/* The statements about time and state: `expect`, `wait` and `deliver`. */

/** `expect ENDPOINT STATE`. */
export function parseExpect(cursor: Cursor): ExpectStatement | undefined {
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
  if (!state) cursor.diagnostics.push(unknownState(stateSpan, stateText));
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

/** An unknown state: the nearest one, with a fix that writes it, or else the list of them all. */
function unknownState(span: Span, text: string): Finding {
  const nearest = nearestTcpState(text);
  const fix = nearest
    ? { title: SYNTAX_TEXT.fixState({ state: nearest }), edits: [{ span, newText: nearest }] }
    : undefined;
  return diagnostic('UnknownState', span, { text, nearest: nearest ?? '' }, fix ? { fix } : {});
}

/** `wait 2MSL`. */
export function parseWait(cursor: Cursor): WaitStatement | undefined {
  const keyword = cursor.advance();
  const duration = cursor.token;
  const split = splitTwoMsl(cursor, keyword, duration);
  if (split) return split;
  if (duration.kind !== 'word' && duration.kind !== 'ident') {
    cursor.report('2MSL');
    return undefined;
  }
  cursor.advance();
  const seconds = secondsOf(duration.text);
  if (duration.text.toUpperCase() !== '2MSL' && seconds === undefined) {
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
    ...(seconds !== undefined ? { seconds } : {}),
  };
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, min: 60 };

/** `30s`, `500ms`, `4min`, `1.5s` in seconds; undefined for anything else. */
function secondsOf(text: string): number | undefined {
  const m = /^(\d{1,9}(?:\.\d{1,6})?)(ms|s|min)$/i.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_SECONDS[(m[2] as string).toLowerCase()] as number);
}

/**
 * `wait 2 MSL`, as notes write "等待 2 MSL": the one wait there is, with a blank inside. Reported
 * (HS014) with a fix that closes the gap, and played as `wait 2MSL`, so that the endpoint in
 * TIME_WAIT still closes and one slip gives one diagnostic.
 */
function splitTwoMsl(cursor: Cursor, keyword: Token, two: Token): WaitStatement | undefined {
  const msl = cursor.peek(1);
  if (two.kind !== 'number' || two.text !== '2') return undefined;
  if (msl.kind !== 'ident' || msl.text.toUpperCase() !== 'MSL') return undefined;
  cursor.advance();
  cursor.advance();
  const span = { start: two.start, end: msl.end };
  const fix = {
    title: SYNTAX_TEXT.fixState({ state: '2MSL' }),
    edits: [{ span, newText: '2MSL' }],
  };
  cursor.diagnostics.push(diagnostic('UnknownDuration', span, { text: `2 ${msl.text}` }, { fix }));
  return {
    kind: 'wait',
    start: keyword.start,
    end: msl.end,
    keywordSpan: spanOf(keyword),
    duration: span,
  };
}

/** `deliver LABEL [again]`. */
export function parseDeliver(cursor: Cursor): DeliverStatement | undefined {
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
