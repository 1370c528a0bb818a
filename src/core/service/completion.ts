import { freshSymbolName } from '../tcp/seqValue';
import type { Analysis } from '../analysis/analyze';
import { KEYWORDS } from '../syntax/parser';
import type { Span } from '../text/span';
import type { Token } from '../syntax/token';
import { explainReason } from '../tcp/explain';
import { parseTcpFlag, type TcpFlag } from '../protocol/tcpFlags';
import { formatValue, resolve } from '../tcp/seqValue';
import { TCP_STATES, type TcpState } from '../protocol/tcpStates';
import { DOCS, type FieldName } from './docs';
import { tlsMessageItems, tlsMessageRestItems, tlsValueItems, trustItems } from './tlsCompletion';
import { expectStepAt, lineTokens, segmentStepOf, statementAt, symbolValues } from './findAt';
import type { CompletionItem } from './completionItem';

export type { CompletionItem } from './completionItem';

/**
 * The completions at a point, and whether the editor must ask again as the user types (rather
 * than filter this list): after `seq=` / `ack=` it must, because a value typed in full must close
 * the list, so that Enter ends the line instead of replacing the value with a suggestion.
 */
export interface CompletionList {
  readonly items: CompletionItem[];
  readonly isIncomplete: boolean;
}

/** The order people write flags in: SYN ACK, FIN ACK, PSH ACK, RST ACK. */
const FLAG_ORDER: readonly TcpFlag[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'];
const FIELD_ORDER: readonly FieldName[] = ['seq', 'ack', 'win', 'len'];
/** Names textbooks give initial sequence numbers, as the engine's own fixes pick them. */
/**
 * Completions at a UTF-16 offset, from the text of the line before the cursor, so that they
 * work on lines still being typed. Values after `seq=` / `ack=` and the state after
 * `expect NAME` come from the engine's trace of that very line.
 */
export function complete(analysis: Analysis, offset: number): CompletionItem[] {
  return completionList(analysis, offset).items;
}

/** The completions at a UTF-16 offset, as `complete`, with whether the list is incomplete. */
export function completionList(analysis: Analysis, offset: number): CompletionList {
  const { tokens, commentStart } = lineTokens(analysis, offset, offset);
  const last = tokens[tokens.length - 1];
  if (commentStart !== undefined || (last?.kind === 'string' && last.end === offset)) {
    return { items: [], isIncomplete: false };
  }
  const tls = tlsValueContext(analysis, tokens, offset);
  if (tls) return { items: tls, isIncomplete: false };
  const value = valueContext(tokens, offset);
  if (value) {
    const items = completeTypedValue(analysis, tokens, value.field, value.replace);
    return { items, isIncomplete: true };
  }
  const state = stateContext(tokens, offset);
  if (state) {
    const items = stateItems(analysis, state.expect.start, state.endpoint.text);
    return {
      items: items.map((item) => ({ ...item, replace: state.replace })),
      isIncomplete: false,
    };
  }
  const partial = last && last.end === offset && PARTIAL_KINDS.has(last.kind) ? last : undefined;
  const before = partial ? tokens.slice(0, -1) : tokens;
  const replace = partial ? { start: partial.start, end: offset } : { start: offset, end: offset };
  const items = completeAfter(analysis, before, partial, offset);
  return { items: items.map((item) => ({ ...item, replace })), isIncomplete: false };
}

const PARTIAL_KINDS: ReadonlySet<Token['kind']> = new Set([
  'ident',
  'word',
  'number',
  'minus',
  'arrow',
  'lostArrow',
  'flightArrow',
]);
const VALUE_OPERATORS: ReadonlySet<Token['kind']> = new Set(['equals', 'plus', 'minus']);
const ARROW_KINDS: ReadonlySet<Token['kind']> = new Set([
  'arrow',
  'lostArrow',
  'flightArrow',
  'minus',
]);

type Item = Omit<CompletionItem, 'replace'>;

function completeAfter(
  analysis: Analysis,
  before: readonly Token[],
  partial: Token | undefined,
  offset: number,
): Item[] {
  const first = before[0];
  const typingArrow = partial !== undefined && ARROW_KINDS.has(partial.kind);
  if (!first) return typingArrow ? [] : lineStartItems(analysis, offset);
  if (first.kind !== 'ident') return [];
  switch (first.text) {
    case 'expect':
      return before.length === 1 && !typingArrow ? endpointItems(analysis) : [];
    case 'wait':
      return before.length === 1 && !typingArrow ? [durationItem()] : [];
    case 'trust':
      return before.length >= 2 && !typingArrow ? trustItems(analysis) : [];
    case 'deliver':
      if (typingArrow) return [];
      return before.length === 1 ? labelItems(analysis) : before.length === 2 ? [againItem()] : [];
  }
  if ((KEYWORDS as readonly string[]).includes(first.text)) return [];
  // FROM ...: the rest of a segment, or listen / close.
  if (before.length === 1) return afterEndpointItems(typingArrow, partial?.text);
  const arrow = before[1];
  if (typingArrow || !arrow || !SEGMENT_ARROWS.has(arrow.kind)) return [];
  if (before.length === 2) return endpointItems(analysis, first.text);
  if (before[2]?.kind !== 'ident') return [];
  // Right after `win=` or `len=` a number is being typed: nothing to offer.
  const previous = before[before.length - 1];
  const typingValue =
    previous?.end === (partial?.start ?? offset) && VALUE_OPERATORS.has(previous.kind);
  if (typingValue) return [];
  const line = lineTokens(analysis, offset).tokens;
  const tlsRest = tlsMessageRestItems(before, line);
  if (tlsRest) return tlsRest;
  const items = flagAndFieldItems(analysis, offset, partial);
  // Right after `A -> B` a TLS message may come instead of flags.
  return before.length === 3 && arrow.kind === 'arrow' ? [...items, ...tlsMessageItems()] : items;
}

/** After `cert=`, `suite=`, `holder=` ... on a TLS line: the names and values that fit. */
function tlsValueContext(
  analysis: Analysis,
  tokens: readonly Token[],
  offset: number,
): CompletionItem[] | undefined {
  const last = tokens[tokens.length - 1];
  const typing = last && last.end === offset && last.kind !== 'equals' ? last : undefined;
  const equals = tokens[tokens.length - (typing ? 2 : 1)];
  const name = tokens[tokens.length - (typing ? 3 : 2)];
  if (
    equals?.kind !== 'equals' ||
    name?.kind !== 'ident' ||
    equals.end !== (typing?.start ?? offset)
  ) {
    return undefined;
  }
  const items = tlsValueItems(analysis, name.text.toLowerCase());
  const replace = { start: equals.end, end: offset };
  return items?.map((item) => ({ ...item, replace }));
}

/** Keywords and endpoint names; inside a `simultaneous` block only segments may stand. */
function lineStartItems(analysis: Analysis, offset: number): Item[] {
  const endpoints = endpointItems(analysis);
  const inBlock = analysis.document.statements.some(
    (s) =>
      s.kind === 'simultaneous' &&
      s.closeBrace !== undefined &&
      analysis.lines.lineOf(s) < analysis.lines.positionAt(offset).line &&
      offset <= s.closeBrace.start,
  );
  if (inBlock) return endpoints;
  const keywords = KEYWORDS.map((keyword, index) => {
    const doc = DOCS.keywords[keyword];
    return {
      label: keyword,
      kind: 'keyword' as const,
      detail: doc.syntax.split('\n')[0],
      documentation: doc.text,
      sortText: `2${String(index).padStart(2, '0')}`,
    };
  });
  return [...endpoints, ...keywords];
}

function endpointItems(analysis: Analysis, except?: string): Item[] {
  return analysis.trace.endpoints
    .filter((e) => e.declared && e.name !== except)
    .map((e, index) => ({
      label: e.name,
      kind: 'endpoint' as const,
      detail: DOCS.completion.endpoint(e.address ? { address: e.address.text } : {}),
      sortText: `1${String(index).padStart(4, '0')}`,
    }));
}

const SEGMENT_ARROWS: ReadonlySet<Token['kind']> = new Set(['arrow', 'lostArrow', 'flightArrow']);

/** After `deliver`: the labels written with `as NAME`, in the order of their segments. */
function labelItems(analysis: Analysis): Item[] {
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const statement of analysis.document.statements) {
    if (statement.kind !== 'segment' || statement.labelText === undefined) continue;
    if (seen.has(statement.labelText)) continue;
    seen.add(statement.labelText);
    items.push({
      label: statement.labelText,
      kind: 'value',
      detail: DOCS.completion.label({ line: analysis.lines.lineOf(statement) + 1 }),
      sortText: `0${String(items.length).padStart(4, '0')}`,
    });
  }
  return items;
}

