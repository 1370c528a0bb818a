import { TLS_ALERT_CODES } from '../../protocol/tlsMessageTypes';
import { keyExchangeOf, suiteName, type KeyExchange } from '../../protocol/tlsSuites';
import { tlsEventText, type TlsEvent } from '../read/tlsEvents';
import { groupName } from '../../protocol/tlsGroups';
import { versionName } from '../../protocol/tlsVersions';
import { valueName, type TlsNaming } from './tlsNaming';
import type { CertificateFacts } from '../read/x509Certificate';
import { versionOfCode } from '../../protocol/tlsVersions';

/** Marks TLS lines the capture cannot show because they are encrypted. */
const ENCRYPTED = '# encrypted in the capture: assumed';

/** RFC 8446 §6: an alert is two bytes, its level and its description. */
const ALERT_CONTENT = 2;

const ALERT_NAMES = new Map<number, string>(
  Object.entries(TLS_ALERT_CODES).map(([name, code]) => [code, name]),
);

/** What is shared by all connections of one imported file. */
export interface TlsFileContext {
  readonly naming: TlsNaming;
  /** The capture's day (`YYYY-MM-DD`) when its clock is absolute, for `date`. */
  day(): string | undefined;
  /** True once `date` is written. */
  dated: boolean;
  /** The endpoint that holds the private key of the CA with this name (see interception.ts). */
  holderOf?(issuer: string): string | undefined;
}

interface Certificate {
  readonly name: string;
  readonly key: string;
  /** The CA name, or `self`. */
  readonly issuer: string;
  readonly facts: CertificateFacts | undefined;
}

/**
 * Turns one connection's TLS records, as both directions' `TlsStream`s report them, into
 * `.handshake` lines: the hellos, certificates (with `ca`, `key`, `cert` and `trust`
 * declarations read from them), key exchanges, ChangeCipherSpec, Finished, alerts and
 * application data. What the capture cannot show is written as assumed: TLS 1.3's encrypted
 * flight (EncryptedExtensions, Certificate, CertificateVerify, Finished), and the client's trust
 * in the certificate, read from its going on. Handshakes the language cannot state (TLS 1.1 or
 * older, a suite it does not know, session resumption) and streams with holes go on as
 * `# TLS ...` comments, so that the engine never checks a guess.
 */
export class TlsConversation {
  private comments = false;
  private version: '1.2' | '1.3' | undefined;
  private keyExchange: KeyExchange = 'RSA';
  private sni: string | undefined;
  private suite = '';
  private clientSession = '';
  private serverCert: Certificate | undefined;
  /** The server's certificate, until the client's next message shows whether it accepted it. */
  private awaitingTrust: Certificate | undefined;
  /** True once a key log decrypted a record: TLS 1.3's flight is then read, not assumed. */
  private decrypted = false;
  /** Per side (0 client, 1 server): encrypted records so far. */
  private readonly encryptedRecords: [number, number] = [0, 0];

  constructor(
    /** [client, server] names. */
    private readonly names: readonly [string, string],
    private readonly file: TlsFileContext,
  ) {}

  /** The lines for what `side` (0 client, 1 server) sent in one segment. */
  lines(side: 0 | 1, events: readonly TlsEvent[]): string[] {
    const out: string[] = [];
    for (const event of events) {
      if (this.comments && event.kind !== 'KeyLog') out.push(`# TLS ${tlsEventText(event)}`);
      else this.write(side, event, out);
    }
    return out;
  }

