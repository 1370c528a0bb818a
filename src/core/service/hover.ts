import type { Analysis } from '../analysis/analyze';
import { spanOf, type Span } from '../text/span';
import type {
  EndpointStatement,
  ExpectStatement,
  LetStatement,
  Name,
  SegmentStatement,
  SimultaneousBlock,
  Statement,
  ValueField,
} from '../syntax/tree';
import type { TlsStatement } from '../syntax/tlsTree';
import type { Token } from '../syntax/token';
import { captureHover } from './captureHover';
import { tlsHover } from './tlsHover';
import { explainReason, lineNumber } from '../tcp/explain';
import { parseTcpFlag } from '../protocol/tcpFlags';
import { describeValue, type SeqValue } from '../tcp/seqValue';
import { parseTcpState, type TcpState } from '../protocol/tcpStates';
import type { TcbView } from '../tcp/tcb';
import type { ActionStep, SegmentStep } from '../tcp/trace';
import { DOCS, keywordDoc, type Keyword } from './docs';
import {
  actionStepAt,
  at,
  deliveredStepAt,
  deliveriesOf,
  diagnosticsOnLine,
  expectStepAt,
  lineTokens,
  partAt,
  segmentStepOf,
  statementAt,
  symbolValues,
  tokenAt,
  wordAt,
} from './findAt';

