import type { Text } from '../text/words';
import { diagnostic, type Finding } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import { dayOf } from '../syntax/parseTls';
import type { Span } from '../text/span';
import { fieldOf, type CertStatement, type TlsField } from '../syntax/tlsTree';
import type { Statement } from '../syntax/tree';
import { TLS_TEXT } from './tlsText';

/** A key pair; its private half is known to `holder` only. */
export interface KeyInfo {
  readonly name: string;
  readonly span: Span;
  readonly holder?: string;
  /** True for a CA's own key pair. */
  readonly ca: boolean;
}

/** What a certificate says, as one comparable text. */
interface CertContent {
  readonly subject?: string;
  readonly key?: string;
  /** A CA name, or `self`. */
  readonly issuer?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
}

export interface CertInfo extends CertContent {
  readonly name: string;
  readonly span: Span;
  /** The key or CA whose private key made the signature. */
  readonly signer?: string;
  /** The content the signature was made over (differs from the content once edited). */
  readonly signedContent: string;
  readonly content: string;
  /** The certificate it was copied from, with `from=`. */
  readonly base?: string;
}

export interface TrustInfo {
  readonly span: Span;
  readonly authorities: ReadonlySet<string>;
  readonly any: boolean;
}

/** Certificate authorities, keys, certificates, trust and the date: everything but messages. */
export interface Pki {
  readonly keys: ReadonlyMap<string, KeyInfo>;
  readonly certs: ReadonlyMap<string, CertInfo>;
  readonly trust: ReadonlyMap<string, TrustInfo>;
  readonly attackers: ReadonlySet<string>;
  readonly date?: { readonly day: number; readonly text: string };
}

const contentText = (c: CertContent): string =>
  [c.subject, c.key, c.issuer, c.notBefore, c.notAfter].map((v) => v ?? '').join('|');

/** Reads the declarations, reporting duplicates, unknown references and bad dates. */
export function buildPki(
  statements: readonly Statement[],
  lines: LineMap,
  isEndpoint: (name: string) => boolean,
  report: (d: Finding) => void,
): Pki {
  const keys = new Map<string, KeyInfo>();
  const certs = new Map<string, CertInfo>();
  const trust = new Map<string, TrustInfo>();
  const attackers = new Set<string>();
  let date: Pki['date'];
  const taken = (name: { text: string; start: number; end: number }): boolean => {
    const existing = keys.get(name.text) ?? certs.get(name.text);
    if (!existing) return false;
    report(
      diagnostic('TlsDuplicateName', name, {
        name: name.text,
        line: lines.lineOf(existing.span) + 1,
      }),
    );
    return true;
  };
  for (const statement of statements) {
    switch (statement.kind) {
      case 'ca':
      case 'key': {
        if (taken(statement.name)) break;
        const holder = fieldOf(statement, 'holder');
        keys.set(statement.name.text, {
          name: statement.name.text,
          span: statement.name,
          ...(holder
            ? { holder: holder.value }
            : statement.kind === 'ca'
              ? { holder: statement.name.text }
              : {}),
          ca: statement.kind === 'ca',
        });
        break;
      }
      case 'attacker':
        attackers.add(statement.name.text);
        break;
      case 'date':
        if (statement.day !== undefined) date = { day: statement.day, text: statement.date.text };
        break;
      default:
        break;
    }
  }
  // Certificates may copy others (`from=`), so they are read after every key is known.
  for (const statement of statements) {
    if (statement.kind === 'cert' && !taken(statement.name)) {
      certs.set(statement.name.text, readCert(statement, certs, keys, report));
    }
  }
  for (const statement of statements) {
    if (statement.kind === 'key' || statement.kind === 'ca') {
      const holder = fieldOf(statement, 'holder');
      if (holder && !isEndpoint(holder.value) && !keys.get(holder.value)?.ca) {
        report(
          diagnostic('TlsUnknownName', holder.valueSpan, {
            what: TLS_TEXT.whatEndpoint,
            name: holder.value,
            declare: `endpoint ${holder.value}`,
          }),
        );
      }
    }
    if (statement.kind === 'trust') {
      const names = new Set<string>();
      for (const authority of statement.authorities) {
        const key = keys.get(authority.text);
        if (!key?.ca && !certs.has(authority.text)) {
          report(
            diagnostic('TlsUnknownName', authority, {
              what: TLS_TEXT.whatCa,
              name: authority.text,
              declare: `ca ${authority.text}`,
            }),
          );
        }
        names.add(authority.text);
      }
      const any = statement.any !== undefined;
      if (any) {
        report(
          diagnostic('VerificationSkipped', statement.any ?? statement, {
            endpoint: statement.endpoint.text,
          }),
        );
      }
      trust.set(statement.endpoint.text, { span: statement, authorities: names, any });
    }
  }
  return { keys, certs, trust, attackers, ...(date ? { date } : {}) };
}

