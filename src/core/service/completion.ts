import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import { KEYWORDS } from '../syntax/parser';
import type { Token } from '../syntax/token';
import { docsIn } from './docs';
import { tlsMessageItems, tlsMessageRestItems, tlsValueItems, trustItems } from './tlsCompletion';
import { afterEndpointItems, flagAndFieldItems } from './segmentCompletion';
import { seqAckCompletion } from './seqAckCompletion';
import { stateCompletion } from './stateCompletion';
import { lineTokens } from './findAt';
import type { CompletionItem, Item } from './completionItem';

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
  const value = seqAckCompletion(analysis, tokens, offset);
  if (value) return { items: value, isIncomplete: true };
  const state = stateCompletion(analysis, tokens, offset);
  if (state) return { items: state, isIncomplete: false };
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
      return before.length === 1 && !typingArrow ? [durationItem(analysis.locale)] : [];
    case 'trust':
      return before.length >= 2 && !typingArrow ? trustItems(analysis) : [];
    case 'deliver':
      if (typingArrow) return [];
      return before.length === 1
        ? labelItems(analysis)
        : before.length === 2
          ? [againItem(analysis.locale)]
          : [];
  }
  if ((KEYWORDS as readonly string[]).includes(first.text)) return [];
  // FROM ...: the rest of a segment, or listen / close.
  if (before.length === 1) return afterEndpointItems(typingArrow, analysis.locale, partial?.text);
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
  const tlsRest = tlsMessageRestItems(before, line, analysis.locale);
  if (tlsRest) return tlsRest;
  const items = flagAndFieldItems(analysis, offset, partial);
  // Right after `A -> B` a TLS message may come instead of flags.
  return before.length === 3 && arrow.kind === 'arrow'
    ? [...items, ...tlsMessageItems(analysis.locale)]
    : items;
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
  const docs = docsIn(analysis.locale);
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
    const doc = docs.keywords[keyword];
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
  const docs = docsIn(analysis.locale);
  return analysis.trace.endpoints
    .filter((e) => e.declared && e.name !== except)
    .map((e, index) => ({
      label: e.name,
      kind: 'endpoint' as const,
      detail: docs.completion.endpoint(e.address ? { address: e.address.text } : {}),
      sortText: `1${String(index).padStart(4, '0')}`,
    }));
}

const SEGMENT_ARROWS: ReadonlySet<Token['kind']> = new Set(['arrow', 'lostArrow', 'flightArrow']);

/** After `deliver`: the labels written with `as NAME`, in the order of their segments. */
function labelItems(analysis: Analysis): Item[] {
  const docs = docsIn(analysis.locale);
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const statement of analysis.document.statements) {
    if (statement.kind !== 'segment' || statement.labelText === undefined) continue;
    if (seen.has(statement.labelText)) continue;
    seen.add(statement.labelText);
    items.push({
      label: statement.labelText,
      kind: 'value',
      detail: docs.completion.label({ line: analysis.lines.lineOf(statement) + 1 }),
      sortText: `0${String(items.length).padStart(4, '0')}`,
    });
  }
  return items;
}

function againItem(locale: Locale): Item {
  const docs = docsIn(locale);
  return {
    label: 'again',
    kind: 'keyword',
    detail: docs.keywords.again.summary,
    documentation: docs.keywords.again.text,
  };
}

function durationItem(locale: Locale): Item {
  const docs = docsIn(locale);
  const doc = docs.keywords['2MSL'];
  return { label: '2MSL', kind: 'duration', detail: doc.summary, documentation: doc.text };
}