export interface Hover {
  /** The range the hover explains. */
  readonly span: Span;
  readonly markdown: string;
}

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
        ? keywordHover(statement.kind, word, step, problemsText(analysis, statement))
        : undefined;
    }
    case 'wait': {
      const step = actionStepAt(analysis, statement.start);
      const problems = problemsText(analysis, statement);
      if (at(statement.keywordSpan, offset)) {
        return keywordHover('wait', statement.keywordSpan, step, problems);
      }
      return at(statement.duration, offset)
        ? keywordHover('2MSL', statement.duration, step, problems)
        : undefined;
    }
    case 'scenario':
      return at(statement.keywordSpan, offset)
        ? keywordHover('scenario', statement.keywordSpan)
        : undefined;
    case 'simultaneous': {
      const part = [statement.keywordSpan, statement.closeBrace].find((s) => s && at(s, offset));
      return part ? keywordHover('simultaneous', part) : undefined;
    }
    case 'deliver': {
      if (at(statement.keywordSpan, offset)) {
        return keywordHover(
          'deliver',
          statement.keywordSpan,
          undefined,
          problemsText(analysis, statement),
        );
      }
      if (statement.again && at(statement.again, offset))
        return keywordHover('again', statement.again);
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

function paragraphs(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}

// --- Segments -----------------------------------------------------------------------------

function hoverSegment(
  analysis: Analysis,
  statement: SegmentStatement,
  block: SimultaneousBlock | undefined,
  offset: number,
): Hover {
  const flag = partAt(statement.flags, offset);
  if (flag) return { span: spanOf(flag), markdown: DOCS.flags[flag.flag].text };
  if (statement.label && at(statement.label.keyword, offset)) {
    return keywordHover('as', statement.label.keyword);
  }
  const step = segmentStepOf(analysis, statement);
  const body = segmentMarkdown(analysis, statement, block, step);
  const field = partAt([statement.seq, statement.ack], offset);
  if (!field) return { span: spanOf(statement), markdown: body };
  const lead = paragraphs(
    expectationLine(analysis, statement, step, field.name) ??
      DOCS.hover.noExpectation({ field: field.name }),
    field.value.symbol && symbolText(analysis, field.value.symbol.text),
  );
  const target = at(field.value, offset) ? field.value : field;
  return { span: spanOf(target), markdown: paragraphs(lead, '---', body) };
}

function segmentMarkdown(
  analysis: Analysis,
  statement: SegmentStatement,
  block: SimultaneousBlock | undefined,
  step: SegmentStep | undefined,
): string {
  const text = analysis.document.text.slice(statement.start, statement.end);
  const title = DOCS.hover.segmentTitle({
    from: statement.from.text,
    to: statement.to.text,
    lost: statement.lost,
  });
  const arrivals = statement.inFlight
    ? deliveriesOf(analysis, statement)
        .filter((s) => s.network)
        .map((s) => String(analysis.lines.lineOf(s.span) + 1))
    : [];
  return paragraphs(
    `${title}\n\n${codeBlock(text)}`,
    arrivals.length > 0 && DOCS.hover.arrivesAt({ lines: arrivals.join(', ') }),
    step && outcomeText(step, block, analysis),
    step && endpointsText(analysis, step),
    step && expectationsText(analysis, statement, step),
    problemsText(analysis, statement),
  );
}

function outcomeText(
  step: SegmentStep,
  block: SimultaneousBlock | undefined,
  analysis: Analysis,
): string {
  const sentAt = analysis.lines.lineOf(step.statement) + 1;
  return [
    step.network === 'later'
      ? DOCS.hover.deliveredLater({ line: sentAt })
      : step.network === 'again'
        ? DOCS.hover.deliveredAgain({ line: sentAt })
        : '',
    DOCS.outcomes[step.outcome]({ to: step.to }),
    step.reading === 'asSent'
      ? DOCS.hover.readingAsSent
      : step.reading === 'intended'
        ? DOCS.hover.readingIntended
        : '',
    step.retransmission ? DOCS.hover.retransmission : '',
    block ? DOCS.hover.simultaneous : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function endpointsText(analysis: Analysis, step: SegmentStep): string {
  const symbols = symbolValues(analysis);
  const line = (name: string, role: string, before: TcbView, after: TcbView): string => {
    const variables = (
      [
        ['SND.NXT', after.sndNxt],
        ['RCV.NXT', after.rcvNxt],
      ] as const
    )
      .filter((entry): entry is readonly ['SND.NXT' | 'RCV.NXT', SeqValue] => !!entry[1])
      .map(([variable, value]) =>
        DOCS.hover.variable({ name: variable, value: describeValue(value, symbols) }),
      )
      .join(' · ');
    const state = DOCS.hover.stateChange({ before: before.state, after: after.state });
    return DOCS.hover.endpointLine({ name, role, state, variables });
  };
  return [
    line(step.from, DOCS.hover.sender, step.sender.before, step.sender.after),
    line(step.to, DOCS.hover.receiver, step.receiver.before, step.receiver.after),
  ].join('\n');
}

function expectationsText(
  analysis: Analysis,
  statement: SegmentStatement,
  step: SegmentStep,
): string | undefined {
  const items = (['seq', 'ack'] as const)
    .map((field) => expectationLine(analysis, statement, step, field))
    .filter((line): line is string => line !== undefined);
  if (items.length === 0) return undefined;
  return `${DOCS.hover.expectedHeading}\n${items.map((item) => `- ${item}`).join('\n')}`;
}

/**
 * "**ack** = `x+1`: the SYN client sent at line 7 (seq=x) consumes one sequence number", from
 * the step's expected value and reason; for a SYN's seq, the ISS it chooses (from the TCB).
 */
function expectationLine(
  analysis: Analysis,
  statement: SegmentStatement,
  step: SegmentStep | undefined,
  field: 'seq' | 'ack',
): string | undefined {
  if (!step) return undefined;
  const symbols = symbolValues(analysis);
  const expected = step.expected[field];
  const why = step.why[field];
  const written: ValueField | undefined = statement[field];
  if (expected && why) {
    const text = written && analysis.document.text.slice(written.value.start, written.value.end);
    const note =
      text === undefined
        ? DOCS.hover.notWritten
        : step.corrected[field]
          ? DOCS.hover.written({ text })
          : field === 'seq' && step.retransmission
            ? DOCS.hover.retransmitted({ text })
            : undefined;
    return DOCS.hover.expected({
      field,
      value: describeValue(expected, symbols),
      why: explainReason(why, analysis.lines),
      ...(note ? { note } : {}),
    });
  }
  const iss = step.sender.after.iss;
  if (field === 'seq' && iss && !step.sender.before.iss) {
    return DOCS.hover.expected({
      field,
      value: describeValue(iss, symbols),
      why: DOCS.hover.chosenIss({ endpoint: step.from }),
    });
  }
  return undefined;
}

function problemsText(analysis: Analysis, statement: Span): string | undefined {
  const problems = diagnosticsOnLine(analysis, statement);
  if (problems.length === 0) return undefined;
  const items = problems.map((d) =>
    DOCS.hover.problem({ code: d.code, severity: d.severity, message: escapeMarkdown(d.message) }),
  );
  return `${DOCS.hover.problemsHeading}\n${items.join('\n')}`;
}

/** A fenced block longer than any run of backticks in the text, so a payload cannot end it. */
function codeBlock(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}handshake\n${text}\n${fence}`;
}

/** Diagnostic messages are plain text: keep Markdown from reading them as markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (ch) => `\\${ch}`);
}

// --- Other statements ---------------------------------------------------------------------

function hoverExpect(
  analysis: Analysis,
  statement: ExpectStatement,
  offset: number,
): Hover | undefined {
  const step = expectStepAt(analysis, statement.start);
  if (at(statement.keywordSpan, offset)) return keywordHover('expect', statement.keywordSpan);
  if (at(statement.endpoint, offset)) {
    const endpoint = endpointHover(analysis, statement.endpoint);
    const here = step && DOCS.hover.stateHere({ endpoint: step.endpoint, state: step.actual });
    return endpoint && { ...endpoint, markdown: paragraphs(endpoint.markdown, here) };
  }
  if (!at(statement.stateSpan, offset)) return undefined;
  const verdict =
    step &&
    paragraphs(
      DOCS.hover.stateHere({ endpoint: step.endpoint, state: step.actual }),
      step.expected &&
        (step.passed
          ? DOCS.hover.expectHolds
          : DOCS.hover.expectFails({ expected: step.expected })),
    );
  const meaning = statement.state
    ? DOCS.states[statement.state].text
    : DOCS.hover.unknownState({ text: statement.stateText });
  return { span: spanOf(statement.stateSpan), markdown: paragraphs(meaning, verdict) };
}

function hoverEndpointStatement(
  analysis: Analysis,
  statement: EndpointStatement,
  offset: number,
): Hover | undefined {
  if (at(statement.keywordSpan, offset)) return keywordHover('endpoint', statement.keywordSpan);
  if (at(statement.name, offset)) return endpointHover(analysis, statement.name);
  const address = statement.address;
  if (address && at(address, offset)) {
    const endpoint = endpointHover(analysis, statement.name);
    return endpoint && { ...endpoint, span: spanOf(address) };
  }
  return undefined;
}

function hoverLet(analysis: Analysis, statement: LetStatement, offset: number): Hover | undefined {
  if (at(statement.keywordSpan, offset)) return keywordHover('let', statement.keywordSpan);
  const part = partAt([statement.name, statement.value], offset);
  return part && { span: spanOf(part), markdown: symbolText(analysis, statement.name.text) };
}

/** A keyword's syntax and meaning; on `listen`, `close` and `wait`, what it did there. */
function keywordHover(keyword: Keyword, where: Span, step?: ActionStep, problems?: string): Hover {
  const doc = DOCS.keywords[keyword];
  const changes =
    step &&
    (step.changes.length === 0
      ? DOCS.hover.noChange
      : step.changes
          .map(({ endpoint, before, after }) =>
            DOCS.hover.changes({ endpoint, change: DOCS.hover.stateChange({ before, after }) }),
          )
          .join('\n\n'));
  return {
    span: spanOf(where),
    markdown: paragraphs(codeBlock(doc.syntax), doc.text, changes, problems),
  };
}

function endpointHover(analysis: Analysis, name: { text: string } & Span): Hover | undefined {
  const info = analysis.trace.endpoints.find((e) => e.name === name.text);
  if (!info) return undefined;
  const state = analysis.trace.finalStates.get(info.name);
  const markdown = info.declared
    ? paragraphs(
        DOCS.hover.endpoint({
          name: info.name,
          line: lineNumber(analysis.lines, info.span),
          ...(info.address ? { address: info.address.text } : {}),
        }),
        state && DOCS.hover.finalState({ state }),
      )
    : DOCS.hover.endpointUndeclared({ name: info.name });
  return { span: spanOf(name), markdown };
}

/** How a symbol was bound, from the trace: `let`, or the SYN that made it an ISS. */
function symbolText(analysis: Analysis, name: string): string {
  const info = analysis.trace.symbols.find((s) => s.name === name);
  if (!info) return DOCS.hover.symbolUnbound({ name });
  const line = lineNumber(analysis.lines, info.span);
  const binding = statementAt(analysis, info.span.start)?.statement;
  if (binding?.kind === 'let') {
    const value = info.value !== undefined ? String(info.value) : binding.value.text;
    const iss = issChosenWith(analysis, name);
    return paragraphs(
      DOCS.hover.symbolLet({ name, value, line }),
      iss &&
        DOCS.hover.symbolIss({
          name,
          endpoint: iss.from,
          line: lineNumber(analysis.lines, iss.span),
        }),
    );
  }
  if (info.owner) return DOCS.hover.symbolIss({ name, endpoint: info.owner, line });
  return DOCS.hover.symbolSeq({ name, line });
}

/** The segment whose sender took `symbol` itself as its initial sequence number. */
function issChosenWith(analysis: Analysis, symbol: string): SegmentStep | undefined {
  return analysis.trace.steps.find(
    (s): s is SegmentStep =>
      s.kind === 'segment' &&
      !s.sender.before.iss &&
      s.sender.after.iss?.symbol === symbol &&
      s.sender.after.iss.offset === 0,
  );
}

// --- Words outside the tree: comments and lines the parser could not read ------------------

function hoverOnWord(analysis: Analysis, offset: number): Hover | undefined {
  const { tokens, commentStart } = lineTokens(analysis, offset);
  if (commentStart !== undefined && offset >= commentStart) {
    // In prose only the upper-case spelling counts: "closed" in a sentence is not a state.
    const word = wordAt(analysis.document.text, offset);
    const state = word && word.text === word.text.toUpperCase() && parseTcpState(word.text);
    return word && state ? stateHover(state, word) : undefined;
  }
  const token = tokenAt(tokens, offset);
  if (!token || (token.kind !== 'ident' && token.kind !== 'word')) return undefined;
  return wordHover(analysis, token, tokens.indexOf(token));
}

function wordHover(analysis: Analysis, token: Token, index: number): Hover | undefined {
  // Keywords start a line; `listen` and `close` follow an endpoint name.
  const isAction = token.text === 'listen' || token.text === 'close';
  if (keywordDoc(token.text) && index === (isAction ? 1 : 0)) {
    return keywordHover(token.text as Keyword, token);
  }
  if (token.text.toUpperCase() === '2MSL') return keywordHover('2MSL', token);
  if (analysis.trace.endpoints.some((e) => e.name === token.text)) {
    return endpointHover(analysis, token);
  }
  if (analysis.trace.symbols.some((s) => s.name === token.text)) {
    return { span: spanOf(token), markdown: symbolText(analysis, token.text) };
  }
  const flag = parseTcpFlag(token.text);
  if (flag) return { span: spanOf(token), markdown: DOCS.flags[flag].text };
  const state = parseTcpState(token.text);
  return state ? stateHover(state, token) : undefined;
}

function stateHover(state: TcpState, where: Span): Hover {
  return { span: spanOf(where), markdown: DOCS.states[state].text };
}