  private write(side: 0 | 1, event: TlsEvent, out: string[]): void {
    if (side === 0 && this.awaitingTrust && this.settlesTrust(event)) this.trust(out);
    switch (event.kind) {
      case 'ClientHello':
        return this.clientHello(event, out);
      case 'ServerHello':
        return this.serverHello(event, out);
      case 'Certificate':
        return this.certificate(side, event.chain, out);
      case 'ServerKeyExchange':
        if (!event.share)
          return this.giveUp(event, 'a ServerKeyExchange without a named group', out);
        return this.message(
          side,
          `ServerKeyExchange share=${valueName('ks', event.share.key)} group=${groupName(event.share.group)}`,
          out,
        );
      case 'ClientKeyExchange':
        return this.message(
          side,
          this.keyExchange === 'ECDHE'
            ? `ClientKeyExchange share=${valueName('ks', event.exchange)}`
            : `ClientKeyExchange premaster=${valueName('pm', event.exchange)} encrypted=${this.serverCert?.key ?? 'server_key'}`,
          out,
        );
      case 'CertificateRequest':
      case 'ServerHelloDone':
      case 'CertificateVerify':
      case 'ChangeCipherSpec':
      case 'EncryptedExtensions':
      case 'Finished':
        return this.message(side, event.kind, out);
      case 'ApplicationData':
        return this.message(side, `ApplicationData "${event.length} bytes, decrypted"`, out);
      case 'KeyLog':
        if (event.note.outcome === 'decrypted') this.decrypted = true;
        out.push(`# ${tlsEventText(event)}`);
        return;
      case 'NewSessionTicket':
        out.push('# TLS NewSessionTicket (a ticket for resuming later: not a language message)');
        return;
      case 'Alert': {
        const name = ALERT_NAMES.get(event.description);
        // RFC 8446 §6.1: close_notify ends a connection that went well (read only when
        // decrypted): a comment, not an Alert, which the engine takes for a failure.
        if (name === 'close_notify' && !this.awaitingTrust) {
          out.push(`# TLS ${this.names[side]} sends Alert close_notify: it closes the connection`);
          return;
        }
        if (side === 0 && this.awaitingTrust) this.rejected(name, out);
        if (name) this.message(side, `Alert ${name}`, out);
        else out.push(`# TLS ${tlsEventText(event)}`);
        return;
      }
      case 'Encrypted':
        return this.encrypted(side, event, out);
      case 'OtherHandshake':
        out.push(`# TLS ${tlsEventText(event)}`);
        return;
      case 'Lost':
        return this.giveUp(event, tlsEventText(event), out);
    }
  }

  private message(side: 0 | 1, text: string, out: string[], comment = ''): void {
    const from = this.names[side];
    const to = this.names[1 - side];
    out.push(`${from} -> ${to}  ${text}${comment ? `  ${comment}` : ''}`);
  }

  /** From here on this connection's TLS is written as comments, and why. */
  private giveUp(event: TlsEvent, why: string, out: string[]): void {
    out.push(`# TLS from here on as comments: ${why}.`);
    if (event.kind !== 'Lost') out.push(`# TLS ${tlsEventText(event)}`);
    this.comments = true;
  }

  private clientHello(event: Extract<TlsEvent, { kind: 'ClientHello' }>, out: string[]): void {
    const versions = event.versions.map(versionOfCode).filter((v) => v !== undefined);
    if (versions.length === 0) {
      return this.giveUp(
        event,
        `the client offers only ${event.versions.map(versionName).join(', ')}`,
        out,
      );
    }
    // An empty server_name says nothing: `sni=` with no value would not parse (HS004).
    const sni = event.sni ? dnsWord(event.sni) : undefined;
    this.sni = sni;
    this.clientSession = event.sessionId;
    const suites = event.suites.map(suiteName);
    const known = suites.filter((s) => keyExchangeOf(s) !== undefined);
    const other = suites.filter((s) => keyExchangeOf(s) === undefined);
    const share = event.keyShares[0];
    const fields = [
      `random=${valueName('r', event.random)}`,
      ...(sni !== undefined ? [`sni=${sni}`] : []),
      `versions=${versions.join(',')}`,
      ...(known.length ? [`suites=${known.join(',')}`] : []),
      ...(share ? [`key_share=${valueName('ks', share.key)}`] : []),
    ];
    const notes = [
      ...(share ? [`key share ${groupName(share.group)}`] : []),
      ...(event.keyShares.length > 1 ? [`${event.keyShares.length - 1} more key shares`] : []),
      ...(event.alpn.length ? [`alpn=${event.alpn.join(',')}`] : []),
      ...(other.length ? [`also offers ${listed(other)}`] : []),
    ];
    // Above the line, not after it: a trailing comment would push its run's comments far right.
    if (notes.length) out.push(`# ClientHello: ${notes.join('; ')}`);
    this.message(0, `ClientHello ${fields.join(' ')}`, out);
  }

