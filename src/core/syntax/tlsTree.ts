import type { Span } from '../text/span';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import type { Address, Name, StringLiteral } from './nodes';

/**
 * The TLS half of the syntax tree: certificate authorities, key pairs, certificates, trust,
 * the attacker, the date certificates are checked against, and TLS handshake messages.
 */

/** `name=value`; a value is one word, or a comma-separated list (`suites=A,B`). */
export interface TlsField extends Span {
  readonly name: string;
  readonly nameSpan: Span;
  /** The value as written. */
  readonly value: string;
  readonly valueSpan: Span;
  /** The comma-separated parts of the value, each with its own range. */
  readonly items: readonly TlsItem[];
}

export interface TlsItem extends Span {
  readonly text: string;
}

interface TlsStatementBase extends Span {
  readonly keywordSpan: Span;
}

/** `ca NAME [holder=ENDPOINT]`: a certificate authority and its key pair. */
export interface CaStatement extends TlsStatementBase {
  readonly kind: 'ca';
  readonly name: Name;
  readonly fields: readonly TlsField[];
}

/** `key NAME holder=ENDPOINT`: a key pair whose private half only the holder knows. */
export interface KeyStatement extends TlsStatementBase {
  readonly kind: 'key';
  readonly name: Name;
  readonly fields: readonly TlsField[];
}

/**
 * `cert NAME subject=DNS key=KEY issuer=CA|self [signer=KEY|CA] [notBefore=D] [notAfter=D]`,
 * or `cert NAME from=CERT key=KEY ...`: a copy of a certificate with fields replaced and the
 * signature left as it was.
 */
export interface CertStatement extends TlsStatementBase {
  readonly kind: 'cert';
  readonly name: Name;
  readonly fields: readonly TlsField[];
}

/** `trust ENDPOINT CA...` or `trust ENDPOINT *` (accepts any certificate: no verification). */
export interface TrustStatement extends TlsStatementBase {
  readonly kind: 'trust';
  readonly endpoint: Name;
  readonly authorities: readonly Name[];
  /** The `*` when the endpoint skips certificate verification. */
  readonly any?: Span;
}

/** `attacker NAME [ADDRESS]`: an endpoint that can intercept, replace and forward messages. */
export interface AttackerStatement extends TlsStatementBase {
  readonly kind: 'attacker';
  readonly name: Name;
  readonly address?: Address;
}

/** `date YYYY-MM-DD`: the day certificates are checked against. */
export interface DateStatement extends TlsStatementBase {
  readonly kind: 'date';
  readonly date: TlsItem;
  /** Days since 1970-01-01, or undefined when the text is not a date (already reported). */
  readonly day?: number;
}

/** `A -> B [forward] MESSAGE [field=value...] ["data"]`: one TLS handshake message. */
export interface TlsMessageStatement extends TlsStatementBase {
  readonly kind: 'tls';
  readonly from: Name;
  readonly to: Name;
  readonly arrow: Span;
  /** `forward`: the attacker relays the last such message it received, unchanged. */
  readonly forward?: Span;
  readonly message: TlsMessageType;
  readonly messageSpan: Span;
  readonly fields: readonly TlsField[];
  /**
   * Fields the message does not take (HS601, reported by the parser), kept so that the engine
   * can follow what the writer meant: a `cert=` on ServerHello sends the certificate with it.
   */
  readonly strayFields?: readonly TlsField[];
  /** An Alert's description (`Alert bad_certificate`). */
  readonly argument?: TlsItem;
  /** ApplicationData's text. */
  readonly payload?: StringLiteral;
}

export type TlsStatement =
  | CaStatement
  | KeyStatement
  | CertStatement
  | TrustStatement
  | AttackerStatement
  | DateStatement
  | TlsMessageStatement;

/** The TLS statements that declare something: each begins with the keyword that is its kind. */
export type TlsDeclaration = Exclude<TlsStatement, TlsMessageStatement>;

export type TlsDeclarationKind = TlsDeclaration['kind'];

/** Every declaration kind once: the record makes the compiler check the list against the tree. */
const DECLARATION_KINDS: Readonly<Record<TlsDeclarationKind, true>> = {
  ca: true,
  key: true,
  cert: true,
  trust: true,
  attacker: true,
  date: true,
};

/**
 * The keywords of the TLS declarations, in the order the language reference and completion list
 * them: the parser's keywords, the engine's "does this scenario speak TLS", the keyword docs.
 */
export const TLS_DECLARATION_KINDS = Object.freeze(
  Object.keys(DECLARATION_KINDS) as TlsDeclarationKind[],
);

/** True for the kind of a TLS declaration (`ca`, `key`, `cert`, `trust`, `attacker`, `date`). */
export function isTlsDeclarationKind(kind: string): kind is TlsDeclarationKind {
  return Object.hasOwn(DECLARATION_KINDS, kind);
}

/** True for a TLS statement: a declaration or a handshake message. */
export function isTlsStatement<S extends { readonly kind: string }>(
  statement: S,
): statement is Extract<S, TlsStatement> {
  return statement.kind === 'tls' || isTlsDeclarationKind(statement.kind);
}

/** The field named `name`, if written. */
export function fieldOf(node: { readonly fields: readonly TlsField[] }, name: string) {
  return node.fields.find((field) => field.name === name);
}
