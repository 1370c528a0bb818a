/** What a capture shows of one DER certificate (RFC 5280 §4.1), as text. */
export interface CertificateFacts {
  /** The subject as `CN=..., O=...`. */
  readonly subject: string;
  readonly issuer: string;
  /** The subject's common name, if it has one. */
  readonly commonName?: string;
  /** The issuer's common name, if it has one. */
  readonly issuerCommonName?: string;
  /** DNS names from the subject alternative name extension (RFC 5280 §4.2.1.6). */
  readonly dnsNames: readonly string[];
  /** Validity bounds as `YYYY-MM-DD`, when readable. */
  readonly notBefore?: string;
  readonly notAfter?: string;
}

/**
 * Reads the names, validity and DNS names of a DER certificate; undefined when the bytes are
 * not one. Reads the to-be-signed part only, never the key or the signature; never throws.
 */
export function readCertificate(der: Uint8Array): CertificateFacts | undefined {
  const certificate = element(der, 0);
  if (!certificate || certificate.tag !== SEQUENCE) return undefined;
  const tbs = element(der, certificate.start);
  if (!tbs || tbs.tag !== SEQUENCE) return undefined;
  let at = tbs.start;
  const fields: Element[] = [];
  while (at < tbs.end && fields.length < 12) {
    const field = element(der, at);
    if (!field) return undefined;
    fields.push(field);
    at = field.end;
  }
  // [0] version is optional: serial, signature, issuer, validity, subject follow it.
  const offset = fields[0]?.tag === EXPLICIT_0 ? 1 : 0;
  const issuerField = fields[offset + 2];
  const validity = fields[offset + 3];
  const subjectField = fields[offset + 4];
  if (!subjectField || subjectField.tag !== SEQUENCE) return undefined;
  if (!issuerField || issuerField.tag !== SEQUENCE) return undefined;
  const subject = distinguishedName(der, subjectField);
  const issuer = distinguishedName(der, issuerField);
  if (subject === undefined || issuer === undefined) return undefined;
  const extensions = fields.slice(offset + 6).find((f) => f.tag === EXPLICIT_3);
  const dates = validity?.tag === SEQUENCE ? validityDays(der, validity) : {};
  const commonName = attribute(der, subjectField, '2.5.4.3');
  const issuerCommonName = attribute(der, issuerField, '2.5.4.3');
  return {
    subject: subject.text,
    issuer: issuer.text,
    ...(commonName !== undefined ? { commonName } : {}),
    ...(issuerCommonName !== undefined ? { issuerCommonName } : {}),
    dnsNames: extensions ? dnsNamesOf(der, extensions) : [],
    ...dates,
  };
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const OCTET_STRING = 0x04;
const BOOLEAN = 0x01;
const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
const EXPLICIT_0 = 0xa0;
const EXPLICIT_3 = 0xa3;
/** GeneralName's dNSName, an implicit [2] IA5String (RFC 5280 §4.2.1.6). */
const DNS_NAME = 0x82;
const SUBJECT_ALT_NAME = '2.5.29.17';

const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

interface Element {
  readonly tag: number;
  /** Where the contents start and end. */
  readonly start: number;
  readonly end: number;
}

function element(der: Uint8Array, at: number, limit = der.length): Element | undefined {
  if (at + 2 > limit) return undefined;
  const tag = der[at] as number;
  let length = der[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] as number);
    start += count;
  }
  if (start + length > limit) return undefined;
  return { tag, start, end: start + length };
}

/** The elements directly inside `parent`; stops at the first malformed one. */
function children(der: Uint8Array, parent: Element): Element[] {
  const out: Element[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = element(der, at, parent.end);
    if (!child) break;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Each attribute of a Name (RDNSequence) as [oid, value]; undefined when malformed. */
function attributes(der: Uint8Array, name: Element): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (let at = name.start; at < name.end;) {
    const set = element(der, at, name.end);
    if (!set || set.tag !== SET) return undefined;
    for (let inner = set.start; inner < set.end;) {
      const pair = element(der, inner, set.end);
      if (!pair || pair.tag !== SEQUENCE) return undefined;
      const oid = element(der, pair.start, pair.end);
      if (!oid || oid.tag !== OID) return undefined;
      const value = element(der, oid.end, pair.end);
      if (!value) return undefined;
      pairs.push([oidText(der.subarray(oid.start, oid.end)), text(der, value, 200)]);
      inner = pair.end;
    }
    at = set.end;
  }
  return pairs;
}

function distinguishedName(der: Uint8Array, name: Element): { text: string } | undefined {
  const pairs = attributes(der, name);
  if (!pairs) return undefined;
  return {
    text: pairs.map(([oid, value]) => `${ATTRIBUTE_NAMES[oid] ?? oid}=${value}`).join(', '),
  };
}

function attribute(der: Uint8Array, name: Element, oid: string): string | undefined {
  return attributes(der, name)?.find(([key]) => key === oid)?.[1];
}

/** Printable ASCII only: a certificate's text ends up in comments and names. */
function text(der: Uint8Array, value: Element, max: number): string {
  const bytes = der.subarray(value.start, Math.min(value.end, value.start + max));
  return String.fromCharCode(...bytes).replace(/[^\x20-\x7e]|["\\]/g, '?');
}

function validityDays(
  der: Uint8Array,
  validity: Element,
): { notBefore?: string; notAfter?: string } {
  const [before, after] = children(der, validity);
  const notBefore = before ? day(der, before) : undefined;
  const notAfter = after ? day(der, after) : undefined;
  return {
    ...(notBefore !== undefined ? { notBefore } : {}),
    ...(notAfter !== undefined ? { notAfter } : {}),
  };
}

/** RFC 5280 §4.1.2.5: UTCTime YYMMDD... (years 50-99 are 19xx) or GeneralizedTime YYYYMMDD... */
function day(der: Uint8Array, time: Element): string | undefined {
  const value = text(der, time, 20);
  if (time.tag === UTC_TIME && /^\d{6}/.test(value)) {
    const yy = Number(value.slice(0, 2));
    return `${yy >= 50 ? 19 : 20}${value.slice(0, 2)}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
  }
  if (time.tag === GENERALIZED_TIME && /^\d{8}/.test(value)) {
    return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  }
  return undefined;
}

function dnsNamesOf(der: Uint8Array, extensions: Element): string[] {
  const list = element(der, extensions.start, extensions.end);
  if (!list || list.tag !== SEQUENCE) return [];
  for (const extension of children(der, list)) {
    const parts = children(der, extension);
    const oid = parts[0];
    if (!oid || oid.tag !== OID || oidText(der.subarray(oid.start, oid.end)) !== SUBJECT_ALT_NAME)
      continue;
    const value = parts.find((p, i) => i > 0 && p.tag !== BOOLEAN);
    if (!value || value.tag !== OCTET_STRING) return [];
    const names = element(der, value.start, value.end);
    if (!names || names.tag !== SEQUENCE) return [];
    return children(der, names)
      .filter((name) => name.tag === DNS_NAME)
      .map((name) => text(der, name, 253));
  }
  return [];
}

function oidText(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) {
        const first = Math.min(Math.floor(value / 40), 2);
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