  private serverHello(event: Extract<TlsEvent, { kind: 'ServerHello' }>, out: string[]): void {
    if (event.helloRetry) {
      return this.message(1, `HelloRetryRequest group=${groupName(event.selectedGroup ?? 0)}`, out);
    }
    const version = versionOfCode(event.version);
    const suite = suiteName(event.suite);
    const kx = keyExchangeOf(suite);
    if (!version) return this.giveUp(event, `the server chose ${versionName(event.version)}`, out);
    if (!kx) return this.giveUp(event, `the language does not know the suite ${suite}`, out);
    if (event.preSharedKey) return this.giveUp(event, 'a resumed session (pre-shared key)', out);
    if (version === '1.2' && event.sessionId && event.sessionId === this.clientSession) {
      return this.giveUp(event, 'a resumed session (abbreviated handshake)', out);
    }
    this.version = version;
    this.keyExchange = kx;
    this.suite = suite;
    const share = event.keyShare ? ` key_share=${valueName('ks', event.keyShare.key)}` : '';
    this.message(
      1,
      `ServerHello random=${valueName('r', event.random)} version=${version} suite=${suite}${share}`,
      out,
    );
  }

  private certificate(
    side: 0 | 1,
    chain: readonly (CertificateFacts | undefined)[],
    out: string[],
  ): void {
    if (chain.length === 0) return this.message(side, 'Certificate', out, '# an empty chain');
    const cert = this.declare(side, chain, out);
    this.message(side, `Certificate cert=${cert.name}`, out);
    if (side === 1) this.serverCert = this.awaitingTrust = cert;
  }

  /** `date`, `ca`, `key` and `cert` for a chain's first certificate. */
  private declare(
    side: 0 | 1,
    chain: readonly (CertificateFacts | undefined)[],
    out: string[],
    seen = true,
  ): Certificate {
    const facts = chain[0];
    const naming = this.file.naming;
    const day = this.file.day();
    if (!this.file.dated && day) {
      out.push("# The capture's day: certificates are checked against it.", `date ${day}`);
      this.file.dated = true;
    }
    const subject = facts ? subjectFor(facts, this.sni) : this.sni;
    const name = naming.unique(subject ?? 'server', '_cert');
    const key = naming.unique(subject ?? 'server', '_key');
    let issuer = 'self';
    if (!facts) {
      const ca = naming.ca('(encrypted)', 'unseen');
      if (ca.fresh)
        out.push(
          '# TLS 1.3 encrypts the certificate: its issuer is not in the capture.',
          `ca ${ca.name}`,
        );
      issuer = ca.name;
    } else if (facts.issuer !== facts.subject) {
      const ca = naming.ca(facts.issuer, facts.issuerCommonName);
      const holder = this.file.holderOf?.(facts.issuer);
      if (ca.fresh) {
        out.push(
          `# The issuer: ${facts.issuer}`,
          holder
            ? `ca ${ca.name} holder=${holder}  # the proxy's own CA: it signs what it forges`
            : `ca ${ca.name}`,
        );
      }
      issuer = ca.name;
    }
    const fields = [
      ...(subject !== undefined ? [`subject=${subject}`] : []),
      `key=${key}`,
      `issuer=${issuer}`,
      ...(facts?.notBefore ? [`notBefore=${facts.notBefore}`] : []),
      ...(facts?.notAfter ? [`notAfter=${facts.notAfter}`] : []),
    ];
    // Comments above the lines: trailing ones would push their run's comments far right.
    const about = facts
      ? [
          `The certificate: ${facts.subject}`,
          ...(facts.dnsNames.length ? [`DNS ${facts.dnsNames.join(', ')}`] : []),
          ...chain.slice(1).map((c) => `then ${c?.subject ?? '?'}`),
        ]
      : [];
    out.push(
      seen
        ? `# ${about.join('; ')}`
        : '# The certificate is encrypted in the capture: assumed, for the name the client asked for.',
    );
    out.push(`key ${key} holder=${this.names[side]}`, `cert ${name} ${fields.join(' ')}`);
    return { name, key, issuer, facts };
  }