function againItem(): Item {
  return {
    label: 'again',
    kind: 'keyword',
    detail: DOCS.keywords.again.summary,
    documentation: DOCS.keywords.again.text,
  };
}

/** `->`, `-x`, `~>`, `listen`, `close`; only the arrows while one is being typed (`client -`). */
function afterEndpointItems(typingArrow: boolean, typed = ''): Item[] {
  const arrows = (['->', '-x', '~>'] as const)
    .filter((arrow) => !typingArrow || arrow.startsWith(typed.slice(0, 1)))
    .map((arrow, index) => ({
      label: arrow,
      kind: 'arrow' as const,
      detail: DOCS.completion.arrows[arrow].summary,
      documentation: DOCS.completion.arrows[arrow].text,
      sortText: `0${index}`,
    }));
  const actions = (['listen', 'close'] as const).map((keyword, index) => ({
    label: keyword,
    kind: 'keyword' as const,
    detail: DOCS.keywords[keyword].summary,
    documentation: DOCS.keywords[keyword].text,
    sortText: `1${index}`,
  }));
  return typingArrow ? arrows : [...arrows, ...actions];
}

/** Flags and fields the line does not have yet (the whole line counts, not only the prefix). */
function flagAndFieldItems(analysis: Analysis, offset: number, partial: Token | undefined): Item[] {
  const line = lineTokens(analysis, offset).tokens;
  const flags = new Set<TcpFlag>();
  const fields = new Set<string>();
  line.forEach((token, index) => {
    if (index < 3 || token.kind !== 'ident' || token.start === partial?.start) return;
    if (line[index + 1]?.kind === 'equals') fields.add(token.text.toLowerCase());
    else {
      const flag = parseTcpFlag(token.text);
      if (flag) flags.add(flag);
    }
  });
  // Before the first flag, flags come first; after one, the line usually goes on with its
  // numbers (`SYN seq=x`, `ACK seq=x+1 ack=y+1`), so seq= and ack= come first, then the other
  // flags, then win= and len=.
  const numbersNext = flags.size > 0;
  const flagItems = FLAG_ORDER.filter((flag) => !flags.has(flag)).map((flag, index) => ({
    label: flag,
    kind: 'flag' as const,
    detail: DOCS.flags[flag].summary,
    documentation: DOCS.flags[flag].text,
    sortText: `${numbersNext ? 1 : 0}${index}`,
  }));
  const fieldItems = FIELD_ORDER.filter((field) => !fields.has(field)).map((field) => {
    const index = FIELD_ORDER.indexOf(field);
    const group = !numbersNext ? 1 : field === 'seq' || field === 'ack' ? 0 : 2;
    return {
      label: `${field}=`,
      kind: 'field' as const,
      detail: DOCS.fields[field].summary,
      documentation: DOCS.fields[field].text,
      sortText: `${group}${index}`,
    };
  });
  return [...flagItems, ...fieldItems];
}

