import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import type { Token } from '../syntax/token';
import { parseTcpFlag, TCP_FLAG_WRITING_ORDER, type TcpFlag } from '../protocol/tcpFlags';
import { docsIn, type FieldName } from './docs';
import { lineTokens } from './findAt';
import type { Item } from './completionItem';

/**
 * What a segment line offers once its sender is written: the arrows (or `listen` / `close`),
 * then, after the receiver, the flags and fields it has not got yet.
 */

/**
 * Flags in the order completion offers them: the writing order, with ACK moved up behind SYN
 * because nearly every segment carries it (RFC 9293 §3.1: once a connection is established,
 * the acknowledgment number is always sent).
 */
const FLAG_SUGGESTION_ORDER: readonly TcpFlag[] = [
  'SYN',
  'ACK',
  ...TCP_FLAG_WRITING_ORDER.filter((flag) => flag !== 'SYN' && flag !== 'ACK'),
];
const FIELD_ORDER: readonly FieldName[] = ['seq', 'ack', 'win', 'wscale', 'len'];

/** `->`, `-x`, `~>`, `listen`, `close`; only the arrows while one is being typed (`client -`). */
export function afterEndpointItems(typingArrow: boolean, locale: Locale, typed = ''): Item[] {
  const docs = docsIn(locale);
  const arrows = (['->', '-x', '~>'] as const)
    .filter((arrow) => !typingArrow || arrow.startsWith(typed.slice(0, 1)))
    .map((arrow, index) => ({
      label: arrow,
      kind: 'arrow' as const,
      detail: docs.completion.arrows[arrow].summary,
      documentation: docs.completion.arrows[arrow].text,
      sortText: `0${index}`,
    }));
  const actions = (['listen', 'close'] as const).map((keyword, index) => ({
    label: keyword,
    kind: 'keyword' as const,
    detail: docs.keywords[keyword].summary,
    documentation: docs.keywords[keyword].text,
    sortText: `1${index}`,
  }));
  return typingArrow ? arrows : [...arrows, ...actions];
}

/** Flags and fields the line does not have yet (the whole line counts, not only the prefix). */
export function flagAndFieldItems(
  analysis: Analysis,
  offset: number,
  partial: Token | undefined,
): Item[] {
  const docs = docsIn(analysis.locale);
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
  // flags, then win= and len= (and wscale= on a SYN: only a SYN carries it, RFC 7323 §2.2).
  const numbersNext = flags.size > 0;
  const flagItems = FLAG_SUGGESTION_ORDER.filter((flag) => !flags.has(flag)).map((flag, index) => ({
    label: flag,
    kind: 'flag' as const,
    detail: docs.flags[flag].summary,
    documentation: docs.flags[flag].text,
    sortText: `${numbersNext ? 1 : 0}${index}`,
  }));
  const offered = FIELD_ORDER.filter(
    (field) => !fields.has(field) && (field !== 'wscale' || flags.has('SYN')),
  );
  const fieldItems = offered.map((field) => {
    const index = FIELD_ORDER.indexOf(field);
    const group = !numbersNext ? 1 : field === 'seq' || field === 'ack' ? 0 : 2;
    return {
      label: `${field}=`,
      kind: 'field' as const,
      detail: docs.fields[field].summary,
      documentation: docs.fields[field].text,
      sortText: `${group}${index}`,
    };
  });
  return [...flagItems, ...fieldItems];
}
