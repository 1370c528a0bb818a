import type { Locale } from '../text/locale';
import type { Analysis } from '../analysis/analyze';
import type { Token } from '../syntax/token';
import {
  parseTlsMessageType,
  TLS_ALERTS,
  TLS_MESSAGE_DOCS,
  TLS_MESSAGE_FIELDS,
  TLS_MESSAGE_TYPES,
  type TlsMessageType,
} from '../protocol/tlsMessageTypes';
import { CIPHER_SUITES } from '../protocol/tlsSuites';
import { SUGGESTED_GROUPS } from '../protocol/tlsGroups';
import type { Item } from './completionItem';
import { tlsDocsIn } from './docsTls';

/** TLS message names, in handshake order, for the word after `A -> B`. */
export function tlsMessageItems(locale: Locale): Item[] {
  const tlsDocs = tlsDocsIn(locale);
  const messageDocs = TLS_MESSAGE_DOCS[locale];
  return TLS_MESSAGE_TYPES.map((message, index) => ({
    label: message,
    kind: 'message' as const,
    detail: tlsDocs.details.message,
    documentation: messageDocs[message],
    sortText: `3${String(index).padStart(2, '0')}`,
  }));
}

/**
 * The message name at `at`: one word, or as notes write it in two or three (`Client Hello`, read
 * as the parser reads it, with a warning); the longest that names a message.
 */
function messageAt(
  before: readonly Token[],
  at: number,
): { message?: TlsMessageType; count: number } {
  for (let count = 3; count >= 1; count--) {
    const words = before.slice(at, at + count);
    if (words.length < count || words.some((w) => w.kind !== 'ident')) continue;
    if (before[at + count]?.kind === 'equals') continue;
    const message = parseTlsMessageType(words.map((w) => w.text).join(''));
    if (message) return { message, count };
  }
  return { count: 1 };
}

/**
 * What may follow a TLS message name on its line (`before` ends with it or its fields): the
 * fields it takes and has not got yet, or an alert name after `Alert`.
 */
export function tlsMessageRestItems(
  before: readonly Token[],
  line: readonly Token[],
  locale: Locale,
): Item[] | undefined {
  const tlsDocs = tlsDocsIn(locale);
  const at = before[3]?.text === 'forward' ? 4 : 3;
  const { message, count } = messageAt(before, at);
  if (!message) return undefined;
  if (message === 'Alert') {
    return before.length === at + count
      ? TLS_ALERTS.map((alert) => ({
          label: alert,
          kind: 'value' as const,
          detail: tlsDocs.details.alert,
        }))
      : [];
  }
  const written = new Set(
    line
      .filter((t, i) => t.kind === 'ident' && line[i + 1]?.kind === 'equals')
      .map((t) => t.text.toLowerCase()),
  );
  const fields = TLS_MESSAGE_FIELDS[message];
  return fields.allowed
    .filter((field) => !written.has(field))
    .map((field, index) => ({
      label: `${field}=`,
      kind: 'field' as const,
      detail: fields.required.includes(field) ? tlsDocs.details.needs({ message }) : message,
      sortText: `${fields.required.includes(field) ? 0 : 1}${index}`,
    }));
}

/** Values after `cert=`, `encrypted=`, `suite=`, `holder=` ... (the PKI names come from the tree). */
export function tlsValueItems(analysis: Analysis, field: string): Item[] | undefined {
  const tlsDocs = tlsDocsIn(analysis.locale);
  const names = (kinds: readonly string[]) =>
    analysis.document.statements.flatMap((s) =>
      kinds.includes(s.kind) && 'name' in s && s.name ? [s.name.text] : [],
    );
  const values = (labels: readonly string[], detail: string): Item[] =>
    [...new Set(labels)].map((label) => ({ label, kind: 'value' as const, detail }));
  switch (field) {
    case 'cert':
    case 'from':
      return values(names(['cert']), tlsDocs.details.certificate);
    case 'encrypted':
    case 'key':
      return values(names(['key']), tlsDocs.details.keyPair);
    case 'issuer':
      return values([...names(['ca']), 'self'], tlsDocs.details.authority);
    case 'signer':
      return values(names(['ca', 'key']), tlsDocs.details.signingKey);
    case 'holder':
      return values(
        analysis.trace.endpoints.filter((e) => e.declared).map((e) => e.name),
        tlsDocs.details.endpoint,
      );
    case 'suite':
    case 'suites':
      return Object.entries(CIPHER_SUITES).map(([suite, exchange]) => ({
        label: suite,
        kind: 'value' as const,
        detail: tlsDocs.exchanges[exchange],
      }));
    case 'version':
    case 'versions':
      return values(['1.2', '1.3'], tlsDocs.details.version);
    case 'group':
      return values(SUGGESTED_GROUPS, tlsDocs.details.group);
    default:
      return undefined;
  }
}

/** CA names for `trust ENDPOINT ...`. */
export function trustItems(analysis: Analysis): Item[] {
  const tlsDocs = tlsDocsIn(analysis.locale);
  const cas = analysis.document.statements.flatMap((s) => (s.kind === 'ca' ? [s.name.text] : []));
  return [
    ...cas.map((label) => ({ label, kind: 'value' as const, detail: tlsDocs.details.authority })),
    { label: 'any', kind: 'value' as const, detail: tlsDocs.details.anyCertificate },
  ];
}
