import type { Text } from '../text/words';
import { diagnostic } from '../check/diagnostic';
import type { TlsMessageStatement } from '../syntax/tlsTree';
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
  return copy ?? refuse(TLS_TEXT.nothingToForward({ message: statement.message }));
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