  /**
   * The client went on after the server's certificate, so it accepted it: it trusts the issuer,
   * or, when the certificate would fail a check (name, dates), it checked nothing.
   */
  private trust(out: string[]): void {
    const cert = this.awaitingTrust as Certificate;
    this.awaitingTrust = undefined;
    const client = this.names[0];
    const problem = cert.facts ? this.problemWith(cert.facts) : undefined;
    if (problem) {
      out.push(
        `trust ${client} any  # ${client} went on although ${problem}: it did not check the certificate`,
      );
      return;
    }
    const trusted = cert.issuer === 'self' ? cert.name : cert.issuer;
    out.push(
      `trust ${client} ${trusted}  # assumed: ${client} went on, so it accepted the certificate`,
    );
  }

  /**
   * Whether a client record answers the server's certificate by going on: not an alert, and in
   * TLS 1.3 neither the compatibility ChangeCipherSpec (RFC 8446 §D.4, sent before the client
   * has read the flight) nor an encrypted record of an alert's size.
   */
  private settlesTrust(event: TlsEvent): boolean {
    if (event.kind === 'Alert' || event.kind === 'KeyLog') return false;
    if (this.version !== '1.3') return true;
    if (event.kind === 'ChangeCipherSpec') return false;
    return !(event.kind === 'Encrypted' && this.firstClientAlert(event.length));
  }

  /**
   * TLS 1.3: the client's first encrypted record is its Finished when it accepted the server's
   * flight, an alert when it did not. RFC 8446 §5.2: a record's ciphertext is its content, one
   * byte of content type, padding and the AEAD tag; an alert's content is 2 bytes, a Finished's 4
   * plus the hash (at least 32 bytes). So an alert is 19 bytes (16-byte tag; 11 with CCM_8's
   * 8-byte tag) and a Finished at least 53.
   */
  private firstClientAlert(length: number): boolean {
    if (this.encryptedRecords[0] > 0 || !this.awaitingTrust) return false;
    const tag = this.suite === 'TLS_AES_128_CCM_8_SHA256' ? 8 : 16;
    return length === ALERT_CONTENT + 1 + tag;
  }

  /**
   * The client answered the server's certificate with an alert: it rejected it, and the alert
   * says why. The `trust` line is chosen for the engine to find that reason: unknown_ca, or an
   * alert the capture cannot read, leaves the issuer untrusted (HS612, or HS617 when
   * self-signed); another alert names a problem of the certificate itself, so when the
   * certificate shows one (its name, its dates) the issuer is taken as trusted and the engine
   * finds that problem (HS614, HS615). Otherwise no trust is written, and the engine says where
   * its verdict and the alert differ.
   */
  private rejected(alert: string | undefined, out: string[]): void {
    const cert = this.awaitingTrust as Certificate;
    this.awaitingTrust = undefined;
    if (alert === undefined || alert === 'unknown_ca' || !cert.facts) return;
    const problem = this.problemWith(cert.facts);
    if (!problem) return;
    const client = this.names[0];
    const trusted = cert.issuer === 'self' ? cert.name : cert.issuer;
    out.push(
      `trust ${client} ${trusted}  # assumed from Alert ${alert}: not the issuer, but ${problem}`,
    );
  }

  private problemWith(facts: CertificateFacts): string | undefined {
    const subject = subjectFor(facts, this.sni);
    if (
      this.sni !== undefined &&
      subject !== undefined &&
      subject.toLowerCase() !== this.sni.toLowerCase()
    )
      return `the certificate is for ${subject}, not ${this.sni}`;
    const day = this.file.day();
    if (day && facts.notAfter && day > facts.notAfter)
      return `the certificate expired on ${facts.notAfter}`;
    if (day && facts.notBefore && day < facts.notBefore)
      return `the certificate is valid only from ${facts.notBefore}`;
    return undefined;
  }

