import { diagnostic } from '../check/diagnostic';
import { keyExchangeOf } from '../protocol/tlsSuites';
import { parseTlsVersion, TLS_VERSIONS, type TlsVersion } from '../protocol/tlsVersions';
import { fieldOf, type TlsMessageStatement } from '../syntax/tlsTree';
import type { Content, RetryChange, Session } from './session';
import { lineNumber, replaceWith, type TlsRun } from './tlsRun';
import { TLS_TEXT } from './tlsText';

/*
 * RFC 8446 §4.1.2: after a HelloRetryRequest "the client MUST send the same ClientHello without
 * modification", except that it replaces its key share with one for the group the server asked
 * for, drops early_data, adds the server's cookie, updates pre_shared_key and may change its
 * padding. Of what a scenario writes on a ClientHello only key_share is among them: the random,
 * the server name, the versions and the suites are sent again as they were. A server that
 * checks (BoringSSL and s2n-tls do) aborts with an illegal_parameter alert.
 */

/** The ClientHello fields the retried one repeats, in the order they are checked. */
const REPEATED = ['random', 'sni', 'versions', 'suites'] as const;

type Repeated = (typeof REPEATED)[number];

/**
 * Checks a ClientHello after a HelloRetryRequest against the session's first one: each field
 * both wrote and this one changed is reported (HS627, with a fix that writes the first value
 * back), and returned. A relay is judged where it was written, so a forward only returns them.
 * Nothing is compared when the first ClientHello never came, or for a field either left out
 * (the language lets a scenario leave fields out) or gave an unknown value (reported there).
 */
export function checkRetriedHello(
  run: TlsRun,
  statement: TlsMessageStatement,
  content: Content,
  session: Session,
): ReadonlyMap<string, RetryChange> {
  const changes = new Map<string, RetryChange>();
  const first = session.firstHello;
  if (!first) return changes;
  for (const field of REPEATED) {
    const change = changeOf(field, first.content, content, session);
    if (!change) continue;
    changes.set(field, change);
    if (!statement.forward) report(run, statement, first.statement, field, change);
  }
  return changes;
}

/** What the retry changed in `field`, or undefined when it sent it again (or either left it out). */
function changeOf(
  field: Repeated,
  first: Content,
  retry: Content,
  session: Session,
): RetryChange | undefined {
  const was = first.fields.get(field);
  const now = retry.fields.get(field);
  if (was === undefined || now === undefined) return undefined;
  switch (field) {
    case 'random':
      return was === now ? undefined : { first: was, retry: now };
    case 'sni':
      // DNS names compare without regard to case (RFC 4343).
      return was.toLowerCase() === now.toLowerCase() ? undefined : { first: was, retry: now };
    case 'versions': {
      // The first offer as the engine took it: a HelloRetryRequest to a client that did not
      // offer TLS 1.3 was reported there, and the offer taken to include it (tlsOrder.ts).
      const offered = session.offeredVersions;
      const items = now.split(',');
      const versions = items.flatMap((text) => parseTlsVersion(text.trim()) ?? []);
      if (versions.length !== items.length) return undefined;
      if (versions.join(',') === offered.join(',')) return undefined;
      const expected = sameVersions(was, offered) ? was : offered.join(',');
      return { first: expected, retry: now };
    }
    case 'suites': {
      const before = was.split(',').filter(Boolean);
      const after = now.split(',').filter(Boolean);
      if ([...before, ...after].some((s) => keyExchangeOf(s) === undefined)) return undefined;
      const same =
        before.length === after.length &&
        before.every((s, i) => s.toUpperCase() === (after[i] ?? '').toUpperCase());
      return same ? undefined : { first: was, retry: now };
    }
  }
}

/** `written` offers exactly `offered`, in that order. */
function sameVersions(written: string, offered: readonly TlsVersion[]): boolean {
  const parsed = written.split(',').map((text) => parseTlsVersion(text.trim()));
  return parsed.join(',') === offered.join(',');
}

function report(
  run: TlsRun,
  statement: TlsMessageStatement,
  firstStatement: TlsMessageStatement,
  field: Repeated,
  change: RetryChange,
): void {
  const written = fieldOf(statement, field);
  if (!written) return;
  const firstField = fieldOf(firstStatement, field);
  const fix = replaceWith(
    TLS_TEXT.fixRepeatFirstHello({ field, value: change.first }),
    written.valueSpan,
    change.first,
  );
  run.log.report(
    diagnostic(
      'TlsRetryChanged',
      written.valueSpan,
      {
        field,
        value: change.retry,
        first: change.first,
        line: lineNumber(run, firstStatement),
      },
      {
        fix,
        related: [
          {
            span: firstField?.valueSpan ?? firstStatement.messageSpan,
            message: TLS_TEXT.firstHelloSent({ field, value: change.first }),
          },
        ],
      },
    ),
  );
}

/**
 * After a changed retry (reported once) the engine plays along with either hello, since the
 * messages after it may follow either: the server may pick from either offer, either random is
 * the client's (the first one stays its name in the keys), and the certificate may be for either
 * name (certificateCheck.ts reads the session's `retryChanges`).
 */
export function keepBothHellos(session: Session, changes: ReadonlyMap<string, RetryChange>): void {
  if (changes.size === 0) return;
  const random = changes.get('random');
  if (random) session.clientRandom = random.first;
  const sni = changes.get('sni');
  if (sni) session.sni = sni.first;
  const suites = changes.get('suites');
  if (suites) {
    const both = [...suites.first.split(','), ...suites.retry.split(',')].filter(Boolean);
    session.offeredSuites = both.filter(
      (s, i) => both.findIndex((t) => t.toUpperCase() === s.toUpperCase()) === i,
    );
  }
  const versions = changes.get('versions');
  if (versions) {
    const both = new Set(
      [...versions.first.split(','), ...versions.retry.split(',')].flatMap(
        (text) => parseTlsVersion(text.trim()) ?? [],
      ),
    );
    session.offeredVersions = TLS_VERSIONS.filter((v) => both.has(v));
    session.facts = { ...session.facts, offers13: both.has('1.3') };
  }
}

/** A random either hello of a changed retry sent: using it again is that mistake, not a new one. */
export function isRetriedRandom(session: Session, random: string): boolean {
  const change = session.retryChanges?.get('random');
  return change !== undefined && (change.first === random || change.retry === random);
}
