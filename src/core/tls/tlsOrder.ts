import { diagnostic, type Fix } from '../check/diagnostic';
import type { Text } from '../text/words';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import { slotKey } from './handshakePlan';
import { TLS_ALERTS } from '../protocol/tlsMessageTypes';
import { checkAlert } from './capturedAlert';
import { assumeServerHello, missesServerHello, placeInReadings } from './readings';
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
 * still send (RFC 9293 §3.3.2: ESTABLISHED or CLOSE_WAIT) and the receiver still receives. One
 * mistake, one diagnostic: the first message of a run over a connection that is not there is
 * reported, the rest of that run is not, and the TLS messages are judged as if it were.
 */
export function checkTcp(run: TlsRun, statement: TlsMessageStatement): void {
  const from = statement.from.text;
  const to = statement.to.text;
  if (!run.timeline.hasConnection(from, to)) return;
  const sender = run.timeline.stateAt(from, statement.start, to);
  const receiver = run.timeline.stateAt(to, statement.start, from);
  const [endpoint, state] = !SENDER_STATES.has(sender)
    ? [from, sender]
    : !RECEIVER_STATES.has(receiver)
      ? [to, receiver]
      : [undefined, undefined];
  const pair = pairKey(from, to);
  if (!endpoint || !state) {
    run.withoutTcp.delete(pair);
    return;
  }
  if (run.withoutTcp.has(pair)) return;
  run.withoutTcp.add(pair);
  run.log.report(diagnostic('TlsBeforeTcp', statement.messageSpan, { endpoint, state }));
}

/**
 * The handshake this message belongs to; a ClientHello after a finished one starts anew. A
 * message before any ClientHello is reported, and starts a handshake whose ClientHello is taken
 * to have offered what the server then picks: the ClientHello, if it comes later, is late, not
 * a second mistake.
 */
export function sessionFor(run: TlsRun, statement: TlsMessageStatement, content: Content): Session {
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
  if (current) return current;
  // An attacker's relay of a ClientHello that never came was the report (HS624).
  const relay = [from, to].find((e) => run.relayedUnseenHello.has(e));
  if (relay) {
    run.relayedUnseenHello.delete(relay);
  } else {
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, {
        message: statement.message,
        reason: TLS_TEXT.noHandshakeYet({ from, to }),
      }),
    );
  }
  const client = isClientMessage(content.message) ? from : to;
  const session = newSession(++run.sessionCount, client, client === from ? to : from);
  session.position = 1;
  session.skipped.add(0);
  session.offeredVersions = ['1.2', '1.3'];
  session.facts = { ...session.facts, offers13: true };
  run.sessions.set(key, session);
  return session;
}

/** Messages only a client sends, to tell the roles of a handshake that began without a hello. */
function isClientMessage(message: Content['message']): boolean {
  return message === 'ClientKeyExchange';
}

/**
 * After a failure only the alert may follow; after a fatal alert, nothing (RFC 8446 §6.2). A
 * scenario that goes on anyway is told so once, at the first message that should not be there:
 * after a failure the engine then plays along as if the check had passed (the message is judged
 * as usual, and true is returned); after an alert the messages are not taken.
 */
export function stillOpen(run: TlsRun, statement: TlsMessageStatement, session: Session): boolean {
  const from = statement.from.text;
  if (session.closed) {
    if (session.closedReported) return false;
    session.closedReported = true;
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
  // RFC 8446 §D.4: TLS 1.3's compatibility ChangeCipherSpec may go out before the endpoint has
  // read the flight it rejects (GnuTLS sends it, then its alert): it is not going on.
  const compatibility = statement.message === 'ChangeCipherSpec' && isCompatibilityCcs(session);
  if (failure && failure.endpoint === from && statement.message !== 'Alert' && !compatibility) {
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
    session.failure = undefined;
  }
  return true;
}

/**
 * An alert ends the handshake; its description must be one RFC 8446 §6 names, and agree with
 * the handshake it ends (capturedAlert.ts).
 */
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
  } else checkAlert(run, statement, session);
  session.closed = { start: statement.start, end: statement.end };
}

