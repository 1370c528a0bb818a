import type { Finding } from '../check/diagnostic';
import type { LineMap } from '../text/lineMap';
import { isTlsStatement, type TlsMessageStatement } from '../syntax/tlsTree';
import type { ScenarioDocument } from '../syntax/tree';
import type { TcpTrace } from '../tcp/trace';
import { forwardedContent, mitmOf, rememberReceived } from './attacker';
import { certificate, certificateInHello, checkSignature } from './certificateCheck';
import { clientKeyExchange, noteDerivations, serverKeyExchange } from './keyExchange';
import { TLS_MESSAGE_FIELDS } from '../protocol/tlsMessageTypes';
import { clientHello, serverHello } from './negotiation';
import { trafficKeysOf, transcriptEntryOf, type Content, type Session } from './session';
import {
  alert,
  checkApplicationData,
  checkEndpoints,
  checkTcp,
  isCompatibilityCcs,
  place,
  sessionFor,
  stillOpen,
} from './tlsOrder';
import { newOutcome, reportMissing, startTlsRun, type MessageOutcome, type TlsRun } from './tlsRun';
import type { TlsStep, TrafficKeys } from './tlsTrace';
import { finished, inTranscript } from './transcript';

export interface TlsSimulation {
  readonly steps: readonly TlsStep[];
  readonly diagnostics: readonly Finding[];
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
  const statements = document.statements;
  if (!statements.some(isTlsStatement)) {
    return { steps: [], diagnostics: [] };
  }
  const run = startTlsRun(document, lines, tcp);
  const steps: TlsStep[] = [];
  for (const statement of statements) {
    if (statement.kind === 'tls') steps.push(simulateMessage(run, statement));
  }
  return { steps, diagnostics: run.log.diagnostics };
}

/** One message: checked and applied as far as it can be, and recorded as a step. */
function simulateMessage(run: TlsRun, statement: TlsMessageStatement): TlsStep {
  const errorsBefore = run.log.errors;
  const outcome = newOutcome();
  const step = (content?: Content, session?: Session, keys?: TrafficKeys): TlsStep =>
    stepOf(run, statement, outcome, run.log.errors > errorsBefore, content, session, keys);
  if (!checkEndpoints(run, statement)) return step();
  checkTcp(run, statement);
  // TCP underneath is not the handshake's: only the errors from here on flag it.
  const tlsErrorsBefore = run.log.errors;
  const content = contentOf(run, statement);
  if (!content) return step();
  const session = sessionFor(run, statement, content);
  const keys = deliver(run, statement, content, session, outcome);
  // What fails later because of this mistake is the same mistake (see Session.flagged).
  if (run.log.errors > tlsErrorsBefore) session.flagged = true;
  return step(content, session, keys);
}

/** The message as it travels: written, or copied by a forward. */
function contentOf(run: TlsRun, statement: TlsMessageStatement): Content | undefined {
  if (statement.forward) return forwardedContent(run, statement);
  const fields = new Map(statement.fields.map((f) => [f.name, f.value]));
  for (const required of TLS_MESSAGE_FIELDS[statement.message].required) {
    if (!fields.has(required)) reportMissing(run, statement, required);
  }
  return {
    message: statement.message,
    fields,
    ...(statement.argument ? { argument: statement.argument.text } : {}),
    ...(statement.payload ? { payload: statement.payload.value } : {}),
  };
}

/** Checks the message in its handshake and applies it; returns the keys it travels under. */
function deliver(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
  outcome: MessageOutcome,
): TrafficKeys | undefined {
  const from = statement.from.text;
  const to = statement.to.text;
  const message = content.message;
  const role = from === session.client ? 'client' : 'server';
  if (!stillOpen(run, statement, session)) return trafficKeysOf(session, from, message);
  if (message === 'Alert') {
    alert(run, statement, content, session);
  } else if (message === 'ApplicationData') {
    checkApplicationData(run, statement, session);
  } else if (message === 'ChangeCipherSpec' && isCompatibilityCcs(session)) {
    // RFC 8446 §D.4: TLS 1.3's compatibility ChangeCipherSpec changes nothing.
  } else if (!place(run, statement, session, role)) {
    return trafficKeysOf(session, from, message);
  } else {
    apply(run, statement, content, session, outcome);
  }
  const keys = trafficKeysOf(session, from, message);
  if (inTranscript(message)) session.transcript.push(transcriptEntryOf(content, from, session.id));
  rememberReceived(run, to, content);
  noteDerivations(run, session, [from, to], outcome);
  return keys;
}

/** What a placed handshake message does to its session, by type. */
function apply(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
  outcome: MessageOutcome,
): void {
  switch (content.message) {
    case 'ClientHello':
      return clientHello(run, statement, content, session);
    case 'HelloRetryRequest':
      // RFC 8446 §4.1.4: only TLS 1.3 retries.
      session.facts = { ...session.facts, retried: true, version: '1.3' };
      return;
    case 'ServerHello':
      serverHello(run, statement, content, session);
      return certificateInHello(run, statement, session, outcome);
    case 'Certificate':
      return certificate(run, statement, content, session, outcome);
    case 'CertificateRequest':
      session.facts = { ...session.facts, certificateRequested: true };
      return;
    case 'ServerKeyExchange':
      return serverKeyExchange(run, statement, content, session, outcome);
    case 'ClientKeyExchange':
      return clientKeyExchange(run, statement, content, session);
    case 'CertificateVerify': {
      const serverSide = statement.from.text !== session.client;
      const cert = serverSide ? session.serverCert : session.clientCert;
      return checkSignature(run, statement, content, session, cert, outcome);
    }
    case 'ChangeCipherSpec':
      session.changedCipher.add(statement.from.text);
      return;
    case 'Finished':
      return finished(run, statement, content, session, outcome);
    default:
      return;
  }
}

/** The step of a message, with what the run knows after it. */
function stepOf(
  run: TlsRun,
  statement: TlsMessageStatement,
  outcome: MessageOutcome,
  faulty: boolean,
  content: Content | undefined,
  session: Session | undefined,
  keys: TrafficKeys | undefined,
): TlsStep {
  const from = statement.from.text;
  const to = statement.to.text;
  return {
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
    ...(session ? mitmOf(run, session) : {}),
    derivations: outcome.derivations,
    ...(outcome.failure ? { failure: outcome.failure } : {}),
    ...(outcome.certificateCheck ? { certificateCheck: outcome.certificateCheck } : {}),
    faulty,
    knowledge: [from, to].map((endpoint) => ({
      endpoint,
      secrets: run.knowledge.list(endpoint),
    })),
    ...(session?.compromisedBy &&
    (statement.message === 'ApplicationData' || statement.message === 'Finished')
      ? { compromised: session.compromisedBy }
      : {}),
  };
}

/** The fields of a message in the order they were written, for labels and hovers. */
function detailsOf(content: Content): string[] {
  const parts = [...content.fields].map(([name, value]) => `${name}=${value}`);
  if (content.argument) parts.push(content.argument);
  return parts;
}
