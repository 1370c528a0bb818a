import { word } from '../text/words';
import type { Analysis } from '../analysis/analyze';
import type { Span } from '../text/span';
import type { Token } from '../syntax/token';
import { explainReason } from '../tcp/explain';
import { formatValue, freshSymbolName, resolve } from '../tcp/seqValue';
import { docsIn } from './docs';
import { segmentStepOf, statementAt, symbolValues } from './findAt';
import type { CompletionItem } from './completionItem';

/**
 * Completion of the value after `seq=` / `ack=`: the value the engine expects on that very line,
 * with its reason, or a fresh symbol for a SYN that chooses its initial sequence number.
 */

/**
 * The values to offer when the cursor is in a `seq=` / `ack=` value, or undefined when it is
 * not. The editor must ask again as the user types (the list is incomplete).
 */
export function seqAckCompletion(
  analysis: Analysis,
  tokens: readonly Token[],
  offset: number,
): CompletionItem[] | undefined {
  const value = valueContext(tokens, offset);
  return value && completeTypedValue(analysis, tokens, value.field, value.replace);
}

/**
 * `... seq=` or `... ack=x+` at the cursor: the field, and the span of the value typed so far
 * (tokens touching each other from the `=` to the cursor).
 */
function valueContext(
  tokens: readonly Token[],
  offset: number,
): { field: 'seq' | 'ack'; replace: Span } | undefined {
  let index = tokens.length - 1;
  let end = offset;
  while (index >= 0) {
    const token = tokens[index] as Token;
    if (token.end !== end || !VALUE_KINDS.has(token.kind)) break;
    end = token.start;
    index--;
  }
  const equals = tokens[index];
  const name = tokens[index - 1]?.text.toLowerCase();
  if (equals?.kind !== 'equals' || equals.end !== end || (name !== 'seq' && name !== 'ack')) {
    return undefined;
  }
  if (index < 4) return undefined; // FROM -> TO FLAG... comes first
  return { field: name, replace: { start: equals.end, end: offset } };
}

const VALUE_KINDS: ReadonlySet<Token['kind']> = new Set(['ident', 'number', 'plus', 'minus']);

/**
 * The values to offer for what is typed after `seq=` / `ack=` (the text under `replace`). A
 * suggestion replaces that text when it is accepted, and Enter accepts the one selected, so:
 * nothing is offered once the value typed is complete (a number, or a known symbol with or
 * without an offset), whether it is the expected one or not; before that, only the values it
 * begins.
 */
function completeTypedValue(
  analysis: Analysis,
  tokens: readonly Token[],
  field: 'seq' | 'ack',
  replace: Span,
): CompletionItem[] {
  const typed = analysis.document.text.slice(replace.start, replace.end);
  if (typed === '') return completeValue(analysis, tokens, field, replace);
  if (isCompleteValue(analysis, typed)) return [];
  return completeValue(analysis, tokens, field, replace).filter((item) =>
    item.label.startsWith(typed),
  );
}

/** `N`, `SYM`, `SYM+N` or `SYM-N` with SYM a symbol the scenario binds somewhere. */
function isCompleteValue(analysis: Analysis, typed: string): boolean {
  const match = /^(?:\d+|([A-Za-z_]\w*)(?:[+-]\d+)?)$/.exec(typed);
  if (!match) return false;
  const symbol = match[1];
  return symbol === undefined || analysis.trace.symbols.some((s) => s.name === symbol);
}

/**
 * The value the engine expects on this line (`step.expected`), symbolic and, when `let` gives
 * the symbol a number, numeric too, each with the engine's reason. The engine plays a line with
 * a missing value like any other, so the expectation is there while the value is being typed.
 */
function completeValue(
  analysis: Analysis,
  tokens: readonly Token[],
  field: 'seq' | 'ack',
  replace: Span,
): CompletionItem[] {
  const docs = docsIn(analysis.locale);
  const start = tokens[0]?.start ?? -1;
  const statement = statementAt(analysis, start)?.statement;
  if (statement?.kind !== 'segment' || statement.start !== start) return [];
  const step = segmentStepOf(analysis, statement);
  if (!step) return [];
  const expected = step.expected[field];
  const why = step.why[field];
  if (expected && why) {
    const reason = word(explainReason(why, analysis.lines), analysis.locale);
    const symbolic = formatValue(expected);
    const items: CompletionItem[] = [
      {
        label: symbolic,
        kind: 'value',
        detail: docs.completion.expectedValue({ why: reason }),
        documentation: docs.fields[field].text,
        sortText: '0',
        preselect: true,
        replace,
      },
    ];
    const numeric = resolve(expected, symbolValues(analysis));
    if (numeric.symbol === undefined && expected.symbol !== undefined) {
      items.push({
        label: String(numeric.offset),
        kind: 'value',
        detail: docs.completion.expectedNumber({ symbolic, why: reason }),
        documentation: docs.fields[field].text,
        sortText: '1',
        replace,
      });
    }
    return items;
  }
  // A SYN that chooses an initial sequence number has no expected seq: offer a fresh symbol.
  if (field === 'seq' && step.flags.includes('SYN') && !step.sender.before.iss) {
    const taken = new Set(analysis.trace.symbols.map((s) => s.name));
    const fresh = freshSymbolName((name) => taken.has(name));
    if (fresh) {
      return [
        {
          label: fresh,
          kind: 'symbol',
          detail: docs.completion.freshSymbol({ endpoint: step.from }),
          documentation: docs.fields.seq.text,
          sortText: '2',
          replace,
        },
      ];
    }
  }
  return [];
}
