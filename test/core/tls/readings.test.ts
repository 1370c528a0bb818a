import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assumeServerHello,
  missesServerHello,
  offeredSuiteFor,
  otherReadings,
  pickOf,
  placeInReadings,
} from '../../../src/core/tls/readings';
import { newSession, type Session } from '../../../src/core/tls/session';

const RSA = 'TLS_RSA_WITH_AES_128_GCM_SHA256';
const ECDHE = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';

/** A handshake after a ClientHello that offered `versions` and `suites`. */
function offered(versions: Session['offeredVersions'], suites: string[]): Session {
  const session = newSession(1, 'client', 'server');
  session.offeredVersions = versions;
  session.offeredSuites = suites;
  session.position = 1;
  session.facts = { ...session.facts, offers13: versions.includes('1.3') };
  return session;
}

/** Places the message as `place` in tlsOrder.ts does: the position follows. */
function take(session: Session, message: Parameters<typeof placeInReadings>[1]): boolean {
  const placed = placeInReadings(session, message, 'server');
  if (placed.next !== undefined) session.position = placed.next;
  return placed.ok;
}

test('a pick is a version and the key exchange its suite names (TLS 1.3: its own)', () => {
  assert.deepEqual(pickOf('1.3', RSA), { version: '1.3', keyExchange: 'TLS13' });
  assert.deepEqual(pickOf('1.2', ECDHE), { version: '1.2', keyExchange: 'ECDHE' });
  assert.deepEqual(pickOf('1.2', 'TLS_AES_128_GCM_SHA256'), { version: '1.2', keyExchange: 'RSA' });
});

test('the suite taken from an offer: the preferred one when offered and fit, else the first fit', () => {
  const session = offered(['1.2'], [ECDHE, RSA]);
  assert.equal(offeredSuiteFor(session, '1.2', RSA), RSA);
  assert.equal(offeredSuiteFor(session, '1.2', 'TLS_AES_128_GCM_SHA256'), ECDHE);
  assert.equal(offeredSuiteFor(session, '1.3'), undefined);
});

test('a handshake without its ServerHello takes the best offer and keeps the others open', () => {
  const session = offered(['1.2'], [ECDHE, RSA]);
  assert.equal(missesServerHello(session, 'Certificate'), true);
  assert.equal(missesServerHello(session, 'ServerHello'), false);
  assumeServerHello(session);
  assert.deepEqual([session.facts.version, session.facts.keyExchange], ['1.2', 'ECDHE']);
  assert.deepEqual(
    otherReadings(session).map((r) => r.pick),
    [{ version: '1.2', keyExchange: 'RSA' }],
  );
  assert.ok(session.skipped.has(3));
});

test('the first message only another reading takes switches to it', () => {
  const session = offered(['1.2'], [ECDHE, RSA]);
  assumeServerHello(session);
  assert.equal(take(session, 'Certificate'), true);
  assert.equal(session.alternatives.length, 1);
  // ECDHE wants a ServerKeyExchange first; RSA takes ServerHelloDone as it comes.
  assert.equal(take(session, 'ServerHelloDone'), true);
  assert.equal(session.facts.keyExchange, 'RSA');
  assert.deepEqual(session.alternatives, []);
});

test('a reading that cannot take a message the current one takes is dropped', () => {
  const session = offered(['1.2'], [ECDHE, RSA]);
  assumeServerHello(session);
  take(session, 'Certificate');
  assert.equal(take(session, 'ServerKeyExchange'), true);
  assert.equal(session.facts.keyExchange, 'ECDHE');
  assert.deepEqual(session.alternatives, []);
});
