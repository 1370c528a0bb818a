import { diagnostic } from '../check/diagnostic';
import { fieldOf, type TlsMessageStatement } from '../syntax/tlsTree';
import { checkSignature } from './certificateCheck';
import { privateOf } from './knowledge';
import { masterOf, type Content, type Session } from './session';
import { publish, replaceWith, reportMissing, type MessageOutcome, type TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * Key exchange: who comes to know which secret. Randoms and key shares are public once sent; the
 * private half of a share only its maker knows; an RSA premaster secret is known to its maker and
 * to the holder of the private key it is encrypted with. Each endpoint derives the master secret
 * (TLS 1.3: the handshake keys) as soon as it knows all its inputs.
 */

/**
 * A key share sent from `from` to `to`: both see it; the sender made it, so it knows the
 * private half, unless it only relays someone else's.
 */
export function sendShare(
  run: TlsRun,
  share: string,
  from: string,
  to: string,
  forwarded: boolean,
): void {
  publish(run, share, [from, to]);
  if (!forwarded) run.knowledge.learn(from, privateOf(share));
}

/** ServerKeyExchange (ECDHE, RFC 8422 §5.4): the server's share, signed with its certificate's key. */
export function serverKeyExchange(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
  outcome: MessageOutcome,
): void {
  const share = content.fields.get('share');
  if (share) {
    session.serverShare = share;
    sendShare(run, share, statement.from.text, statement.to.text, statement.forward !== undefined);
  }
  checkSignature(run, statement, content, session, session.serverCert, outcome);
}

/**
 * ClientKeyExchange: the client's ECDHE share, or (RSA) the premaster secret encrypted with the
 * public key of the server's certificate.
 */
export function clientKeyExchange(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
): void {
  const from = statement.from.text;
  const to = statement.to.text;
  const forwarded = statement.forward !== undefined;
  // In a handshake with an error already, a ClientKeyExchange written for the other key
  // exchange (a share for RSA, a premaster for ECDHE) is that error showing again: read as written.
  const fields = content.fields;
  const ecdhe = session.flagged
    ? fields.has('share') || (session.facts.keyExchange === 'ECDHE' && !fields.has('premaster'))
    : session.facts.keyExchange === 'ECDHE';
  if (ecdhe) {
    const share = content.fields.get('share');
    if (!share) {
      if (!forwarded) reportMissing(run, statement, 'share');
      return;
    }
    session.clientShare = share;
    sendShare(run, share, from, to, forwarded);
    return;
  }
  const premaster = content.fields.get('premaster');
  const written = content.fields.get('encrypted');
  if (!forwarded) {
    if (!premaster) reportMissing(run, statement, 'premaster');
    if (!written) reportMissing(run, statement, 'encrypted');
  }
  if (!premaster || !written) return;
  const key = forwarded
    ? relayedKey(run, written)
    : checkEncryptionKey(run, statement, written, session);
  const keyInfo = run.pki.keys.get(key);
  if (!forwarded) {
    const pmField = fieldOf(statement, 'premaster');
    if (run.knowledge.knownToOthers(premaster, from) && !run.knowledge.knows(from, premaster)) {
      run.log.report(
        diagnostic('TlsSecretUnknown', pmField?.valueSpan ?? statement.messageSpan, {
          sender: from,
          secret: premaster,
          why: TLS_TEXT.secretOfOther({
            secret: premaster,
            from,
            key: session.premasterKey ?? '',
          }),
        }),
      );
    }
    run.knowledge.learn(from, premaster);
  }
  session.premaster = premaster;
  session.premasterKey = key;
  // RFC 5246 §7.4.7.1: only the holder of the private key can decrypt the premaster secret.
  if (keyInfo?.holder === to) run.knowledge.learn(to, premaster);
}

/** A relayed message's key: a certificate's name was reported where it was written. */
function relayedKey(run: TlsRun, written: string): string {
  if (run.pki.keys.has(written)) return written;
  return run.pki.certs.get(written)?.key ?? written;
}

/**
 * The premaster secret must be encrypted with a declared key: the one in the server's
 * certificate. Gives the key the handshake goes on with: the one written when it is a key
 * (encrypted with another key, the server cannot decrypt it); else the one meant.
 */
function checkEncryptionKey(
  run: TlsRun,
  statement: TlsMessageStatement,
  key: string,
  session: Session,
): string {
  const keyField = fieldOf(statement, 'encrypted');
  if (!keyField) return key;
  const expected = session.serverCert?.key;
  const cert = run.pki.keys.has(key) ? undefined : run.pki.certs.get(key);
  // A certificate's name ("encrypt with the certificate's public key", as notes say it) or a
  // name never declared: the key meant is the certificate's. One diagnostic says so, and the
  // handshake goes on with that key, so the Finished messages after it do not fail as well.
  const meant = run.pki.keys.has(key) ? key : (expected ?? cert?.key);
  if (!meant) {
    run.log.report(
      diagnostic('TlsUnknownName', keyField.valueSpan, {
        what: TLS_TEXT.whatKey,
        name: key,
        declare: `key ${key} holder=...`,
      }),
    );
    return key;
  }
  const right = expected ?? meant;
  if (right === key) return key;
  run.log.report(
    diagnostic(
      'TlsWrongKey',
      keyField.valueSpan,
      {
        key,
        expected: right,
        cert: session.serverCert?.name ?? cert?.name ?? '',
        certificate: cert !== undefined,
      },
      { fix: replaceWith(TLS_TEXT.fixEncryptWith({ key: right }), keyField.valueSpan, right) },
    ),
  );
  return meant;
}

/**
 * Each of `endpoints` that can now derive the session's secret learns it; the step notes who
 * derived what from which inputs.
 */
export function noteDerivations(
  run: TlsRun,
  session: Session,
  endpoints: readonly string[],
  outcome: MessageOutcome,
): void {
  for (const endpoint of endpoints) {
    if (session.derived.has(endpoint)) continue;
    const master = masterOf(session, endpoint, run.knowledge);
    if (!master) continue;
    session.derived.add(endpoint);
    run.knowledge.learn(endpoint, master.name);
    outcome.derivations.push({ endpoint, secret: master.secret, inputs: master.inputs });
  }
}