function readCert(
  statement: CertStatement,
  certs: ReadonlyMap<string, CertInfo>,
  keys: ReadonlyMap<string, KeyInfo>,
  report: (d: Finding) => void,
): CertInfo {
  const field = (name: string): TlsField | undefined => fieldOf(statement, name);
  const fromField = field('from');
  const base = fromField ? certs.get(fromField.value) : undefined;
  if (fromField && !base) {
    report(
      diagnostic('TlsUnknownName', fromField.valueSpan, {
        what: TLS_TEXT.whatCertificate,
        name: fromField.value,
        declare: `cert ${fromField.value} subject=... key=... issuer=...`,
      }),
    );
  }
  const name = (f: TlsField | undefined, what: 'key' | 'ca'): string | undefined => {
    if (!f) return undefined;
    const key = keys.get(f.value);
    if (f.value !== 'self' && (!key || (what === 'ca' && !key.ca))) {
      report(
        diagnostic('TlsUnknownName', f.valueSpan, {
          what: what === 'ca' ? TLS_TEXT.whatCa : TLS_TEXT.whatKey,
          name: f.value,
          declare: what === 'ca' ? `ca ${f.value}` : `key ${f.value} holder=...`,
        }),
      );
    }
    return f.value;
  };
  const date = (f: TlsField | undefined): string | undefined => {
    if (f && dayOf(f.value) === undefined) {
      report(
        diagnostic('TlsBadValue', f.valueSpan, {
          what: TLS_TEXT.whatDate,
          text: f.value,
          expected: TLS_TEXT.dateFormat,
        }),
      );
      return undefined;
    }
    return f?.value;
  };
  const content: CertContent = {
    subject: field('subject')?.value ?? base?.subject,
    key: name(field('key'), 'key') ?? base?.key,
    issuer: name(field('issuer'), 'ca') ?? base?.issuer,
    notBefore: date(field('notbefore')) ?? base?.notBefore,
    notAfter: date(field('notafter')) ?? base?.notAfter,
  };
  const signerField = field('signer');
  const signer = signerField
    ? (name(signerField, 'key') ?? signerField.value)
    : (base?.signer ?? (content.issuer === 'self' ? content.key : content.issuer));
  const text = contentText(content);
  return {
    ...stripUndefined(content),
    name: statement.name.text,
    span: statement.name,
    ...(signer ? { signer } : {}),
    // A copy keeps the original signature unless it names a new signer.
    signedContent: base && !signerField ? base.signedContent : text,
    content: text,
    ...(base ? { base: base.name } : {}),
  };
}

function stripUndefined(content: CertContent): CertContent {
  return Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined));
}

/** Why a client rejects a certificate, as the diagnostic to report. */
export type Rejection =
  | { readonly kind: 'CertSelfSigned'; readonly alert: 'unknown_ca' }
  | { readonly kind: 'CertUntrustedIssuer'; readonly alert: 'unknown_ca'; readonly trusted: Text }
  | {
      readonly kind: 'CertBadSignature';
      readonly alert: 'bad_certificate';
      readonly reason: Text;
    }
  | { readonly kind: 'CertNameMismatch'; readonly alert: 'bad_certificate' }
  | { readonly kind: 'CertExpired'; readonly alert: 'certificate_expired' }
  | { readonly kind: 'CertNotYetValid'; readonly alert: 'bad_certificate' };

/** Why a client accepts a certificate: what it checked, for the diagram's note. */
export type Acceptance =
  /** `trust CLIENT any`: nothing was checked. */
  | { readonly kind: 'CertUnchecked' }
  | {
      readonly kind: 'CertVerified';
      /** The trusted CA whose signature verified; the certificate itself when self-signed. */
      readonly signer: string;
      readonly selfSigned: boolean;
      /** The name asked for (SNI) that the subject matched; absent when none was checked. */
      readonly name?: string;
      /** True when the ClientHello gave no SNI: the client had no name to check. */
      readonly noSni?: boolean;
      /** The day the validity dates were checked on; absent when none were. */
      readonly date?: string;
      /** An attacker that holds the private key of the trusted signer. */
      readonly attacker?: string;
    };

