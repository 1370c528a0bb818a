import type { Analysis } from '../analysis/analyze';
import { spanOf, type Span } from '../text/span';
import type { EndpointStatement, LetStatement } from '../syntax/tree';
import { lineNumber } from '../tcp/explain';
import type { SegmentStep } from '../tcp/trace';
import { docsIn } from './docs';
import { at, partAt, statementAt } from './findAt';
import { keywordHover, paragraphs, type Hover } from './hoverParts';

/** On an `endpoint` declaration: the keyword, or the endpoint (its name or its address). */
export function hoverEndpointStatement(
  analysis: Analysis,
  statement: EndpointStatement,
  offset: number,
): Hover | undefined {
  if (at(statement.keywordSpan, offset))
    return keywordHover('endpoint', statement.keywordSpan, analysis.locale);
  if (at(statement.name, offset)) return endpointHover(analysis, statement.name);
  const address = statement.address;
  if (address && at(address, offset)) {
    const endpoint = endpointHover(analysis, statement.name);
    return endpoint && { ...endpoint, span: spanOf(address) };
  }
  return undefined;
}

/** On a `let`: the keyword, or how the symbol it binds was bound. */
export function hoverLet(
  analysis: Analysis,
  statement: LetStatement,
  offset: number,
): Hover | undefined {
  if (at(statement.keywordSpan, offset))
    return keywordHover('let', statement.keywordSpan, analysis.locale);
  const part = partAt([statement.name, statement.value], offset);
  return part && { span: spanOf(part), markdown: symbolText(analysis, statement.name.text) };
}

/** An endpoint: where it is declared, its address and the state it ends in. */
export function endpointHover(
  analysis: Analysis,
  name: { text: string } & Span,
): Hover | undefined {
  const docs = docsIn(analysis.locale);
  const info = analysis.trace.endpoints.find((e) => e.name === name.text);
  if (!info) return undefined;
  const state = analysis.trace.finalStates.get(info.name);
  const markdown = info.declared
    ? paragraphs(
        docs.hover.endpoint({
          name: info.name,
          line: lineNumber(analysis.lines, info.span),
          ...(info.address ? { address: info.address.text } : {}),
        }),
        state && docs.hover.finalState({ state }),
      )
    : docs.hover.endpointUndeclared({ name: info.name });
  return { span: spanOf(name), markdown };
}

/** How a symbol was bound, from the trace: `let`, or the SYN that made it an ISS. */
export function symbolText(analysis: Analysis, name: string): string {
  const docs = docsIn(analysis.locale);
  const info = analysis.trace.symbols.find((s) => s.name === name);
  if (!info) return docs.hover.symbolUnbound({ name });
  const line = lineNumber(analysis.lines, info.span);
  const binding = statementAt(analysis, info.span.start)?.statement;
  if (binding?.kind === 'let') {
    const value = info.value !== undefined ? String(info.value) : binding.value.text;
    const iss = issChosenWith(analysis, name);
    return paragraphs(
      docs.hover.symbolLet({ name, value, line }),
      iss &&
        docs.hover.symbolIss({
          name,
          endpoint: iss.from,
          line: lineNumber(analysis.lines, iss.span),
        }),
    );
  }
  if (info.owner) return docs.hover.symbolIss({ name, endpoint: info.owner, line });
  return docs.hover.symbolSeq({ name, line });
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
