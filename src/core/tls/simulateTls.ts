import { diagnostic, type Diagnostic, type Fix } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import {
  fieldOf,
  isTlsStatement,
  type TlsField,
  type TlsMessageStatement,
} from '../syntax/tlsTree';
import type { ScenarioDocument } from '../syntax/tree';
import type { TcpTrace } from '../tcp/trace';
import { placeMessage } from './handshakePlan';
import { Knowledge, privateOf } from './knowledge';
import { TLS_ALERTS, TLS_MESSAGE_FIELDS, type TlsMessageType } from '../protocol/tlsMessageTypes';
import { accepts, buildPki, verifyCertificate, type CertInfo, type Pki } from './pki';
import {
  contentKey,
  masterOf,
  newSession,
  trafficKeysOf,
  type Content,
  type Session,
} from './session';
import { CIPHER_SUITES, keyExchangeOf, suiteFitsVersion } from '../protocol/tlsSuites';
import { parseTlsVersion, type TlsVersion } from '../protocol/tlsVersions';
import { pairKey, TcpTimeline } from './tcpTimeline';
import { tlsText } from './tlsText';
import type { CertificateCheck, Derivation, TlsFailure, TlsStep, TrafficKeys } from './tlsTrace';

export interface TlsSimulation {
  readonly steps: readonly TlsStep[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs the TLS messages of a scenario: message order per version, negotiation, certificate
 * verification at the client, who knows which secret, Finished against the transcript, and
 * whether an attacker ends up with a victim's keys. Pure; never throws.
 */
export function simulateTls(
  document: ScenarioDocument,
  lines: LineMap,
  tcp: TcpTrace,
): TlsSimulation {
  return new TlsSimulator(document, lines, tcp).run();
}

const SENDER_STATES = new Set(['ESTABLISHED', 'CLOSE_WAIT']);
const RECEIVER_STATES = new Set(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2']);

/** Messages not part of the handshake transcript. */
const OUTSIDE_TRANSCRIPT = new Set<TlsMessageType>([
  'ChangeCipherSpec',
  'Alert',
  'ApplicationData',
]);

class TlsSimulator {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly steps: TlsStep[] = [];
  private readonly knowledge = new Knowledge();
  private readonly sessions = new Map<string, Session>();
  private readonly randoms = new Map<string, { span: Span; session: number }>();
  /** What each endpoint last received of each message type, for `forward`. */
  private readonly received = new Map<string, Map<TlsMessageType, Content>>();
  private readonly endpoints: ReadonlySet<string>;
  private readonly timeline: TcpTimeline;
  private pki!: Pki;
  private sessionCount = 0;
  private errors = 0;
  // Per message, collected for its step.
  private derivations: Derivation[] = [];
  private failure: TlsFailure | undefined;
  private certificateCheck: CertificateCheck | undefined;

  constructor(
    private readonly document: ScenarioDocument,
    private readonly lines: LineMap,
    tcp: TcpTrace,
  ) {
    this.endpoints = new Set(tcp.endpoints.filter((e) => e.declared).map((e) => e.name));
    this.timeline = new TcpTimeline(tcp.steps, document.statements);
  }

  run(): TlsSimulation {
    const statements = this.document.statements;
    if (!statements.some(isTlsStatement)) {
      return { steps: [], diagnostics: [] };
    }
    this.pki = buildPki(statements, this.lines, (name) => this.endpoints.has(name), this.report);
    for (const key of this.pki.keys.values()) {
      if (key.holder) this.knowledge.learn(key.holder, privateOf(key.name));
    }
    for (const statement of statements) {
      if (statement.kind === 'tls') this.message(statement);
    }
    return { steps: this.steps, diagnostics: this.diagnostics };
  }

  private readonly report = (d: Diagnostic): void => {
    this.diagnostics.push(d);
    if (d.severity === 'error') this.errors++;
  };

  private line(span: Span): number {
    return this.lines.lineOf(span) + 1;
  }

  private message(statement: TlsMessageStatement): void {
    const errorsBefore = this.errors;
    this.derivations = [];
    this.failure = undefined;
    this.certificateCheck = undefined;
    const from = statement.from.text;
    const to = statement.to.text;
    const record = (content: Content | undefined, session?: Session, keys?: TrafficKeys): void => {
      this.steps.push({
        kind: 'tls',
        statement,
        span: { start: statement.start, end: statement.end },
        from,
        to,
        message: statement.message,
        details: content ? detailsOf(content) : [],
        forwarded: statement.forward !== undefined,
        encrypted: keys !== undefined,
        ...(keys ? { keys } : {}),
        ...(session ? { session: session.id } : {}),
        ...(session?.facts.version ? { version: session.facts.version } : {}),
        ...(session ? { role: from === session.client ? 'client' : 'server' } : {}),
        ...(session ? this.mitmOf(session) : {}),
        derivations: this.derivations,
        ...(this.failure ? { failure: this.failure } : {}),
        ...(this.certificateCheck ? { certificateCheck: this.certificateCheck } : {}),
        faulty: this.errors > errorsBefore,
        knowledge: [from, to].map((endpoint) => ({
          endpoint,
          secrets: this.knowledge.list(endpoint),
        })),
        ...(session?.compromisedBy &&
        (statement.message === 'ApplicationData' || statement.message === 'Finished')
          ? { compromised: session.compromisedBy }
          : {}),
      });
    };
    if (!this.checkEndpoints(statement) || !this.checkTcp(statement)) return record(undefined);
    const content = this.contentOf(statement);
    if (!content) return record(undefined);
    const session = this.sessionFor(statement, content);
    if (!session) return record(content);
    record(content, session, this.deliver(statement, content, session));
  }

  /** The attacker at one end of a session: each leg of a man in the middle names it. */
  private mitmOf(session: Session): { mitm?: string } {
    const attacker = [session.client, session.server].find((e) => this.pki.attackers.has(e));
    return attacker !== undefined ? { mitm: attacker } : {};
  }

  private checkEndpoints(statement: TlsMessageStatement): boolean {
    let ok = true;
    for (const name of [statement.from, statement.to]) {
      if (name.text !== '' && !this.endpoints.has(name.text)) {
        this.report(diagnostic('UnknownEndpoint', name, { name: name.text }));
        ok = false;
      }
    }
    if (ok && statement.from.text === statement.to.text) {
      this.report(diagnostic('SegmentToSelf', statement, { endpoint: statement.from.text }));
      ok = false;
    }
    return ok && statement.to.text !== '';
  }

  /** TLS over a TCP connection of the scenario needs that connection established. */
  private checkTcp(statement: TlsMessageStatement): boolean {
    const from = statement.from.text;
    const to = statement.to.text;
    if (!this.timeline.hasConnection(from, to)) return true;
    const sender = this.timeline.stateAt(from, statement.start);
    const receiver = this.timeline.stateAt(to, statement.start);
    const [endpoint, state] = !SENDER_STATES.has(sender)
      ? [from, sender]
      : !RECEIVER_STATES.has(receiver)
        ? [to, receiver]
        : [undefined, undefined];
    if (!endpoint || !state) return true;
    this.report(diagnostic('TlsBeforeTcp', statement.messageSpan, { endpoint, state }));
    return false;
  }

  /** The message as it travels: written, or copied by a forward. */
  private contentOf(statement: TlsMessageStatement): Content | undefined {
    const from = statement.from.text;
    if (statement.forward) {
      const forward = statement.forward;
      if (!this.pki.attackers.has(from)) {
        this.report(
          diagnostic('TlsNothingToForward', forward, {
            sender: from,
            message: statement.message,
            reason: tlsText().onlyAttackersForward({ from }),
          }),
        );
        return undefined;
      }
      const copy = this.received.get(from)?.get(statement.message);
      if (!copy) {
        this.report(
          diagnostic('TlsNothingToForward', forward, {
            sender: from,
            message: statement.message,
            reason: tlsText().nothingToForward({ message: statement.message }),
          }),
        );
        return undefined;
      }
      return copy;
    }
    const fields = new Map(statement.fields.map((f) => [f.name, f.value]));
    for (const required of TLS_MESSAGE_FIELDS[statement.message].required) {
      if (!fields.has(required)) this.missing(statement, required);
    }
    return {
      message: statement.message,
      fields,
      ...(statement.argument ? { argument: statement.argument.text } : {}),
      ...(statement.payload ? { payload: statement.payload.value } : {}),
    };
  }

  private missing(statement: TlsMessageStatement, field: string): void {
    this.report(
      diagnostic('TlsMissingField', statement.messageSpan, {
        message: statement.message,
        field,
        why: tlsText().missing[field] ?? tlsText().missingOther,
      }),
    );
  }

  /** The handshake this message belongs to; a ClientHello after a finished one starts anew. */
  private sessionFor(statement: TlsMessageStatement, content: Content): Session | undefined {
    const from = statement.from.text;
    const to = statement.to.text;
    const key = pairKey(from, to);
    const current = this.sessions.get(key);
    const over = !current || current.closed || current.established || current.failure;
    if (content.message === 'ClientHello' && over && !(current?.failure && !current.closed)) {
      const session = newSession(++this.sessionCount, from, to);
      this.sessions.set(key, session);
      return session;
    }
    if (!current) {
      this.report(
        diagnostic('TlsOutOfOrder', statement.messageSpan, {
          message: statement.message,
          reason: tlsText().noHandshakeYet({ from, to }),
        }),
      );
      return undefined;
    }
    return current;
  }

  /** Checks the message in its handshake and applies it; returns the keys it travels under. */
  private deliver(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
  ): TrafficKeys | undefined {
    const from = statement.from.text;
    const to = statement.to.text;
    const message = content.message;
    const role = from === session.client ? 'client' : 'server';
    if (!this.stillOpen(statement, session)) return trafficKeysOf(session, from, message);
    if (message === 'Alert') {
      this.alert(statement, content, session);
    } else if (message === 'ApplicationData') {
      if (!session.established) {
        this.report(
          diagnostic('TlsOutOfOrder', statement.messageSpan, {
            message,
            reason: tlsText().dataAfterFinished,
          }),
        );
      }
    } else if (message === 'ChangeCipherSpec' && this.compatibilityCcs(session)) {
      // RFC 8446 §D.4: a TLS 1.3 endpoint may send a dummy ChangeCipherSpec; it changes nothing.
    } else if (!this.place(statement, session, role)) {
      return trafficKeysOf(session, from, message);
    } else {
      this.apply(statement, content, session, role);
    }
    const keys = trafficKeysOf(session, from, message);
    if (!OUTSIDE_TRANSCRIPT.has(message)) session.transcript.push(contentKey(content));
    this.remember(to, content);
    this.noteDerivations(session, [from, to]);
    return keys;
  }

  /** After a failure only the alert may follow; after a fatal alert, nothing. */
  private stillOpen(statement: TlsMessageStatement, session: Session): boolean {
    const from = statement.from.text;
    if (session.closed) {
      this.report(
        diagnostic('TlsContinuesAfterFailure', statement.messageSpan, {
          endpoint: from,
          line: this.line(session.closed),
          reason: tlsText().endedWithAlert,
          alert: tlsText().sendsNothingMore,
        }),
      );
      return false;
    }
    const failure = session.failure;
    if (failure && failure.endpoint === from && statement.message !== 'Alert') {
      const rest = {
        start: statement.forward?.start ?? statement.messageSpan.start,
        end: statement.end,
      };
      this.report(
        diagnostic(
          'TlsContinuesAfterFailure',
          statement.messageSpan,
          {
            endpoint: from,
            line: this.line(failure.span),
            reason: failure.reason,
            alert: tlsText().sendsAlertInstead({ alert: failure.alert }),
          },
          {
            fix: replaceWith(`Send Alert ${failure.alert} instead`, rest, `Alert ${failure.alert}`),
          },
        ),
      );
      return false;
    }
    return true;
  }

  private alert(statement: TlsMessageStatement, content: Content, session: Session): void {
    const description = content.argument;
    if (description && !(TLS_ALERTS as readonly string[]).includes(description)) {
      this.report(
        diagnostic('TlsBadValue', statement.argument ?? statement.messageSpan, {
          what: tlsText().whatAlert,
          text: description,
          expected: tlsText().oneOf({ list: TLS_ALERTS.join(', ') }),
        }),
      );
    }
    session.closed = { start: statement.start, end: statement.end };
  }

  private compatibilityCcs(session: Session): boolean {
    return (
      session.facts.version === '1.3' ||
      (session.facts.version === undefined && session.facts.offers13)
    );
  }

  /** The order rules; false when the message cannot be placed at all. */
  private place(
    statement: TlsMessageStatement,
    session: Session,
    role: 'client' | 'server',
  ): boolean {
    const message = statement.message;
    if (
      message === 'Finished' &&
      session.facts.version === '1.2' &&
      !session.changedCipher.has(statement.from.text)
    ) {
      const at = this.lines.lineStart(this.lines.lineOf(statement));
      const line = `${statement.from.text} -> ${statement.to.text}  ChangeCipherSpec\n`;
      this.report(
        diagnostic(
          'TlsFinishedBeforeCcs',
          statement.messageSpan,
          { endpoint: statement.from.text },
          { fix: replaceWith('Send ChangeCipherSpec first', { start: at, end: at }, line) },
        ),
      );
    }
    const placed = placeMessage(session.position, message, role, session.facts);
    if (
      !placed.ok &&
      !(message === 'Finished' && session.facts.version === '1.2' && placed.next !== undefined)
    ) {
      this.report(
        diagnostic('TlsOutOfOrder', statement.messageSpan, { message, reason: placed.reason }),
      );
    }
    if (placed.next === undefined) return false;
    session.position = placed.next;
    return true;
  }

  private apply(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
    role: 'client' | 'server',
  ): void {
    const from = statement.from.text;
    const to = statement.to.text;
    const forwarded = statement.forward !== undefined;
    const field = (name: string) => (forwarded ? undefined : fieldOf(statement, name));
    const value = (name: string) => content.fields.get(name);
    switch (content.message) {
      case 'ClientHello':
        return this.clientHello(statement, content, session, forwarded);
      case 'HelloRetryRequest':
        session.facts = { ...session.facts, retried: true, version: '1.3' };
        return;
      case 'ServerHello':
        return this.serverHello(statement, content, session, forwarded);
      case 'Certificate':
        return this.certificate(statement, content, session, role, field('cert'));
      case 'CertificateRequest':
        session.facts = { ...session.facts, certificateRequested: true };
        return;
      case 'ServerKeyExchange': {
        const share = value('share');
        if (share) {
          session.serverShare = share;
          this.publish(share, [from, to]);
          if (!forwarded) this.knowledge.learn(from, privateOf(share));
        }
        this.signature(statement, content, session, session.serverCert);
        return;
      }
      case 'ClientKeyExchange':
        return this.clientKeyExchange(statement, content, session, forwarded);
      case 'CertificateVerify':
        this.signature(
          statement,
          content,
          session,
          role === 'server' ? session.serverCert : session.clientCert,
        );
        return;
      case 'ChangeCipherSpec':
        session.changedCipher.add(from);
        return;
      case 'Finished':
        return this.finished(statement, content, session);
      default:
        return;
    }
  }

  private clientHello(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
    forwarded: boolean,
  ): void {
    const from = statement.from.text;
    const to = statement.to.text;
    const random = content.fields.get('random');
    const retry = session.facts.retried;
    if (random) {
      this.checkRandom(statement, random, session, forwarded, retry);
      session.clientRandom = random;
      this.publish(random, [from, to]);
    }
    const versions =
      this.versions(statement, 'versions', forwarded) ??
      (content.fields.has('key_share') ? ['1.2', '1.3'] : ['1.2']);
    const suitesField = content.fields.get('suites');
    if (suitesField !== undefined) {
      const suites = suitesField.split(',').filter(Boolean);
      session.offeredSuites = suites;
      if (!forwarded) this.checkSuites(fieldOf(statement, 'suites'));
    }
    session.offeredVersions = versions;
    session.sni = content.fields.get('sni');
    const share = content.fields.get('key_share');
    if (share) {
      session.clientShare = share;
      this.publish(share, [from, to]);
      if (!forwarded) this.knowledge.learn(from, privateOf(share));
    }
    session.facts = { ...session.facts, offers13: versions.includes('1.3') };
  }

  /**
   * HS611: every hello carries a fresh random. An attacker that copies the random into a hello it
   * changed is tampering, which the Finished messages catch; a real client repeats its random
   * only in the ClientHello after a HelloRetryRequest of the same handshake.
   */
  private checkRandom(
    statement: TlsMessageStatement,
    random: string,
    session: Session,
    forwarded: boolean,
    retry: boolean,
  ): void {
    const earlier = this.randoms.get(random);
    if (!earlier) {
      this.randoms.set(random, { span: statement, session: session.id });
      return;
    }
    const copied = forwarded || this.pki.attackers.has(statement.from.text);
    if (copied || (retry && earlier.session === session.id)) return;
    this.report(
      diagnostic(
        'TlsRandomReused',
        fieldOf(statement, 'random')?.valueSpan ?? statement.messageSpan,
        { name: random, line: this.line(earlier.span) },
      ),
    );
  }

  private versions(
    statement: TlsMessageStatement,
    name: string,
    forwarded: boolean,
  ): TlsVersion[] | undefined {
    const field = fieldOf(statement, name);
    if (!field || forwarded) return undefined;
    const versions: TlsVersion[] = [];
    for (const item of field.items) {
      const version = parseTlsVersion(item.text);
      if (version) versions.push(version);
      else {
        this.report(
          diagnostic('TlsBadValue', item, {
            what: tlsText().whatVersion,
            text: item.text,
            expected: tlsText().versions,
          }),
        );
      }
    }
    return versions;
  }

  private checkSuites(field: TlsField | undefined): void {
    for (const item of field?.items ?? []) {
      if (keyExchangeOf(item.text) === undefined) {
        this.report(
          diagnostic('TlsBadValue', item, {
            what: tlsText().whatSuite,
            text: item.text,
            expected: tlsText().ianaName({
              examples: Object.keys(CIPHER_SUITES).slice(2, 5).join(', '),
            }),
          }),
        );
      }
    }
  }

  private serverHello(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
    forwarded: boolean,
  ): void {
    const from = statement.from.text;
    const to = statement.to.text;
    const random = content.fields.get('random');
    if (random) {
      this.checkRandom(statement, random, session, forwarded, false);
      session.serverRandom = random;
      this.publish(random, [from, to]);
    }
    const versionField = forwarded ? undefined : fieldOf(statement, 'version');
    const written = content.fields.get('version');
    const parsed = written !== undefined ? parseTlsVersion(written) : undefined;
    if (versionField && !parsed) {
      this.report(
        diagnostic('TlsBadValue', versionField.valueSpan, {
          what: tlsText().whatVersion,
          text: versionField.value,
          expected: tlsText().versions,
        }),
      );
    }
    const offered = session.offeredVersions;
    const version: TlsVersion =
      parsed ??
      (session.facts.retried || content.fields.has('key_share') || !offered.includes('1.2')
        ? '1.3'
        : '1.2');
    if (parsed && !offered.includes(parsed) && versionField) {
      const first = offered[offered.length - 1];
      this.report(
        diagnostic(
          'TlsVersionNotOffered',
          versionField.valueSpan,
          { version: parsed, offered: offered.map((v) => `TLS ${v}`).join(' and ') },
          first ? { fix: replaceWith(`Pick TLS ${first}`, versionField.valueSpan, first) } : {},
        ),
      );
    }
    const suite = content.fields.get('suite');
    const suiteField = forwarded ? undefined : fieldOf(statement, 'suite');
    if (suite !== undefined && suiteField) {
      if (keyExchangeOf(suite) === undefined) this.checkSuites(suiteField);
      else if (
        session.offeredSuites &&
        !session.offeredSuites.some((s) => s.toUpperCase() === suite.toUpperCase())
      ) {
        const first = session.offeredSuites[0];
        this.report(
          diagnostic(
            'TlsSuiteNotOffered',
            suiteField.valueSpan,
            { suite, offered: session.offeredSuites.join(', ') },
            first ? { fix: replaceWith(`Pick ${first}`, suiteField.valueSpan, first) } : {},
          ),
        );
      } else if (!suiteFitsVersion(suite, version)) {
        this.report(
          diagnostic('TlsSuiteVersionMismatch', suiteField.valueSpan, { suite, version }),
        );
      }
    }
    const keyExchange =
      version === '1.3' ? 'TLS13' : ((suite ? keyExchangeOf(suite) : undefined) ?? 'RSA');
    const share = content.fields.get('key_share');
    if (version === '1.3' && !share && !forwarded) this.missing(statement, 'key_share');
    if (share) {
      session.serverShare = share;
      this.publish(share, [from, to]);
      if (!forwarded) this.knowledge.learn(from, privateOf(share));
    }
    session.facts = {
      ...session.facts,
      version,
      keyExchange: keyExchange === 'TLS13' && version !== '1.3' ? 'RSA' : keyExchange,
      serverHelloSeen: true,
    };
  }

  private certificate(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
    role: 'client' | 'server',
    written: TlsField | undefined,
  ): void {
    const name = content.fields.get('cert');
    const cert = name ? this.pki.certs.get(name) : undefined;
    if (name && !cert && written) {
      this.report(
        diagnostic('TlsUnknownName', written.valueSpan, {
          what: tlsText().whatCertificate,
          name,
          declare: `cert ${name} subject=... key=... issuer=...`,
        }),
      );
    }
    if (role === 'client') {
      session.clientCert = cert;
      session.facts = { ...session.facts, clientCertificateSent: name !== undefined };
      return;
    }
    if (!name && !statement.forward) this.missing(statement, 'cert');
    if (!cert) return;
    session.serverCert = cert;
    const client = statement.to.text;
    // An attacker playing the client checks nothing unless the scenario gives it a trust store.
    if (this.pki.attackers.has(client) && !this.pki.trust.has(client)) return;
    const verdict = verifyCertificate(this.pki, cert, client, session.sni);
    if (accepts(verdict)) {
      this.certificateCheck = { endpoint: client, cert: cert.name, verdict };
      return;
    }
    const span = written?.valueSpan ?? statement.messageSpan;
    // Every fact a rejection message may quote; each message takes the ones it needs.
    const facts = {
      client,
      cert: cert.name,
      issuer: cert.issuer ?? '(none)',
      subject: cert.subject ?? '(none)',
      sni: session.sni ?? '',
      notAfter: cert.notAfter ?? '',
      notBefore: cert.notBefore ?? '',
      date: this.pki.date?.text ?? '',
      trusted: verdict.kind === 'CertUntrustedIssuer' ? verdict.trusted : '',
      reason: verdict.kind === 'CertBadSignature' ? verdict.reason : '',
    };
    const d = diagnostic(verdict.kind, span, facts);
    this.report(d);
    this.fail(session, statement, client, shortReason(verdict.kind), verdict.alert);
  }

  private fail(
    session: Session,
    span: Span,
    endpoint: string,
    reason: string,
    alert: string,
  ): void {
    if (session.failure) return;
    session.failure = { span: { start: span.start, end: span.end }, endpoint, reason, alert };
    this.failure = { endpoint, text: tlsText().failureNote({ reason, endpoint, alert }) };
  }

  /** ServerKeyExchange and CertificateVerify are signed with the certificate’s private key. */
  private signature(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
    cert: CertInfo | undefined,
  ): void {
    const from = statement.from.text;
    if (!cert?.key) return;
    const holder = this.pki.keys.get(cert.key)?.holder;
    // A relayed signature was made by whoever first sent it.
    const signer = content.signature?.signer ?? from;
    const valid = content.signature?.valid ?? holder === from;
    content.signature = { valid, signer, key: cert.key };
    if (valid) return;
    this.report(
      diagnostic('TlsSignatureNotHolder', statement.messageSpan, {
        sender: signer,
        key: cert.key,
        holder: holder ?? tlsText().nobody,
        message: statement.message,
      }),
    );
    this.fail(
      session,
      statement,
      statement.to.text,
      tlsText().failMessageSignature({ message: statement.message }),
      'decrypt_error',
    );
  }

  private clientKeyExchange(
    statement: TlsMessageStatement,
    content: Content,
    session: Session,
    forwarded: boolean,
  ): void {
    const from = statement.from.text;
    const to = statement.to.text;
    if (session.facts.keyExchange === 'ECDHE') {
      const share = content.fields.get('share');
      if (!share) {
        if (!forwarded) this.missing(statement, 'share');
        return;
      }
      session.clientShare = share;
      this.publish(share, [from, to]);
      if (!forwarded) this.knowledge.learn(from, privateOf(share));
      return;
    }
    const premaster = content.fields.get('premaster');
    const key = content.fields.get('encrypted');
    if (!forwarded) {
      if (!premaster) this.missing(statement, 'premaster');
      if (!key) this.missing(statement, 'encrypted');
    }
    if (!premaster || !key) return;
    const keyField = forwarded ? undefined : fieldOf(statement, 'encrypted');
    const keyInfo = this.pki.keys.get(key);
    if (!keyInfo && keyField) {
      this.report(
        diagnostic('TlsUnknownName', keyField.valueSpan, {
          what: tlsText().whatKey,
          name: key,
          declare: `key ${key} holder=...`,
        }),
      );
    }
    const expected = session.serverCert?.key;
    if (keyField && expected && expected !== key) {
      this.report(
        diagnostic(
          'TlsWrongKey',
          keyField.valueSpan,
          { key, expected, cert: session.serverCert?.name ?? '' },
          { fix: replaceWith(`Encrypt with ${expected}`, keyField.valueSpan, expected) },
        ),
      );
    }
    if (!forwarded) {
      const pmField = fieldOf(statement, 'premaster');
      if (this.knowledge.knownToOthers(premaster, from) && !this.knowledge.knows(from, premaster)) {
        this.report(
          diagnostic('TlsSecretUnknown', pmField?.valueSpan ?? statement.messageSpan, {
            sender: from,
            secret: premaster,
            why: tlsText().secretOfOther({
              secret: premaster,
              from,
              key: session.premasterKey ?? '',
            }),
          }),
        );
      }
      this.knowledge.learn(from, premaster);
    }
    session.premaster = premaster;
    session.premasterKey = key;
    // RFC 5246 §7.4.7.1: only the holder of the private key can decrypt the premaster secret.
    if (keyInfo?.holder === to) this.knowledge.learn(to, premaster);
  }

  private finished(statement: TlsMessageStatement, content: Content, session: Session): void {
    const from = statement.from.text;
    const to = statement.to.text;
    const mine = masterOf(session, from, this.knowledge);
    const mac = content.finished ?? {
      author: from,
      ...(mine ? { master: mine.name } : {}),
      transcript: [...session.transcript],
    };
    content.finished = mac;
    const theirs = masterOf(session, to, this.knowledge);
    // An attacker relays what it cannot check; only a real endpoint's check decides.
    const reason = this.pki.attackers.has(to)
      ? undefined
      : this.finishedProblem(session, mac, theirs?.name, to);
    if (reason) {
      this.report(
        diagnostic('TlsFinishedMismatch', statement.messageSpan, { receiver: to, reason }),
      );
      this.fail(session, statement, to, tlsText().failFinished, 'decrypt_error');
      return;
    }
    session.finished.add(from);
    if (session.finished.has(session.client) && session.finished.has(session.server)) {
      session.established = true;
      this.checkAttack(statement, session);
    }
  }

  private finishedProblem(
    session: Session,
    mac: NonNullable<Content['finished']>,
    receiverMaster: string | undefined,
    receiver: string,
  ): string | undefined {
    if (!mac.master) {
      return tlsText().doesNotKnow({
        who: mac.author,
        secret: this.secretWord(session),
        why: this.whyUnknown(session, mac.author),
      });
    }
    if (!receiverMaster) {
      return tlsText().cannotDerive({
        who: receiver,
        secret: this.secretWord(session),
        why: this.whyUnknown(session, receiver),
      });
    }
    if (mac.master !== receiverMaster) {
      return tlsText().differentSecrets({ a: mac.master, b: receiverMaster });
    }
    const mineList = session.transcript;
    const limit = Math.min(mac.transcript.length, mineList.length);
    for (let i = 0; i < limit; i++) {
      const theirs = mac.transcript[i] as string;
      const mine = mineList[i] as string;
      if (theirs !== mine) {
        return tlsText().changedOnTheWay({
          difference: describeDifference(theirs, mine, mac.author, receiver),
        });
      }
    }
    if (mac.transcript.length !== mineList.length) {
      return tlsText().differentCount;
    }
    return undefined;
  }

  private secretWord(session: Session): string {
    return session.facts.keyExchange === 'TLS13' ? tlsText().handshakeKeys : tlsText().masterSecret;
  }

  private whyUnknown(session: Session, endpoint: string): string {
    if (session.facts.keyExchange === 'RSA' && session.premaster) {
      const holder = session.premasterKey
        ? this.pki.keys.get(session.premasterKey)?.holder
        : undefined;
      return tlsText().travelsEncrypted({
        premaster: session.premaster,
        key: session.premasterKey ?? tlsText().aKey,
        holder: holder ?? '',
      });
    }
    if (session.facts.keyExchange === 'RSA') return tlsText().noPremaster;
    return tlsText().madeNoShare({ endpoint });
  }

  private checkAttack(statement: TlsMessageStatement, session: Session): void {
    const attacker = session.server;
    const victim = session.client;
    if (!this.pki.attackers.has(attacker) || this.pki.attackers.has(victim)) return;
    if (!masterOf(session, attacker, this.knowledge)) return;
    session.compromisedBy = attacker;
    const trust = this.pki.trust.get(victim);
    const cert = session.serverCert;
    const issuerHolder = cert?.issuer ? this.pki.keys.get(cert.issuer)?.holder : undefined;
    const text = tlsText();
    const reason = trust?.any
      ? text.acceptsAny({ victim })
      : cert && issuerHolder === attacker
        ? text.trustsAttackerCa({
            victim,
            ca: cert.issuer ?? '',
            attacker,
            cert: cert.name,
            subject: cert.subject ?? text.anyName,
          })
        : cert
          ? text.acceptedCert({ victim, cert: cert.name, attacker, key: cert.key ?? '' })
          : text.checkedNothing({ victim });
    this.report(
      diagnostic('MitmSucceeds', statement.messageSpan, { attacker, client: victim, reason }),
    );
  }

  private publish(value: string, endpoints: readonly string[]): void {
    for (const endpoint of endpoints) this.knowledge.learn(endpoint, value);
  }

  private remember(endpoint: string, content: Content): void {
    let map = this.received.get(endpoint);
    if (!map) this.received.set(endpoint, (map = new Map()));
    map.set(content.message, content);
  }

  private noteDerivations(session: Session, endpoints: readonly string[]): void {
    for (const endpoint of endpoints) {
      if (session.derived.has(endpoint)) continue;
      const master = masterOf(session, endpoint, this.knowledge);
      if (!master) continue;
      session.derived.add(endpoint);
      this.knowledge.learn(endpoint, master.name);
      this.derivations.push({ endpoint, secret: master.secret, inputs: master.inputs });
    }
  }
}

function shortReason(kind: string): string {
  switch (kind) {
    case 'CertSelfSigned':
      return tlsText().failSelfSigned;
    case 'CertUntrustedIssuer':
      return tlsText().failUntrusted;
    case 'CertBadSignature':
      return tlsText().failSignature;
    case 'CertNameMismatch':
      return tlsText().failName;
    case 'CertExpired':
      return tlsText().failExpired;
    default:
      return tlsText().failNotYetValid;
  }
}

/** The fields of a message in the order they were written, for labels and hovers. */
function detailsOf(content: Content): string[] {
  const parts = [...content.fields].map(([name, value]) => `${name}=${value}`);
  if (content.argument) parts.push(content.argument);
  return parts;
}

/** What differs between two transcript entries, as `client's ClientHello had suites=A ...`. */
function describeDifference(a: string, b: string, aSaw: string, bSaw: string): string {
  const parse = (entry: string) => {
    const open = entry.indexOf('(');
    const type = entry.slice(0, open);
    const fields = new Map(
      entry
        .slice(open + 1, -1)
        .split(' ')
        .filter(Boolean)
        .map((part) => [part.slice(0, part.indexOf('=')), part] as const),
    );
    return { type, fields };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.type !== y.type) {
    return tlsText().sawOtherType({ a: aSaw, aType: x.type, b: bSaw, bType: y.type });
  }
  const names = new Set([...x.fields.keys(), ...y.fields.keys()]);
  const differing = [...names].filter((name) => x.fields.get(name) !== y.fields.get(name));
  const side = (f: Map<string, string>) =>
    differing.map((name) => f.get(name) ?? tlsText().noField({ name })).join(' ');
  return tlsText().fieldsDiffer({
    type: x.type,
    a: aSaw,
    aFields: side(x.fields),
    b: bSaw,
    bFields: side(y.fields),
  });
}

/** A fix that writes `text` over `span`. */
function replaceWith(title: string, span: Span, text: string): Fix {
  return { title, edits: [{ span: { start: span.start, end: span.end }, newText: text }] };
}
