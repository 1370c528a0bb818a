/**
 * The subject of a DER certificate (RFC 5280 §4.1) as `CN=..., O=...`, or undefined when the
 * bytes are not one. Reads only as far as the subject; never throws.
 */
export function certificateSubject(der: Uint8Array): string | undefined {
  const certificate = element(der, 0);
  if (!certificate || certificate.tag !== SEQUENCE) return undefined;
  const tbs = element(der, certificate.start);
  if (!tbs || tbs.tag !== SEQUENCE) return undefined;
  let at = tbs.start;
  const fields: Element[] = [];
  while (at < tbs.end && fields.length < 6) {
    const field = element(der, at);
    if (!field) return undefined;
    fields.push(field);
    at = field.end;
  }
  // [0] version is optional: serial, signature, issuer, validity, subject follow it.
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[offset + 4];
  if (!subject || subject.tag !== SEQUENCE) return undefined;
  return distinguishedName(der, subject);
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;

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

function element(der: Uint8Array, at: number): Element | undefined {
  if (at + 2 > der.length) return undefined;
  const tag = der[at] as number;
  let length = der[at + 1] as number;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > der.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] as number);
    start += count;
  }
  if (start + length > der.length) return undefined;
  return { tag, start, end: start + length };
}

function distinguishedName(der: Uint8Array, name: Element): string | undefined {
  const parts: string[] = [];
  for (let at = name.start; at < name.end;) {
    const set = element(der, at);
    if (!set || set.tag !== SET) return undefined;
    for (let inner = set.start; inner < set.end;) {
      const pair = element(der, inner);
      if (!pair || pair.tag !== SEQUENCE) return undefined;
      const oid = element(der, pair.start);
      if (!oid || oid.tag !== OID) return undefined;
      const value = element(der, oid.end);
      if (!value) return undefined;
      const key = oidText(der.subarray(oid.start, oid.end));
      const text = String.fromCharCode(
        ...der.subarray(value.start, Math.min(value.end, value.start + 200)),
      );
      parts.push(`${ATTRIBUTE_NAMES[key] ?? key}=${text.replace(/[^\x20-\x7e]|["\\]/g, '?')}`);
      inner = pair.end;
    }
    at = set.end;
  }
  return parts.join(', ');
}

function oidText(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0)
        parts.push(
          Math.min(Math.floor(value / 40), 2),
          value - Math.min(Math.floor(value / 40), 2) * 40,
        );
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}
