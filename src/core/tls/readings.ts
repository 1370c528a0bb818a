import { placeMessage, SERVER_HELLO_SLOT, type PlanResult } from './handshakePlan';
import type { TlsMessageType } from '../protocol/tlsMessageTypes';
import { keyExchangeOf, suiteFitsVersion, type KeyExchange } from '../protocol/tlsSuites';
import type { TlsVersion } from '../protocol/tlsVersions';
import type { Reading, Session } from './session';

/*
 * Readings of a handshake: a ServerHello outside the client's offer (reported once), or one that
 * never came, leaves open which version and key exchange the scenario then follows. The session
 * keeps the other readings beside its current one; the first message that fits another reading
 * and not the current one switches to it, so the lines after one mistake are judged the way
 * they were written, not flagged one by one.
 */

/**
 * Every version and key exchange the client's offer allows, other than the session's current
 * one, each as a reading from the session's position.
 */
export function otherReadings(session: Session): Reading[] {
  const picks = session.offeredVersions.flatMap((version) => {
    const suites = (session.offeredSuites ?? []).filter(
      (s) => keyExchangeOf(s) !== undefined && suiteFitsVersion(s, version),
    );
    return suites.length > 0 ? suites.map((s) => pickOf(version, s)) : [pickOf(version, undefined)];
  });
  const seen = new Set([`${session.facts.version} ${session.facts.keyExchange}`]);
  const readings: Reading[] = [];
  for (const pick of picks) {
    const key = `${pick.version} ${pick.keyExchange}`;
    if (seen.has(key)) continue;
    seen.add(key);
    readings.push({ pick, position: session.position });
  }
  return readings;
}

/** The version and key exchange a pick of `suite` in `version` makes. */
export function pickOf(
  version: TlsVersion,
  suite: string | undefined,
): { readonly version: TlsVersion; readonly keyExchange: KeyExchange } {
  const kex = version === '1.3' ? 'TLS13' : ((suite ? keyExchangeOf(suite) : undefined) ?? 'RSA');
  return { version, keyExchange: kex === 'TLS13' && version !== '1.3' ? 'RSA' : kex };
}

/** `preferred` when the client offered it and it fits `version`, else the first offered that does. */
export function offeredSuiteFor(
  session: Session,
  version: TlsVersion,
  preferred?: string,
): string | undefined {
  const fits = (s: string) => keyExchangeOf(s) !== undefined && suiteFitsVersion(s, version);
  const offered = session.offeredSuites ?? [];
  const match = offered.find((s) => s.toUpperCase() === preferred?.toUpperCase());
  return match && fits(match) ? match : offered.find(fits);
}

/**
 * Places the message in the session's reading of its ServerHello and, when that hello was outside
 * the offer (or never came), in the other readings too: the first message that only another
 * reading takes switches to it; readings that cannot take a message the current one takes drop.
 */
export function placeInReadings(
  session: Session,
  message: TlsMessageType,
  role: 'client' | 'server',
): PlanResult {
  const { skipped, misplaced } = session;
  const placed = placeMessage(session.position, message, role, session.facts, skipped, misplaced);
  if (session.alternatives.length === 0) return placed;
  const others = session.alternatives.map((reading) => {
    const facts = { ...session.facts, ...reading.pick };
    return {
      reading,
      facts,
      result: placeMessage(reading.position, message, role, facts, skipped, misplaced),
    };
  });
  const better = placed.ok ? undefined : others.find((o) => o.result.ok);
  if (better) {
    session.facts = better.facts;
    // The other readings that take it too stay, for the messages after it to decide.
    session.alternatives = others
      .filter((o) => o !== better && o.result.ok)
      .map((o) => {
        o.reading.position = o.result.next ?? o.reading.position;
        return o.reading;
      });
    return better.result;
  }
  session.alternatives = others
    .filter((o) => !placed.ok || o.result.ok)
    .map((o) => {
      if (o.result.next !== undefined) o.reading.position = o.result.next;
      return o.reading;
    });
  return placed;
}

/** Messages that open a handshake: the others need a ServerHello before them. */
const HELLOS: ReadonlySet<TlsMessageType> = new Set([
  'ClientHello',
  'HelloRetryRequest',
  'ServerHello',
]);

/** True when `message` needs a ServerHello before it and the handshake has had none. */
export function missesServerHello(session: Session, message: TlsMessageType): boolean {
  return !session.facts.serverHelloSeen && !HELLOS.has(message);
}

/**
 * A handshake that goes on without its ServerHello is taken to have had one that picked from the
 * offer: the best version and the first suite offered for it, with every other pick the offer
 * allows as another reading (the messages decide, as for a pick outside the offer). The
 * ServerHello, if it comes later, fills its slot.
 */
export function assumeServerHello(session: Session): void {
  const offered = session.offeredVersions;
  const best: TlsVersion = offered.includes('1.3') ? '1.3' : '1.2';
  session.facts = {
    ...session.facts,
    ...pickOf(best, offeredSuiteFor(session, best)),
    serverHelloSeen: true,
  };
  session.position = Math.max(session.position, SERVER_HELLO_SLOT + 1);
  session.skipped.add(SERVER_HELLO_SLOT);
  session.alternatives = otherReadings(session);
}