  private encrypted(
    side: 0 | 1,
    event: Extract<TlsEvent, { kind: 'Encrypted' }>,
    out: string[],
  ): void {
    const alert = side === 0 && this.version === '1.3' && this.firstClientAlert(event.length);
    const count = ++this.encryptedRecords[side];
    if (this.version === undefined) {
      return this.giveUp(event, 'encrypted records before a ServerHello the capture shows', out);
    }
    if (this.version === '1.2') {
      if (event.content === 'handshake' && count === 1)
        return this.message(side, 'Finished', out, ENCRYPTED);
      if (event.content === 'alert') {
        out.push(
          `# TLS encrypted alert from ${this.names[side]} (${event.length} bytes), most likely close_notify`,
        );
        return;
      }
      if (event.content === 'handshake') {
        out.push(
          `# TLS encrypted handshake record from ${this.names[side]} (${event.length} bytes)`,
        );
        return;
      }
      return this.message(side, `ApplicationData "${event.length} bytes, encrypted"`, out);
    }
    // A key log decrypted the handshake, then stopped: what follows is only records.
    if (this.decrypted)
      return this.message(side, `ApplicationData "${event.length} bytes, encrypted"`, out);
    // TLS 1.3 (RFC 8446 §2): everything after ServerHello looks like application data.
    const clientFinished = this.encryptedRecords[0] > 0;
    if (side === 1 && !clientFinished) {
      if (count === 1) this.serverFlight(out);
      return;
    }
    if (alert) {
      this.rejected(undefined, out);
      out.push(
        `# ${this.names[0]} rejects the server's flight: an encrypted alert (${event.length} bytes, an alert's size), so its reason is not in the capture.`,
      );
      return this.message(0, 'Alert', out, ENCRYPTED);
    }
    // The trust the flight asked for is written by `write`, before any client record.
    if (side === 0 && count === 1) return this.message(0, 'Finished', out, ENCRYPTED);
    this.message(side, `ApplicationData "${event.length} bytes, encrypted"`, out);
  }

  /** TLS 1.3: the server's encrypted flight, which the capture shows only as records. */
  private serverFlight(out: string[]): void {
    this.message(1, 'EncryptedExtensions', out, ENCRYPTED);
    const cert = this.declare(1, [undefined], out, false);
    this.message(1, `Certificate cert=${cert.name}`, out, ENCRYPTED);
    this.serverCert = this.awaitingTrust = cert;
    this.message(1, 'CertificateVerify', out, ENCRYPTED);
    this.message(1, 'Finished', out, ENCRYPTED);
  }
}

/**
 * A DNS name as one word of the language: letters, digits, `-`, `.` and `_` (RFC 1035 names, and
 * the `_` some use); anything else a capture may hold (`#` would start a comment) becomes `_`.
 */
function dnsWord(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** The DNS name to write as `subject=`: the one matching the SNI if any, else the first. */
function subjectFor(facts: CertificateFacts, sni: string | undefined): string | undefined {
  // Empty names say nothing (a certificate with an empty CN and no alternative names): the
  // language's `subject=` needs a value.
  const dns = facts.dnsNames.filter((name) => name.length > 0 && name !== '*.');
  const names = (dns.length ? dns : facts.commonName ? [facts.commonName] : []).map((name) =>
    name.startsWith('*.') ? `*.${dnsWord(name.slice(2))}` : dnsWord(name),
  );
  if (sni !== undefined && names.some((name) => matches(name, sni))) return sni;
  // A wildcard matches no one name: the language's subject is one DNS name.
  return names.find((name) => !name.startsWith('*.'));
}

/** RFC 6125 §6.4: exact, or a wildcard in the leftmost label only. */
function matches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
}
