import { diagnostic } from '../check/diagnostic';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import { placeMessage } from './handshakePlan';
import { TLS_ALERTS } from '../protocol/tlsMessageTypes';
import { newSession, type Content, type Session } from './session';
import { pairKey } from './tcpTimeline';
import { lineNumber, replaceWith, type TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * Message order: who may send what, when. The order within a handshake is the plan in
 * handshakePlan.ts; this file applies it and the rules around it (endpoints, TCP underneath,
 * which handshake a message belongs to, nothing after a failure or an alert).
 */

const SENDER_STATES = new Set(['ESTABLISHED', 'CLOSE_WAIT']);
const RECEIVER_STATES = new Set(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2']);

/** Both ends are declared endpoints and differ; false when the message cannot travel. */
export function checkEndpoints(run: TlsRun, statement: TlsMessageStatement): boolean {
  let ok = true;
  for (const name of [statement.from, statement.to]) {
    if (name.text !== '' && !run.endpoints.has(name.text)) {
      run.log.report(diagnostic('UnknownEndpoint', name, { name: name.text }));
      ok = false;
    }
  }
  if (ok && statement.from.text === statement.to.text) {
    run.log.report(diagnostic('SegmentToSelf', statement, { endpoint: statement.from.text }));
    ok = false;
  }
  return ok && statement.to.text !== '';
}

/**
 * TLS over a TCP connection of the scenario needs that connection established: the sender can
 * still send (RFC 9293 §3.3.2: ESTABLISHED or CLOSE_WAIT) and the receiver still receives.
 */
export function checkTcp(run: TlsRun, statement: TlsMessageStatement): boolean {
  const from = statement.from.text;
  const to = statement.to.text;
  if (!run.timeline.hasConnection(from, to)) return true;
  const sender = run.timeline.stateAt(from, statement.start);
  const receiver = run.timeline.stateAt(to, statement.start);
  const [endpoint, state] = !SENDER_STATES.has(sender)
    ? [from, sender]
    : !RECEIVER_STATES.has(receiver)
      ? [to, receiver]
      : [undefined, undefined];
  if (!endpoint || !state) return true;
  run.log.report(diagnostic('TlsBeforeTcp', statement.messageSpan, { endpoint, state }));
  return false;
}

/** The handshake this message belongs to; a ClientHello after a finished one starts anew. */
export function sessionFor(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
): Session | undefined {
  const from = statement.from.text;
  const to = statement.to.text;
  const key = pairKey(from, to);
  const current = run.sessions.get(key);
  const over = !current || current.closed || current.established || current.failure;
  if (content.message === 'ClientHello' && over && !(current?.failure && !current.closed)) {
    const session = newSession(++run.sessionCount, from, to);
    run.sessions.set(key, session);
    return session;
  }
  if (!current) {
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, {
        message: statement.message,
        reason: TLS_TEXT.noHandshakeYet({ from, to }),
      }),
    );
    return undefined;
  }
  return current;
}

/** After a failure only the alert may follow; after a fatal alert, nothing (RFC 8446 §6.2). */
export function stillOpen(run: TlsRun, statement: TlsMessageStatement, session: Session): boolean {
  const from = statement.from.text;
  if (session.closed) {
    run.log.report(
      diagnostic('TlsContinuesAfterFailure', statement.messageSpan, {
        endpoint: from,
        line: lineNumber(run, session.closed),
        reason: TLS_TEXT.endedWithAlert,
        alert: TLS_TEXT.sendsNothingMore,
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
    const fix = replaceWith(
      TLS_TEXT.fixSendAlert({ alert: failure.alert }),
      rest,
      `Alert ${failure.alert}`,
    );
    run.log.report(
      diagnostic(
        'TlsContinuesAfterFailure',
        statement.messageSpan,
        {
          endpoint: from,
          line: lineNumber(run, failure.span),
          reason: failure.reason,
          alert: TLS_TEXT.sendsAlertInstead({ alert: failure.alert }),
        },
        { fix },
      ),
    );
    return false;
  }
  return true;
}

/** An alert ends the handshake; its description must be one RFC 8446 §6 names. */
export function alert(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
): void {
  const description = content.argument;
  if (description && !(TLS_ALERTS as readonly string[]).includes(description)) {
    run.log.report(
      diagnostic('TlsBadValue', statement.argument ?? statement.messageSpan, {
        what: TLS_TEXT.whatAlert,
        text: description,
        expected: TLS_TEXT.oneOf({ list: TLS_ALERTS.join(', ') }),
      }),
    );
  }
  session.closed = { start: statement.start, end: statement.end };
}

/** Application data flows only once both Finished messages have been accepted. */
export function checkApplicationData(
  run: TlsRun,
  statement: TlsMessageStatement,
  session: Session,
): void {
  if (session.established) return;
  run.log.report(
    diagnostic('TlsOutOfOrder', statement.messageSpan, {
      message: statement.message,
      reason: TLS_TEXT.dataAfterFinished,
    }),
  );
}

/** RFC 8446 §D.4: a TLS 1.3 endpoint may send a dummy ChangeCipherSpec; it changes nothing. */
export function isCompatibilityCcs(session: Session): boolean {
  return (
    session.facts.version === '1.3' ||
    (session.facts.version === undefined && session.facts.offers13)
  );
}

/**
 * The order rules; false when the message cannot be placed at all. A TLS 1.2 Finished needs
 * the sender's ChangeCipherSpec first (RFC 5246 §7.1).
 */
export function place(
  run: TlsRun,
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
    const at = run.lines.lineStart(run.lines.lineOf(statement));
    const line = `${statement.from.text} -> ${statement.to.text}  ChangeCipherSpec\n`;
    run.log.report(
      diagnostic(
        'TlsFinishedBeforeCcs',
        statement.messageSpan,
        { endpoint: statement.from.text },
        { fix: replaceWith(TLS_TEXT.fixChangeCipherSpecFirst, { start: at, end: at }, line) },
      ),
    );
  }
  const placed = placeMessage(session.position, message, role, session.facts);
  if (
    !placed.ok &&
    !(message === 'Finished' && session.facts.version === '1.2' && placed.next !== undefined)
  ) {
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, { message, reason: placed.reason }),
    );
  }
  if (placed.next === undefined) return false;
  session.position = placed.next;
  return true;
}
