import type { TextEdit } from '../text/textEdits';
import { isName } from '../syntax/scanner';
import { KEYWORDS } from '../syntax/parser';
import { touches, type Span } from '../text/span';
import type { Name, ScenarioDocument, Statement, ValueExpression } from '../syntax/tree';
import { parseTcpFlag } from '../protocol/tcpFlags';
import { parseTcpState } from '../protocol/tcpStates';
import { visitTlsNames, type TlsNameKind } from './tlsNames';

/**
 * A name in the text, and where it is written: an endpoint, a sequence-number symbol, a CA, key
 * or certificate (`pki`), or a TLS random or secret.
 */
export interface NameOccurrence {
  readonly kind: 'endpoint' | 'symbol' | TlsNameKind;
  readonly name: string;
  readonly span: Span;
  /** True where the name is declared: `endpoint NAME`, `let NAME`, or a symbol's first use. */
  readonly declaration: boolean;
}

/** Every occurrence of every endpoint and symbol name, in text order. */
export function allOccurrences(document: ScenarioDocument): NameOccurrence[] {
  const found: NameOccurrence[] = [];
  const seenSymbols = new Set<string>();
  const seenTls = new Set<string>();
  const endpoint = (name: Name, declaration = false) => {
    if (name.text) found.push({ kind: 'endpoint', name: name.text, span: name, declaration });
  };
  const symbol = (value: ValueExpression | undefined) => {
    const name = value?.symbol;
    if (!name) return;
    // Without a `let`, the first use of a symbol binds it: that use is its declaration.
    const declaration = !seenSymbols.has(name.text);
    seenSymbols.add(name.text);
    found.push({ kind: 'symbol', name: name.text, span: name, declaration });
  };
  const lets = document.statements.filter((s) => s.kind === 'let');
  for (const s of lets) {
    seenSymbols.add(s.name.text);
  }
  const visit = (statement: Statement): void => {
    switch (statement.kind) {
      case 'endpoint':
        endpoint(statement.name, true);
        return;
      case 'let':
        found.push({
          kind: 'symbol',
          name: statement.name.text,
          span: statement.name,
          declaration: true,
        });
        return;
      case 'listen':
      case 'close':
      case 'expect':
        endpoint(statement.endpoint);
        return;
      case 'segment':
        endpoint(statement.from);
        endpoint(statement.to);
        symbol(statement.seq?.value);
        symbol(statement.ack?.value);
        return;
      case 'simultaneous':
        statement.segments.forEach(visit);
        return;
      case 'scenario':
      case 'wait':
      case 'deliver':
        return;
      default:
        visitTlsNames(statement, {
          endpoint,
          name: (kind, name, span, declaration) => {
            const key = `${kind}:${name}`;
            const first = declaration || !seenTls.has(key);
            seenTls.add(key);
            found.push({
              kind,
              name,
              span: { start: span.start, end: span.end },
              declaration: first && (declaration || kind === 'secret'),
            });
          },
        });
        return;
    }
  };
  document.statements.forEach(visit);
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** The name under `offset`, if any. */
export function nameAt(document: ScenarioDocument, offset: number): NameOccurrence | undefined {
  return allOccurrences(document).find((o) => touches(o.span, offset));
}

/** All occurrences of the name under `offset` (including its declaration). */
export function references(document: ScenarioDocument, offset: number): NameOccurrence[] {
  const at = nameAt(document, offset);
  if (!at) return [];
  return allOccurrences(document).filter((o) => o.kind === at.kind && o.name === at.name);
}

/** Where the name under `offset` is declared. */
export function definition(document: ScenarioDocument, offset: number): NameOccurrence | undefined {
  const all = references(document, offset);
  return all.find((o) => o.declaration) ?? all[0];
}

export type RenameResult =
  | { readonly ok: true; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly reason: string };

const RENAMABLE =
  'Only names can be renamed: endpoints, sequence-number symbols, CAs, keys, certificates and TLS secrets.';

/** The span and current text that a rename at `offset` would change, or why nothing can be. */
export function prepareRename(
  document: ScenarioDocument,
  offset: number,
): { span: Span; text: string } | { reason: string } {
  const at = nameAt(document, offset);
  if (!at) return { reason: RENAMABLE };
  return { span: { start: at.span.start, end: at.span.end }, text: at.name };
}

/**
 * Words a name may not become: the keywords, and the words that mean something where a name
 * stands (`A listen`, `trust client any`, a certificate `signer=self`, `as d1`, `deliver d1
 * again`, `forward ClientHello`). Renaming a CA to `any` would silently make a client trust
 * every certificate.
 */
const RESERVED: ReadonlySet<string> = new Set([
  ...KEYWORDS,
  'listen',
  'close',
  'any',
  'self',
  'as',
  'again',
  'forward',
]);

/** Renames every occurrence of the endpoint or symbol under `offset` to `newName`. */
export function rename(document: ScenarioDocument, offset: number, newName: string): RenameResult {
  const at = nameAt(document, offset);
  if (!at) return { ok: false, reason: RENAMABLE };
  if (!isName(newName)) {
    return {
      ok: false,
      reason: `'${newName}' is not a name: use letters, digits and _, starting with a letter (of any script: 客户端 is a name).`,
    };
  }
  if (RESERVED.has(newName)) {
    return { ok: false, reason: `'${newName}' is a keyword.` };
  }
  if (at.kind === 'endpoint' && (parseTcpFlag(newName) || parseTcpState(newName))) {
    return { ok: false, reason: `'${newName}' reads as a TCP flag or state.` };
  }
  if (newName === at.name) return { ok: true, edits: [] };
  const taken = allOccurrences(document).some((o) => o.kind === at.kind && o.name === newName);
  if (taken) return { ok: false, reason: `'${newName}' is already used in this scenario.` };
  return {
    ok: true,
    edits: references(document, offset).map((o) => ({ span: o.span, newText: newName })),
  };
}
