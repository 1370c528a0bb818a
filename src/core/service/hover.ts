import type { Analysis } from '../analysis/analyze';
import { spanOf } from '../text/span';
import type { ExpectStatement, Name, SimultaneousBlock, Statement } from '../syntax/tree';
import type { TlsStatement } from '../syntax/tlsTree';
import { captureHover } from './captureHover';
import { tlsHover } from './tlsHover';
import { docsIn } from './docs';
import { actionStepAt, at, deliveredStepAt, expectStepAt, statementAt } from './findAt';
import { keywordHover, paragraphs, problemsText, type Hover } from './hoverParts';
import { hoverSegment, segmentMarkdown } from './segmentHover';
import { endpointHover, hoverEndpointStatement, hoverLet } from './symbolHover';
import { hoverOnWord } from './wordHover';

export type { Hover } from './hoverParts';

/**
 * The hover at a UTF-16 offset of the analysed text: a segment with what the engine made of it,
 * a flag, a state, a keyword, an endpoint or a symbol. Everything it says about the protocol is
 * read off the trace, the diagnostics and the docs table; nothing is recomputed here.
 */
export function hover(analysis: Analysis, offset: number): Hover | undefined {
  const found = statementAt(analysis, offset);
  return (
    (found && hoverInStatement(analysis, found.statement, found.block, offset)) ??
    captureHover(analysis, offset) ??
    hoverOnWord(analysis, offset)
  );
}

function hoverInStatement(
  analysis: Analysis,
  statement: Statement,
  block: SimultaneousBlock | undefined,
  offset: number,
): Hover | undefined {
  switch (statement.kind) {
    case 'segment':
      return hoverSegment(analysis, statement, block, offset);
    case 'expect':
      return hoverExpect(analysis, statement, offset);
    case 'endpoint':
      return hoverEndpointStatement(analysis, statement, offset);
    case 'let':
      return hoverLet(analysis, statement, offset);
    case 'listen':
    case 'close': {
      if (at(statement.endpoint, offset)) return endpointHover(analysis, statement.endpoint);
      const word = { start: statement.end - statement.kind.length, end: statement.end };
      const step = actionStepAt(analysis, statement.start);
      return at(word, offset)
        ? keywordHover(
            statement.kind,
            word,
            analysis.locale,
            step,
            problemsText(analysis, statement),
          )
        : undefined;
    }
    case 'wait': {
      const step = actionStepAt(analysis, statement.start);
      const problems = problemsText(analysis, statement);
      if (at(statement.keywordSpan, offset)) {
        return keywordHover('wait', statement.keywordSpan, analysis.locale, step, problems);
      }
      // A time (`30s`) is explained by wait's own entry; 2MSL has its own.
      const entry = statement.seconds === undefined ? '2MSL' : 'wait';
      return at(statement.duration, offset)
        ? keywordHover(entry, statement.duration, analysis.locale, step, problems)
        : undefined;
    }
    case 'scenario':
      return at(statement.keywordSpan, offset)
        ? keywordHover('scenario', statement.keywordSpan, analysis.locale)
        : undefined;
    case 'simultaneous': {
      const part = [statement.keywordSpan, statement.closeBrace].find((s) => s && at(s, offset));
      return part ? keywordHover('simultaneous', part, analysis.locale) : undefined;
    }
    case 'deliver': {
      if (at(statement.keywordSpan, offset)) {
        return keywordHover(
          'deliver',
          statement.keywordSpan,
          analysis.locale,
          undefined,
          problemsText(analysis, statement),
        );
      }
      if (statement.again && at(statement.again, offset))
        return keywordHover('again', statement.again, analysis.locale);
      const step = deliveredStepAt(analysis, statement.start);
      if (!step || !at(statement.label, offset)) return undefined;
      return {
        span: spanOf(statement.label),
        markdown: paragraphs(
          segmentMarkdown(analysis, step.statement, undefined, step),
          problemsText(analysis, statement),
        ),
      };
    }
    default: {
      const endpoint = tlsEndpointAt(statement, offset);
      if (endpoint) return endpointHover(analysis, endpoint);
      return tlsHover(analysis, statement, offset, problemsText(analysis, statement));
    }
  }
}

/** The endpoint name under `offset` in a TLS statement, if any. */
function tlsEndpointAt(statement: TlsStatement, offset: number): Name | undefined {
  const names =
    statement.kind === 'tls'
      ? [statement.from, statement.to]
      : statement.kind === 'trust'
        ? [statement.endpoint]
        : statement.kind === 'attacker'
          ? [statement.name]
          : [];
  return names.find((name) => at(name, offset));
}

function hoverExpect(
  analysis: Analysis,
  statement: ExpectStatement,
  offset: number,
): Hover | undefined {
  const docs = docsIn(analysis.locale);
  const step = expectStepAt(analysis, statement.start);
  if (at(statement.keywordSpan, offset))
    return keywordHover('expect', statement.keywordSpan, analysis.locale);
  if (at(statement.endpoint, offset)) {
    const endpoint = endpointHover(analysis, statement.endpoint);
    const here = step && docs.hover.stateHere({ endpoint: step.endpoint, state: step.actual });
    return endpoint && { ...endpoint, markdown: paragraphs(endpoint.markdown, here) };
  }
  if (!at(statement.stateSpan, offset)) return undefined;
  const verdict =
    step &&
    paragraphs(
      docs.hover.stateHere({ endpoint: step.endpoint, state: step.actual }),
      step.expected &&
        (step.passed
          ? docs.hover.expectHolds
          : docs.hover.expectFails({ expected: step.expected })),
    );
  const meaning = statement.state
    ? docs.states[statement.state].text
    : docs.hover.unknownState({ text: statement.stateText });
  return { span: spanOf(statement.stateSpan), markdown: paragraphs(meaning, verdict) };
}
