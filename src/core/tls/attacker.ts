import type { Text } from '../text/words';
import { diagnostic } from '../check/diagnostic';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import { isSlotOf, slotKey } from './handshakePlan';
import { masterOf, type Content, type Session } from './session';
import type { TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * The attacker (a man in the middle): an endpoint declared with `attacker` may relay what it
 * received (`forward`), and succeeds when a victim completes a handshake with it while it holds
 * the session's keys.
 */

/** Notes what `endpoint` received, so that an attacker can relay it later. */
export function rememberReceived(run: TlsRun, endpoint: string, content: Content): void {
  let map = run.received.get(endpoint);
  if (!map) run.received.set(endpoint, (map = new Map()));
  map.set(content.message, content);
}

/**
 * The content a `forward` relays: the last message of its type the sender received. Only an
 * attacker relays; undefined (reported) when the sender may not or has nothing to relay.
 */
export function forwardedContent(run: TlsRun, statement: TlsMessageStatement): Content | undefined {
  const from = statement.from.text;
  const forward = statement.forward;
  if (!forward) return undefined;
  const refuse = (reason: Text): undefined => {
    run.log.report(
      diagnostic('TlsNothingToForward', forward, {
        sender: from,
        message: statement.message,
        reason,
      }),
    );
    return undefined;
  };
  if (!run.pki.attackers.has(from)) return refuse(TLS_TEXT.onlyAttackersForward({ from }));
  const copy = run.received.get(from)?.get(statement.message);
  if (copy) return copy;
  // The leg it comes from already reported the message missing: the relay is that mistake again.
  if (!sourceLegs(run, statement).some(({ missed }) => missed)) {
    refuse(TLS_TEXT.nothingToForward({ message: statement.message }));
  }
  return relayedUnseen(run, statement);
}

/**
 * The handshakes the attacker has with others than the receiver (where a relayed message comes
 * from), with the role the message's sender has there and whether that leg already passed over
 * the message (reported it missing).
 */
function sourceLegs(
  run: TlsRun,
  statement: TlsMessageStatement,
): { session: Session; sender: 'client' | 'server'; missed: boolean }[] {
  const attacker = statement.from.text;
  return [...run.sessions.values()]
    .filter((s) => [s.client, s.server].includes(attacker))
    .filter((s) => ![s.client, s.server].includes(statement.to.text))
    .map((session) => {
      const sender = attacker === session.client ? 'server' : 'client';
      const missed = [...session.skipped].some((i) => isSlotOf(i, sender, statement.message));
      return { session, sender, missed };
    });
}

/**
 * A relay of a message the attacker never received: the engine plays along as if the leg it
 * comes from had carried it, so that leg does not report the same missing message again. What
 * it relays is a message of that type with no fields.
 */
function relayedUnseen(run: TlsRun, statement: TlsMessageStatement): Content {
  const legs = sourceLegs(run, statement);
  if (legs.length === 0 && statement.message === 'ClientHello') {
    run.relayedUnseenHello.add(statement.from.text);
  }
  for (const { session, sender } of legs) {
    session.misplaced.add(slotKey(sender, statement.message));
    const endpoint = sender === 'client' ? session.client : session.server;
    if (statement.message === 'ChangeCipherSpec') session.changedCipher.add(endpoint);
  }
  return { message: statement.message, fields: new Map() };
}

/** The attacker at one end of a session: each leg of a man in the middle names it. */
export function mitmOf(run: TlsRun, session: Session): { mitm?: string } {
  const attacker = [session.client, session.server].find((e) => run.pki.attackers.has(e));
  return attacker !== undefined ? { mitm: attacker } : {};
}

/**
 * Called when a handshake is established: when the "server" is an attacker that holds the
 * session's keys and the client a victim, the man in the middle succeeded. The reason says why
 * the victim accepted the attacker's certificate.
 */
export function checkAttack(run: TlsRun, statement: TlsMessageStatement, session: Session): void {
  const attacker = session.server;
  const victim = session.client;
  const pki = run.pki;
  if (!pki.attackers.has(attacker) || pki.attackers.has(victim)) return;
  if (!masterOf(session, attacker, run.knowledge)) return;
  session.compromisedBy = attacker;
  const trust = pki.trust.get(victim);
  const cert = session.serverCert;
  const issuerHolder = cert?.issuer ? pki.keys.get(cert.issuer)?.holder : undefined;
  const text = TLS_TEXT;
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
  run.log.report(
    diagnostic('MitmSucceeds', statement.messageSpan, { attacker, client: victim, reason }),
  );
}
