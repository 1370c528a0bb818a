import { joinText } from '../text/words';
import { diagnostic } from '../check/diagnostic';
import { fieldOf, type TlsField, type TlsMessageStatement } from '../syntax/tlsTree';
import { sendShare } from './keyExchange';
import { offeredSuiteFor, otherReadings, pickOf } from './readings';
import { checkRetriedHello, isRetriedRandom, keepBothHellos } from './retriedHello';
import type { Content, Session } from './session';
import { CIPHER_SUITES, keyExchangeOf, suiteFitsVersion } from '../protocol/tlsSuites';
import { parseTlsVersion, type TlsVersion } from '../protocol/tlsVersions';
import { lineNumber, publish, replaceWith, reportMissing, type TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * Negotiation: the client offers versions, suites and (in TLS 1.3) a key share; the server picks
 * one of each from the offer (RFC 5246 §7.4.1, RFC 8446 §4.1).
 */

/** ClientHello: records the offer in the session. */
export function clientHello(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
): void {
  const from = statement.from.text;
  const to = statement.to.text;
  const forwarded = statement.forward !== undefined;
  const random = content.fields.get('random');
  const retry = session.facts.retried;
  const changes = retry ? checkRetriedHello(run, statement, content, session) : undefined;
  if (changes?.size) session.retryChanges = changes;
  if (!retry) session.firstHello = { statement, content };
  if (random) {
    checkRandom(run, statement, random, session, retry);
    session.clientRandom = random;
    publish(run, random, [from, to]);
  }
  const versions =
    offeredVersions(run, statement) ??
    relayedVersions(content) ??
    (content.fields.has('key_share') ? ['1.2', '1.3'] : ['1.2']);
  const suitesField = content.fields.get('suites');
  if (suitesField !== undefined) {
    const suites = suitesField.split(',').filter(Boolean);
    session.offeredSuites = suites;
    if (!forwarded) checkSuites(run, fieldOf(statement, 'suites'));
  }
  session.offeredVersions = versions;
  session.sni = content.fields.get('sni');
  const share = content.fields.get('key_share');
  if (share) {
    session.clientShare = share;
    sendShare(run, share, from, to, forwarded);
  }
  session.facts = { ...session.facts, offers13: versions.includes('1.3') };
  if (changes) keepBothHellos(session, changes);
}

/**
 * ServerHello: the server's pick, which must come from the client's offer. A pick outside the
 * offer is reported once (the version, else the suite): the client would abort, and the messages
 * that follow show whether the scenario meant the pick or the offer, so the session keeps the
 * offer as its `alternative` reading until one of them fits a message the other does not.
 */
export function serverHello(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
): void {
  const from = statement.from.text;
  const to = statement.to.text;
  const forwarded = statement.forward !== undefined;
  const random = content.fields.get('random');
  if (random) {
    checkRandom(run, statement, random, session, false);
    session.serverRandom = random;
    publish(run, random, [from, to]);
  }
  const { version, fallback } = chosenVersion(run, statement, content, session);
  const suite = content.fields.get('suite');
  // A suite that does not fit a version the client did not offer is that one mistake again.
  const suiteOther =
    suite !== undefined
      ? checkChosenSuite(run, statement, content, suite, version, session, !fallback)
      : undefined;
  const other = fallback
    ? { version: fallback, suite: offeredSuiteFor(session, fallback, suite) ?? suite }
    : suiteOther;
  const share = content.fields.get('key_share');
  if (version === '1.3' && !share && !forwarded && !fallback) {
    reportMissing(run, statement, 'key_share');
  }
  if (share) {
    session.serverShare = share;
    sendShare(run, share, from, to, forwarded);
  }
  session.facts = { ...session.facts, ...pickOf(version, suite), serverHelloSeen: true };
  const pick = other ? pickOf(other.version, other.suite) : undefined;
  session.alternatives =
    pick &&
    (pick.version !== session.facts.version || pick.keyExchange !== session.facts.keyExchange)
      ? [{ pick, position: session.position }]
      : [];
  // A relay of a hello reported where it was written: this leg may follow any of its offer.
  if (forwarded && (content.versionReported || content.suiteReported)) {
    session.alternatives = otherReadings(session);
  }
}

/**
 * The version ServerHello picks: the one written, else TLS 1.3 when the hello looks like 1.3
 * (after a HelloRetryRequest, with a key share, or when 1.2 was not offered), else TLS 1.2.
 * `fallback` is the client's best offer when the pick is not one of them.
 */
function chosenVersion(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
): { readonly version: TlsVersion; readonly fallback?: TlsVersion } {
  const versionField = statement.forward ? undefined : fieldOf(statement, 'version');
  const written = content.fields.get('version');
  const parsed = written !== undefined ? parseTlsVersion(written) : undefined;
  if (versionField && !parsed) {
    run.log.report(
      diagnostic('TlsBadValue', versionField.valueSpan, {
        what: TLS_TEXT.whatVersion,
        text: versionField.value,
        expected: TLS_TEXT.versions,
      }),
    );
  }
  const offered = session.offeredVersions;
  const version: TlsVersion =
    parsed ??
    (session.facts.retried || content.fields.has('key_share') || !offered.includes('1.2')
      ? '1.3'
      : '1.2');
  if (!parsed || offered.includes(parsed)) return { version };
  const first = offered[offered.length - 1];
  // A relayed hello is judged on this leg too (its client checks it), unless it was already.
  if (!versionField && (content.versionReported || !statement.forward)) {
    return first ? { version, fallback: first } : { version };
  }
  content.versionReported = true;
  const fix =
    first && versionField
      ? replaceWith(TLS_TEXT.fixPickVersion({ version: first }), versionField.valueSpan, first)
      : undefined;
  run.log.report(
    diagnostic(
      'TlsVersionNotOffered',
      versionField?.valueSpan ?? statement.messageSpan,
      {
        version: parsed,
        offered: joinText(
          offered.map((v) => `TLS ${v}`),
          TLS_TEXT.and,
        ),
      },
      fix ? { fix } : {},
    ),
  );
  return first ? { version, fallback: first } : { version };
}

/**
 * The suite ServerHello picks: a known one, offered by the client, fit for the version. When it
 * is not, the other reading of the hello: the offer's suite, or the version the suite is for. A
 * relayed hello is checked on this leg too (its client checks it), unless it was already.
 */
function checkChosenSuite(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  suite: string,
  version: TlsVersion,
  session: Session,
  versionOffered: boolean,
): { readonly version: TlsVersion; readonly suite: string | undefined } | undefined {
  const suiteField = statement.forward ? undefined : fieldOf(statement, 'suite');
  if (keyExchangeOf(suite) === undefined) {
    checkSuites(run, suiteField);
    return undefined;
  }
  const offered = session.offeredSuites;
  if (offered && !offered.some((s) => s.toUpperCase() === suite.toUpperCase())) {
    const first = offered[0];
    const fix =
      first && suiteField
        ? replaceWith(TLS_TEXT.fixPickSuite({ suite: first }), suiteField.valueSpan, first)
        : undefined;
    if (suiteField || (statement.forward && !content.suiteReported && versionOffered)) {
      content.suiteReported = true;
      run.log.report(
        diagnostic(
          'TlsSuiteNotOffered',
          suiteField?.valueSpan ?? statement.messageSpan,
          { suite, offered: offered.join(', ') },
          fix ? { fix } : {},
        ),
      );
    }
    return { version, suite: offeredSuiteFor(session, version) };
  }
  if (suiteField && versionOffered && !suiteFitsVersion(suite, version)) {
    run.log.report(diagnostic('TlsSuiteVersionMismatch', suiteField.valueSpan, { suite, version }));
    const other: TlsVersion = version === '1.3' ? '1.2' : '1.3';
    return session.offeredVersions.includes(other) ? { version: other, suite } : undefined;
  }
  return undefined;
}

/**
 * HS611: every hello carries a fresh random. An attacker that copies the random into a hello it
 * changed is tampering, which the Finished messages catch; a real client repeats its random
 * only in the ClientHello after a HelloRetryRequest of the same handshake (RFC 8446 §4.1.2),
 * where another random is HS627 (retriedHello.ts) and not reported again here.
 */
function checkRandom(
  run: TlsRun,
  statement: TlsMessageStatement,
  random: string,
  session: Session,
  retry: boolean,
): void {
  const earlier = run.randoms.get(random);
  if (!earlier) {
    run.randoms.set(random, { span: statement, session: session.id });
    return;
  }
  const copied = statement.forward !== undefined || run.pki.attackers.has(statement.from.text);
  if (copied || (retry && earlier.session === session.id)) return;
  // A random of a changed retry (HS627 there, or just now): the same mistake again.
  if (isRetriedRandom(session, random)) return;
  run.log.report(
    diagnostic(
      'TlsRandomReused',
      fieldOf(statement, 'random')?.valueSpan ?? statement.messageSpan,
      { name: random, line: lineNumber(run, earlier.span) },
    ),
  );
}

/** The versions a written ClientHello offers; undefined when it names none or is relayed. */
function offeredVersions(run: TlsRun, statement: TlsMessageStatement): TlsVersion[] | undefined {
  const field = fieldOf(statement, 'versions');
  if (!field || statement.forward) return undefined;
  const versions: TlsVersion[] = [];
  for (const item of field.items) {
    const version = parseTlsVersion(item.text);
    if (version) versions.push(version);
    else {
      run.log.report(
        diagnostic('TlsBadValue', item, {
          what: TLS_TEXT.whatVersion,
          text: item.text,
          expected: TLS_TEXT.versions,
        }),
      );
    }
  }
  return versions;
}

/** The versions a relayed ClientHello offers, read from what it copies (judged where written). */
function relayedVersions(content: Content): TlsVersion[] | undefined {
  const written = content.fields.get('versions');
  if (written === undefined) return undefined;
  return written.split(',').flatMap((text) => parseTlsVersion(text) ?? []);
}

/** Every suite named must be one of the IANA names the engine knows. */
function checkSuites(run: TlsRun, field: TlsField | undefined): void {
  for (const item of field?.items ?? []) {
    if (keyExchangeOf(item.text) === undefined) {
      run.log.report(
        diagnostic('TlsBadValue', item, {
          what: TLS_TEXT.whatSuite,
          text: item.text,
          expected: TLS_TEXT.ianaName({
            examples: Object.keys(CIPHER_SUITES).slice(2, 5).join(', '),
          }),
        }),
      );
    }
  }
}
