import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import { spanOf, type Span } from '../text/span';
import type { Token } from '../syntax/token';
import { parseTcpFlag } from '../protocol/tcpFlags';
import { parseTcpState, type TcpState } from '../protocol/tcpStates';
import { docsIn, keywordDoc, type Keyword } from './docs';
import { lineTokens, tokenAt, wordAt } from './findAt';
import { keywordHover, type Hover } from './hoverParts';
import { endpointHover, symbolText } from './symbolHover';

/**
 * The hover on a word outside the tree: a state named in a comment, or a keyword, endpoint,
 * symbol, flag or state on a line the parser could not read.
 */
export function hoverOnWord(analysis: Analysis, offset: number): Hover | undefined {
  const { tokens, commentStart } = lineTokens(analysis, offset);
  if (commentStart !== undefined && offset >= commentStart) {
    // In prose only the upper-case spelling counts: "closed" in a sentence is not a state.
    const word = wordAt(analysis.document.text, offset);
    const state = word && word.text === word.text.toUpperCase() && parseTcpState(word.text);
    return word && state ? stateHover(state, word, analysis.locale) : undefined;
  }
  const token = tokenAt(tokens, offset);
  if (!token || (token.kind !== 'ident' && token.kind !== 'word')) return undefined;
  return wordHover(analysis, token, tokens.indexOf(token));
}

function wordHover(analysis: Analysis, token: Token, index: number): Hover | undefined {
  const docs = docsIn(analysis.locale);
  // Keywords start a line; `listen` and `close` follow an endpoint name.
  const isAction = token.text === 'listen' || token.text === 'close';
  if (keywordDoc(token.text, analysis.locale) && index === (isAction ? 1 : 0)) {
    return keywordHover(token.text as Keyword, token, analysis.locale);
  }
  if (token.text.toUpperCase() === '2MSL') return keywordHover('2MSL', token, analysis.locale);
  if (analysis.trace.endpoints.some((e) => e.name === token.text)) {
    return endpointHover(analysis, token);
  }
  if (analysis.trace.symbols.some((s) => s.name === token.text)) {
    return { span: spanOf(token), markdown: symbolText(analysis, token.text) };
  }
  const flag = parseTcpFlag(token.text);
  if (flag) return { span: spanOf(token), markdown: docs.flags[flag].text };
  const state = parseTcpState(token.text);
  return state ? stateHover(state, token, analysis.locale) : undefined;
}

function stateHover(state: TcpState, where: Span, locale: Locale): Hover {
  const docs = docsIn(locale);
  return { span: spanOf(where), markdown: docs.states[state].text };
}