function durationItem(): Item {
  const doc = DOCS.keywords['2MSL'];
  return { label: '2MSL', kind: 'duration', detail: doc.summary, documentation: doc.text };
}

// --- seq= and ack= ---------------------------------------------------------------------------

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
  const start = tokens[0]?.start ?? -1;
  const statement = statementAt(analysis, start)?.statement;
  if (statement?.kind !== 'segment' || statement.start !== start) return [];
  const step = segmentStepOf(analysis, statement);
  if (!step) return [];
  const expected = step.expected[field];
  const why = step.why[field];
  if (expected && why) {
    const reason = explainReason(why, analysis.lines);
    const symbolic = formatValue(expected);
    const items: CompletionItem[] = [
      {
        label: symbolic,
        kind: 'value',
        detail: DOCS.completion.expectedValue({ why: reason }),
        documentation: DOCS.fields[field].text,
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
        detail: DOCS.completion.expectedNumber({ symbolic, why: reason }),
        documentation: DOCS.fields[field].text,
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
          detail: DOCS.completion.freshSymbol({ endpoint: step.from }),
          documentation: DOCS.fields.seq.text,
          sortText: '2',
          replace,
        },
      ];
    }
  }
  return [];
}

// --- expect NAME STATE -------------------------------------------------------------------------

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
  const actual = stateAt(analysis, expectStart);
  return TCP_STATES.map((state, index): Item => {
    const here = state === actual;
    return {
      label: state,
      kind: 'state',
      detail: here ? DOCS.completion.stateHere({ endpoint }) : DOCS.states[state].summary,
      documentation: DOCS.states[state].text,
      sortText: here ? '0' : `1${String(index).padStart(2, '0')}`,
      ...(here ? { preselect: true } : {}),
    };
  });
}

/** The state the engine computed at the `expect` starting at `start` (also while it has no state yet). */
function stateAt(analysis: Analysis, start: number): TcpState | undefined {
  return expectStepAt(analysis, start)?.actual;
}
