import { diagnostic } from '../check/diagnostic';
import type { TlsMessageStatement } from '../syntax/tlsTree';
import type { Session } from './session';
import type { TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * An alert is evidence: in an imported capture it is what the real endpoint decided. The engine
 * compares a client's alert with the verdict of its own certificate check, and explains a
 * server's alert it can account for.
 */

/** Alerts that give no particular reason (RFC 8446 §6.2): they agree with any rejection. */
const GENERIC = new Set(['certificate_unknown', 'handshake_failure']);

/** The alerts a client sends about the server's certificate (RFC 8446 §6.2). */
const CERTIFICATE_ALERTS = new Set([
  'bad_certificate',
  'unsupported_certificate',
  'certificate_revoked',
  'certificate_expired',
  'certificate_unknown',
  'unknown_ca',
]);

/**
 * What a server that requires a client certificate sends when it gets none: handshake_failure
 * (RFC 5246 §7.4.6) or, in TLS 1.3, certificate_required (RFC 8446 §4.4.2.4).
 */
const NO_CLIENT_CERTIFICATE = new Set(['handshake_failure', 'certificate_required']);

/**
 * Checks an `Alert NAME` against the handshake it ends: a client's alert that names another
 * reason than the certificate check found, or a certificate alert where the check accepted the
 * certificate, is HS628; a server's alert after it asked for a client certificate and got none
 * is explained (HS629). An alert without a name (encrypted in a capture) says no reason.
 */
export function checkAlert(run: TlsRun, statement: TlsMessageStatement, session: Session): void {
  const alert = statement.argument?.text;
  if (!alert || !statement.argument) return;
  const from = statement.from.text;
  const span = statement.argument;
  if (from !== session.client) {
    const facts = session.facts;
    if (facts.certificateRequested && !facts.clientCertificateSent) {
      if (NO_CLIENT_CERTIFICATE.has(alert))
        run.log.report(
          diagnostic('ClientCertificateMissing', span, {
            server: from,
            client: session.client,
            alert,
          }),
        );
    }
    return;
  }
  const failure = session.failure;
  if (failure && failure.endpoint === from) {
    if (alert === failure.alert || GENERIC.has(alert)) return;
    const expected = TLS_TEXT.wouldSend({ alert: failure.alert, reason: failure.reason });
    run.log.report(diagnostic('TlsAlertDisagrees', span, { endpoint: from, alert, expected }));
    return;
  }
  if (!failure && session.serverCert && !session.established && CERTIFICATE_ALERTS.has(alert)) {
    const expected = TLS_TEXT.acceptsCertificate;
    run.log.report(diagnostic('TlsAlertDisagrees', span, { endpoint: from, alert, expected }));
  }
}
