import { word } from '../text/words';
import type { Analysis } from '../analysis/analyze';
import { spanOf } from '../text/span';
import type { SegmentStatement, SimultaneousBlock, ValueField } from '../syntax/tree';
import { explainReason } from '../tcp/explain';
import { describeValue, type SeqValue } from '../tcp/seqValue';
import type { TcbView } from '../tcp/tcb';
import type { SegmentStep } from '../tcp/trace';
import { docsIn } from './docs';
import { at, deliveriesOf, partAt, segmentStepOf, symbolValues } from './findAt';
import { codeBlock, keywordHover, paragraphs, problemsText, type Hover } from './hoverParts';
import { symbolText } from './symbolHover';

/**
 * The hover on a segment: a flag's meaning, or on seq= and ack= the value the engine expected
 * and why, or on wscale= what the option does, above the whole segment as the engine played it.
 */
export function hoverSegment(
  analysis: Analysis,
  statement: SegmentStatement,
  block: SimultaneousBlock | undefined,
  offset: number,
): Hover {
  const docs = docsIn(analysis.locale);
  const flag = partAt(statement.flags, offset);
  if (flag) return { span: spanOf(flag), markdown: docs.flags[flag.flag].text };
  if (statement.label && at(statement.label.keyword, offset)) {
    return keywordHover('as', statement.label.keyword, analysis.locale);
  }
  const step = segmentStepOf(analysis, statement);
  const body = segmentMarkdown(analysis, statement, block, step);
  const wscale = statement.wscale;
  if (wscale && at(wscale, offset)) {
    return { span: spanOf(wscale), markdown: paragraphs(docs.fields.wscale.text, '---', body) };
  }
  const field = partAt([statement.seq, statement.ack], offset);
  if (!field) return { span: spanOf(statement), markdown: body };
  const lead = paragraphs(
    expectationLine(analysis, statement, step, field.name) ??
      docs.hover.noExpectation({ field: field.name }),
    field.value.symbol && symbolText(analysis, field.value.symbol.text),
  );
  const target = at(field.value, offset) ? field.value : field;
  return { span: spanOf(target), markdown: paragraphs(lead, '---', body) };
}

/**
 * A segment as the engine played it: its text, where it arrives, the outcome, both endpoints'
 * states and variables, the values it expected and the problems that belong to it.
 */
export function segmentMarkdown(
  analysis: Analysis,
  statement: SegmentStatement,
  block: SimultaneousBlock | undefined,
  step: SegmentStep | undefined,
): string {
  const docs = docsIn(analysis.locale);
  const text = analysis.document.text.slice(statement.start, statement.end);
  const title = docs.hover.segmentTitle({
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
    arrivals.length > 0 && docs.hover.arrivesAt({ lines: arrivals.join(', ') }),
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
  const docs = docsIn(analysis.locale);
  const sentAt = analysis.lines.lineOf(step.statement) + 1;
  return [
    step.network === 'later'
      ? docs.hover.deliveredLater({ line: sentAt })
      : step.network === 'again'
        ? docs.hover.deliveredAgain({ line: sentAt })
        : '',
    docs.outcomes[step.outcome]({ to: step.to }),
    step.reading === 'asSent'
      ? docs.hover.readingAsSent
      : step.reading === 'intended'
        ? docs.hover.readingIntended
        : '',
    step.retransmission ? docs.hover.retransmission : '',
    block ? docs.hover.simultaneous : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function endpointsText(analysis: Analysis, step: SegmentStep): string {
  const docs = docsIn(analysis.locale);
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
        docs.hover.variable({ name: variable, value: describeValue(value, symbols) }),
      )
      .join(' · ');
    const state = docs.hover.stateChange({ before: before.state, after: after.state });
    return docs.hover.endpointLine({ name, role, state, variables });
  };
  return [
    line(step.from, docs.hover.sender, step.sender.before, step.sender.after),
    line(step.to, docs.hover.receiver, step.receiver.before, step.receiver.after),
  ].join('\n');
}

function expectationsText(
  analysis: Analysis,
  statement: SegmentStatement,
  step: SegmentStep,
): string | undefined {
  const docs = docsIn(analysis.locale);
  const items = (['seq', 'ack'] as const)
    .map((field) => expectationLine(analysis, statement, step, field))
    .filter((line): line is string => line !== undefined);
  if (items.length === 0) return undefined;
  return `${docs.hover.expectedHeading}\n${items.map((item) => `- ${item}`).join('\n')}`;
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
  const docs = docsIn(analysis.locale);
  if (!step) return undefined;
  const symbols = symbolValues(analysis);
  const expected = step.expected[field];
  const why = step.why[field];
  const written: ValueField | undefined = statement[field];
  if (expected && why) {
    const text = written && analysis.document.text.slice(written.value.start, written.value.end);
    const note =
      text === undefined
        ? docs.hover.notWritten
        : step.corrected[field]
          ? docs.hover.written({ text })
          : field === 'seq' && step.retransmission
            ? docs.hover.retransmitted({ text })
            : undefined;
    return docs.hover.expected({
      field,
      value: describeValue(expected, symbols),
      why: word(explainReason(why, analysis.lines), analysis.locale),
      ...(note ? { note } : {}),
    });
  }
  const iss = step.sender.after.iss;
  if (field === 'seq' && iss && !step.sender.before.iss) {
    return docs.hover.expected({
      field,
      value: describeValue(iss, symbols),
      why: docs.hover.chosenIss({ endpoint: step.from }),
    });
  }
  return undefined;
}