export type Verdict = Acceptance | Rejection;

/** True when the client accepts the certificate. */
export function accepts(verdict: Verdict): verdict is Acceptance {
  return verdict.kind === 'CertVerified' || verdict.kind === 'CertUnchecked';
}

/**
 * A client's checks, in the order real clients make them (RFC 5280 §6 path validation, then
 * RFC 6125 name matching): the chain up to a trusted CA and its signature, the name, the dates.
 */
export function verifyCertificate(
  pki: Pki,
  cert: CertInfo,
  client: string,
  sni: string | undefined,
): Verdict {
  const trust = pki.trust.get(client);
  if (trust?.any) return { kind: 'CertUnchecked' };
  const trusted = trust ? [...trust.authorities] : [];
  if (cert.issuer === 'self' && !trusted.includes(cert.name)) {
    return { kind: 'CertSelfSigned', alert: 'unknown_ca' };
  }
  if (cert.issuer !== 'self' && (cert.issuer === undefined || !trusted.includes(cert.issuer))) {
    return {
      kind: 'CertUntrustedIssuer',
      alert: 'unknown_ca',
      trusted: trusted.length ? TLS_TEXT.trusts({ list: trusted.join(', ') }) : TLS_TEXT.trustsNone,
    };
  }
  const expectedSigner = cert.issuer === 'self' ? cert.key : cert.issuer;
  if (cert.signer !== expectedSigner) {
    const holder = cert.signer ? pki.keys.get(cert.signer)?.holder : undefined;
    return {
      kind: 'CertBadSignature',
      alert: 'bad_certificate',
      reason: TLS_TEXT.signedByOther({
        signer: cert.signer ?? TLS_TEXT.noKey,
        holder: holder ?? '',
        expected: expectedSigner ?? TLS_TEXT.theIssuer,
      }),
    };
  }
  if (cert.signedContent !== cert.content) {
    return {
      kind: 'CertBadSignature',
      alert: 'bad_certificate',
      reason: TLS_TEXT.changedAfterSigning({
        cert: cert.name,
        base: cert.base ?? TLS_TEXT.aCertificate,
        parts: changedParts(cert),
        signer: expectedSigner ?? TLS_TEXT.theIssuer,
      }),
    };
  }
  const nameChecked = sni !== undefined && cert.subject !== undefined;
  if (nameChecked && !sameName(cert.subject ?? '', sni)) {
    return { kind: 'CertNameMismatch', alert: 'bad_certificate' };
  }
  const today = pki.date?.day;
  const notAfter = cert.notAfter ? dayOf(cert.notAfter) : undefined;
  const notBefore = cert.notBefore ? dayOf(cert.notBefore) : undefined;
  if (today !== undefined && notAfter !== undefined && today > notAfter) {
    return { kind: 'CertExpired', alert: 'certificate_expired' };
  }
  if (today !== undefined && notBefore !== undefined && today < notBefore) {
    return { kind: 'CertNotYetValid', alert: 'bad_certificate' };
  }
  const datesChecked = today !== undefined && (notAfter !== undefined || notBefore !== undefined);
  const holder = expectedSigner ? pki.keys.get(expectedSigner)?.holder : undefined;
  return {
    kind: 'CertVerified',
    signer: cert.issuer === 'self' ? cert.name : (cert.issuer ?? ''),
    selfSigned: cert.issuer === 'self',
    ...(nameChecked ? { name: sni } : sni === undefined ? { noSni: true } : {}),
    ...(datesChecked && pki.date ? { date: pki.date.text } : {}),
    ...(holder !== undefined && pki.attackers.has(holder) ? { attacker: holder } : {}),
  };
}

function changedParts(cert: CertInfo): Text {
  const before = cert.signedContent.split('|');
  const after = cert.content.split('|');
  const names = TLS_TEXT.partNames.filter((_, i) => before[i] !== after[i]);
  return TLS_TEXT.parts({ names });
}

/** DNS names compare without case (RFC 4343). */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
