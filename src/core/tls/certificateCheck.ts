import type { Text } from '../text/words';
import { diagnostic } from '../check/diagnostic';
import { fieldOf, type TlsMessageStatement } from '../syntax/tlsTree';
import { placeMessage } from './handshakePlan';
import { accepts, verifyCertificate, type CertInfo, type Rejection, type Verdict } from './pki';
import type { Content, Session } from './session';
import { failHandshake, reportMissing, type MessageOutcome, type TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * Certificates at the client: the server's certificate is checked against the client's trust
 * store (pki.ts decides), and the signatures made with a certificate's private key are checked
 * against who holds it.
 */

/**
 * Certificate: the server's is verified by the client, which fails the handshake with the
 * verdict's alert when it rejects it (RFC 5246 §7.4.2, RFC 8446 §4.4.2); a client certificate is
 * only recorded.
 */
export function certificate(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
  outcome: MessageOutcome,
): void {
  const role = statement.from.text === session.client ? 'client' : 'server';
  const written = statement.forward ? undefined : fieldOf(statement, 'cert');
  const name = content.fields.get('cert');
  const cert = name ? run.pki.certs.get(name) : undefined;
  if (name && !cert && written) {
    run.log.report(
      diagnostic('TlsUnknownName', written.valueSpan, {
        what: TLS_TEXT.whatCertificate,
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
  if (!name && !statement.forward) reportMissing(run, statement, 'cert');
  if (!cert) return;
  session.serverCert = cert;
  const client = statement.to.text;
  // An attacker playing the client checks nothing unless the scenario gives it a trust store.
  if (run.pki.attackers.has(client) && !run.pki.trust.has(client)) return;
  const verdict = verdictOf(run, cert, client, session);
  if (accepts(verdict)) {
    outcome.certificateCheck = { endpoint: client, cert: cert.name, verdict };
    return;
  }
  const none = TLS_TEXT.none;
  // Every fact a rejection message may quote; each message takes the ones it needs.
  const facts = {
    client,
    cert: cert.name,
    issuer: cert.issuer ?? none,
    subject: cert.subject ?? none,
    sni: session.sni ?? '',
    notAfter: cert.notAfter ?? '',
    notBefore: cert.notBefore ?? '',
    date: run.pki.date?.text ?? '',
    trusted: verdict.kind === 'CertUntrustedIssuer' ? verdict.trusted : '',
    reason: verdict.kind === 'CertBadSignature' ? verdict.reason : '',
  };
  run.log.report(diagnostic(verdict.kind, written?.valueSpan ?? statement.messageSpan, facts));
  failHandshake(outcome, session, statement, {
    endpoint: client,
    reason: rejectionReason(verdict.kind),
    alert: verdict.alert,
  });
}

/**
 * The client's verdict on the server's certificate, for the name its ClientHello asked for. A
 * ClientHello after a HelloRetryRequest that changed the name was reported (HS627): a
 * certificate for either name is then accepted, so that the one mistake is not reported again.
 */
function verdictOf(run: TlsRun, cert: CertInfo, client: string, session: Session): Verdict {
  const verdict = verifyCertificate(run.pki, cert, client, session.sni);
  const retried = session.retryChanges?.get('sni')?.retry;
  if (accepts(verdict) || retried === undefined) return verdict;
  const other = verifyCertificate(run.pki, cert, client, retried);
  return accepts(other) ? other : verdict;
}

/**
 * A `cert=` written on a TLS 1.2 ServerHello (HS601, reported by the parser): the notes draw the
 * server's certificate with its hello, so the engine takes it as the Certificate message sent
 * right after it, checked as one; a Certificate line is then not missing.
 */
export function certificateInHello(
  run: TlsRun,
  statement: TlsMessageStatement,
  session: Session,
  outcome: MessageOutcome,
): void {
  const stray = statement.strayFields?.find((f) => f.name === 'cert');
  if (!stray || session.facts.version !== '1.2') return;
  const placed = placeMessage(session.position, 'Certificate', 'server', session.facts);
  if (!placed.ok) return;
  session.position = placed.next;
  const content = { message: 'Certificate' as const, fields: new Map([['cert', stray.value]]) };
  certificate(run, statement, content, session, outcome);
}

/**
 * ServerKeyExchange and CertificateVerify are signed with the certificate’s private key
 * (RFC 5246 §7.4.3, RFC 8446 §4.4.3): only its holder can make the signature.
 */
export function checkSignature(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
  cert: CertInfo | undefined,
  outcome: MessageOutcome,
): void {
  const from = statement.from.text;
  if (!cert?.key) return;
  const holder = run.pki.keys.get(cert.key)?.holder;
  // A relayed signature was made by whoever first sent it.
  const signer = content.signature?.signer ?? from;
  const valid = content.signature?.valid ?? holder === from;
  content.signature = { valid, signer, key: cert.key };
  if (valid) return;
  run.log.report(
    diagnostic('TlsSignatureNotHolder', statement.messageSpan, {
      sender: signer,
      key: cert.key,
      holder: holder ?? TLS_TEXT.nobody,
      message: statement.message,
    }),
  );
  failHandshake(outcome, session, statement, {
    endpoint: statement.to.text,
    reason: TLS_TEXT.failMessageSignature({ message: statement.message }),
    alert: 'decrypt_error',
  });
}

/** The short reason of a rejection, for the failure note in the diagram. */
export function rejectionReason(kind: Rejection['kind']): Text {
  switch (kind) {
    case 'CertSelfSigned':
      return TLS_TEXT.failSelfSigned;
    case 'CertUntrustedIssuer':
      return TLS_TEXT.failUntrusted;
    case 'CertBadSignature':
      return TLS_TEXT.failSignature;
    case 'CertNameMismatch':
      return TLS_TEXT.failName;
    case 'CertExpired':
      return TLS_TEXT.failExpired;
    case 'CertNotYetValid':
      return TLS_TEXT.failNotYetValid;
  }
}
