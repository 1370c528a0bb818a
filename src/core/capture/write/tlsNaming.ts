/**
 * Names for what an imported scenario declares from TLS records: certificates, their keys and
 * CAs get names from their DNS names (`shop_example_cert`); randoms, key shares and premaster
 * secrets from their first bytes (`r_5f3a9b1e`), so that a repeated random shows as the same
 * name, and the engine can say so (HS611).
 */
export class TlsNaming {
  private readonly used = new Set<string>();
  private readonly cas = new Map<string, string>();

  /** A new name from `text`, made unique in the file: `shop.example` → `shop_example_cert`. */
  unique(text: string, suffix: string): string {
    const base = `${word(text)}${suffix}`;
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }

  /** The CA for an issuer, and whether it is new (to be declared). */
  ca(issuer: string, commonName: string | undefined): { name: string; fresh: boolean } {
    const known = this.cas.get(issuer);
    if (known) return { name: known, fresh: false };
    const base = commonName ?? issuer;
    const name = /\bca$/i.test(base) ? this.unique(base, '') : this.unique(base, '_ca');
    this.cas.set(issuer, name);
    return { name, fresh: true };
  }
}

/** `r_5f3a9b1e`: a value the capture shows, named by its first bytes. */
export function valueName(prefix: 'r' | 'ks' | 'pm', fingerprint: string): string {
  return `${prefix}_${fingerprint || '0'}`;
}

/** Letters, digits and `_` only, starting with a letter: `*.shop.example` → `shop_example`. */
function word(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/^\*\./, '')
    .replace(/^cn=/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(cleaned) ? cleaned : `n_${cleaned}`;
}
