import type { Analysis } from '../analysis/analyze';
import type { Span } from '../text/span';
import type { Token } from '../syntax/token';
import { TCP_STATES, type TcpState } from '../protocol/tcpStates';
import { docsIn } from './docs';
import { expectStepAt } from './findAt';
import type { CompletionItem, Item } from './completionItem';

/** Completion of the state after `expect NAME`: the state the engine computed there first. */

/** The states to offer after `expect NAME`, or undefined when the cursor is not there. */
export function stateCompletion(
  analysis: Analysis,
  tokens: readonly Token[],
  offset: number,
): CompletionItem[] | undefined {
  const state = stateContext(tokens, offset);
  if (!state) return undefined;
  const items = stateItems(analysis, state.expect.start, state.endpoint.text);
  return items.map((item) => ({ ...item, replace: state.replace }));
}

/**
 * `expect NAME ` or `expect NAME SYN-` at the cursor. A state may be written with `-`, so the
 * typed part is every token touching the cursor after the name.
 */
function stateContext(
  tokens: readonly Token[],
  offset: number,
): { expect: Token; endpoint: Token; replace: Span } | undefined {
  const [expect, endpoint, typed] = tokens;
  if (expect?.text !== 'expect' || endpoint?.kind !== 'ident' || endpoint.end === offset) {
    return undefined;
  }
  if (!typed) return { expect, endpoint, replace: { start: offset, end: offset } };
  const touching = tokens.slice(2).every((t, i, rest) => (rest[i + 1]?.start ?? offset) === t.end);
  return touching && typed.start > endpoint.end
    ? { expect, endpoint, replace: { start: typed.start, end: offset } }
    : undefined;
}

/** The 11 states, the one the engine computed at this line first and preselected. */
function stateItems(analysis: Analysis, expectStart: number, endpoint: string): Item[] {
  const docs = docsIn(analysis.locale);
  const actual = stateAt(analysis, expectStart);
  return TCP_STATES.map((state, index): Item => {
    const here = state === actual;
    return {
      label: state,
      kind: 'state',
      detail: here ? docs.completion.stateHere({ endpoint }) : docs.states[state].summary,
      documentation: docs.states[state].text,
      sortText: here ? '0' : `1${String(index).padStart(2, '0')}`,
      ...(here ? { preselect: true } : {}),
    };
  });
}

/** The state the engine computed at the `expect` starting at `start` (also while it has no state yet). */
function stateAt(analysis: Analysis, start: number): TcpState | undefined {
  return expectStepAt(analysis, start)?.actual;
}