/**
 * Application data flows only once both Finished messages have been accepted. Data before that
 * is reported once (not at all when an error of the handshake already explains it); the engine
 * then takes the handshake as done, as the scenario does.
 */
export function checkApplicationData(
  run: TlsRun,
  statement: TlsMessageStatement,
  session: Session,
): void {
  if (session.established) return;
  if (!session.flagged) {
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, {
        message: statement.message,
        reason: TLS_TEXT.dataAfterFinished,
      }),
    );
  }
  session.established = true;
}

/** RFC 8446 §D.4: a TLS 1.3 endpoint may send a dummy ChangeCipherSpec; it changes nothing. */
export function isCompatibilityCcs(session: Session): boolean {
  return (
    session.facts.version === '1.3' ||
    (session.facts.version === undefined && session.facts.offers13)
  );
}

/**
 * Inserts the sender's ChangeCipherSpec before its Finished; when the sender's next message on
 * that leg is the ChangeCipherSpec (the two swapped), that line moves up instead, so that it is
 * not sent twice.
 */
function changeCipherSpecFirst(run: TlsRun, finished: TlsMessageStatement): Fix<Text> {
  const at = run.lines.lineStart(run.lines.lineOf(finished));
  const line = `${finished.from.text} -> ${finished.to.text}  ChangeCipherSpec\n`;
  const insert = replaceWith(TLS_TEXT.fixChangeCipherSpecFirst, { start: at, end: at }, line);
  const later = run.nextOnLeg.get(finished);
  if (later?.message !== 'ChangeCipherSpec' || later.forward) return insert;
  const ccsLine = run.lines.lineOf(later);
  const end =
    ccsLine + 1 < run.lines.firstLine + run.lines.lineCount
      ? run.lines.lineStart(ccsLine + 1)
      : run.lines.lineEnd(ccsLine);
  const remove = { span: { start: run.lines.lineStart(ccsLine), end }, newText: '' };
  return { title: insert.title, edits: [...insert.edits, remove] };
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
  let placed = placeInReadings(session, message, role);
  let reported = false;
  if (placed.next === undefined && message === 'HelloRetryRequest' && !session.facts.offers13) {
    // Reported once; the rest is judged as if the client had offered TLS 1.3 (RFC 8446 §4.1.4:
    // only a TLS 1.3 server asks for another key share).
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, { message, reason: placed.reason }),
    );
    reported = true;
    session.offeredVersions = [...session.offeredVersions, '1.3'];
    session.facts = { ...session.facts, offers13: true };
    placed = placeInReadings(session, message, role);
  }
  if (placed.next === undefined && missesServerHello(session, message)) {
    // Reported once here ("ServerHello comes next"); the rest is judged as if it had come.
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, { message, reason: placed.reason }),
    );
    reported = true;
    assumeServerHello(session);
    placed = placeInReadings(session, message, role);
  }
  const finished12 = message === 'Finished' && session.facts.version === '1.2';
  if (finished12 && !session.changedCipher.has(statement.from.text)) {
    run.log.report(
      diagnostic(
        'TlsFinishedBeforeCcs',
        statement.messageSpan,
        { endpoint: statement.from.text },
        { fix: changeCipherSpecFirst(run, statement) },
      ),
    );
  }
  if (placed.ok && placed.late !== undefined) session.skipped.delete(placed.late);
  if (!placed.ok && placed.next !== undefined) {
    for (const slot of placed.skipped) session.skipped.add(slot);
  }
  if (!placed.ok && !reported && !(finished12 && placed.next !== undefined)) {
    run.log.report(
      diagnostic('TlsOutOfOrder', statement.messageSpan, { message, reason: placed.reason }),
    );
  }
  if (placed.next === undefined) {
    session.misplaced.add(slotKey(role, message));
    return false;
  }
  session.position = placed.next;
  return true;
}
