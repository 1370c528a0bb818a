import type { Text } from '../text/words';
import { diagnostic, type Finding, type Fix } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import type { Span } from '../text/span';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import type { ScenarioDocument } from '../syntax/tree';
import type { TcpTrace } from '../tcp/trace';
import { Knowledge, privateOf } from './knowledge';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import { buildPki, type Pki } from './pki';
import type { Content, Session } from './session';
import { TcpTimeline } from './tcpTimeline';
import { TLS_TEXT } from './tlsText';
import type { CertificateCheck, Derivation, TlsFailure } from './tlsTrace';

/** The diagnostics of a run, and how many of them are errors (a step is faulty when it adds one). */
export class DiagnosticLog {
  readonly diagnostics: Finding[] = [];
  private errorCount = 0;

  readonly report = (d: Finding): void => {
    this.diagnostics.push(d);
    if (d.severity === 'error') this.errorCount++;
  };

  get errors(): number {
    return this.errorCount;
  }
}

/**
 * What a TLS run carries from message to message. Each section of the engine reads and updates
 * it; nothing else survives between messages.
 */
export interface TlsRun {
  readonly lines: LineMap;
  readonly log: DiagnosticLog;
  /** The endpoints the scenario declares. */
  readonly endpoints: ReadonlySet<string>;
  readonly timeline: TcpTimeline;
  readonly pki: Pki;
  /** Who knows which secret. */
  readonly knowledge: Knowledge;
  /** The current handshake of each pair of endpoints, by `pairKey`. */
  readonly sessions: Map<string, Session>;
  /** Handshakes started so far: the next one gets the next number. */
  sessionCount: number;
  /** Every random sent so far, where and in which handshake it first appeared. */
  readonly randoms: Map<string, { readonly span: Span; readonly session: number }>;
  /** What each endpoint last received of each message type, for `forward`. */
  readonly received: Map<string, Map<TlsMessageType, Content>>;
  /** Pairs whose TLS already ran over a connection that was not established (reported once). */
  readonly withoutTcp: Set<string>;
  /**
   * Attackers that relayed a ClientHello they never received (reported): the handshake it should
   * have come from starts without one, and is not told again.
   */
  readonly relayedUnseenHello: Set<string>;
  /** Each message's next one from the same sender to the same receiver, where the fixes look. */
  readonly nextOnLeg: ReadonlyMap<TlsMessageStatement, TlsMessageStatement>;
}

/**
 * The run before its first message: the PKI declarations read (their problems reported), and
 * each key holder knowing its private key.
 */
export function startTlsRun(document: ScenarioDocument, lines: LineMap, tcp: TcpTrace): TlsRun {
  const endpoints = new Set(tcp.endpoints.filter((e) => e.declared).map((e) => e.name));
  const log = new DiagnosticLog();
  const pki = buildPki(document.statements, lines, (name) => endpoints.has(name), log.report);
  const knowledge = new Knowledge();
  for (const key of pki.keys.values()) {
    if (key.holder) knowledge.learn(key.holder, privateOf(key.name));
  }
  return {
    lines,
    log,
    endpoints,
    // The TCP engine's trace: the timeline reads its verdicts only.
    timeline: new TcpTimeline(tcp.steps, document.statements),
    pki,
    knowledge,
    sessions: new Map(),
    sessionCount: 0,
    randoms: new Map(),
    received: new Map(),
    withoutTcp: new Set(),
    relayedUnseenHello: new Set(),
    nextOnLeg: nextOnLeg(document),
  };
}

function nextOnLeg(document: ScenarioDocument): Map<TlsMessageStatement, TlsMessageStatement> {
  const next = new Map<TlsMessageStatement, TlsMessageStatement>();
  const last = new Map<string, TlsMessageStatement>();
  for (const statement of document.statements) {
    if (statement.kind !== 'tls') continue;
    const leg = `${statement.from.text} ${statement.to.text}`;
    const before = last.get(leg);
    if (before) next.set(before, statement);
    last.set(leg, statement);
  }
  return next;
}

/**
 * What one message brings about, beyond the diagnostics: created for each message, filled in by
 * the sections that handle it, and copied into its step.
 */
export interface MessageOutcome {
  /** The secrets an endpoint came to derive at this message. */
  readonly derivations: Derivation[];
  /** The handshake failed here: who noticed and which alert it owes. */
  failure?: TlsFailure;
  /** The client accepted the server's certificate here. */
  certificateCheck?: CertificateCheck;
}

export function newOutcome(): MessageOutcome {
  return { derivations: [] };
}

/** The 1-based line of `span`, as messages quote it. */
export function lineNumber(run: TlsRun, span: Span): number {
  return run.lines.lineOf(span) + 1;
}

/** A fix that writes `text` over `span`. */
export function replaceWith(title: Text, span: Span, text: string): Fix<Text> {
  return { title, edits: [{ span: { start: span.start, end: span.end }, newText: text }] };
}

/** Reports a field the message needs and does not have. */
export function reportMissing(run: TlsRun, statement: TlsMessageStatement, field: string): void {
  run.log.report(
    diagnostic('TlsMissingField', statement.messageSpan, {
      message: statement.message,
      field,
      why: TLS_TEXT.missing[field] ?? TLS_TEXT.missingOther,
    }),
  );
}

/** A value sent in the clear: both ends of the message know it. */
export function publish(run: TlsRun, value: string, endpoints: readonly string[]): void {
  for (const endpoint of endpoints) run.knowledge.learn(endpoint, value);
}

/**
 * The handshake fails at `span`: `endpoint` noticed and must send `alert` (RFC 8446 §6.2, RFC 5246
 * §7.2.2). Only the first failure of a handshake counts.
 */
export function failHandshake(
  outcome: MessageOutcome,
  session: Session,
  span: Span,
  failure: { readonly endpoint: string; readonly reason: Text; readonly alert: string },
): void {
  if (session.failure) return;
  const { endpoint, reason, alert } = failure;
  session.failure = { span: { start: span.start, end: span.end }, endpoint, reason, alert };
  outcome.failure = { endpoint, text: TLS_TEXT.failureNote({ reason, endpoint, alert }) };
}
