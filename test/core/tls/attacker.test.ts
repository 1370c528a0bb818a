import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkAttack,
  forwardedContent,
  mitmOf,
  rememberReceived,
} from '../../../src/core/tls/attacker';
import { newSession } from '../../../src/core/tls/session';
import { MITM_PKI } from '../check/tlsCodeCases';
import { reported, runOf, writtenContent } from './tlsRunFixture';

test('only an attacker relays, and only what it has received', () => {
  const { run, messages } = runOf(
    ...MITM_PKI,
    'client -> mallory ClientHello random=r1',
    'client -> server forward ClientHello',
    'mallory -> server forward ServerHello',
    'mallory -> server forward ClientHello',
  );
  const hello = writtenContent(messages[0]!);
  rememberReceived(run, 'mallory', hello);
  assert.equal(forwardedContent(run, messages[1]!), undefined);
  // Reported; the engine then plays along with a ServerHello that carries nothing.
  assert.deepEqual(forwardedContent(run, messages[2]!), {
    message: 'ServerHello',
    fields: new Map(),
  });
  assert.deepEqual(reported(run), ['TlsNothingToForward', 'TlsNothingToForward']);
  assert.equal(forwardedContent(run, messages[3]!), hello);
});

test('both legs of a man in the middle name the attacker', () => {
  const { run } = runOf(...MITM_PKI);
  assert.deepEqual(mitmOf(run, newSession(1, 'client', 'mallory')), { mitm: 'mallory' });
  assert.deepEqual(mitmOf(run, newSession(2, 'mallory', 'server')), { mitm: 'mallory' });
  assert.deepEqual(mitmOf(run, newSession(3, 'client', 'server')), {});
});

test('the attack succeeds when the attacker holds the keys of the victim’s handshake', () => {
  const { run, messages } = runOf(...MITM_PKI, 'mallory -> client Finished');
  const session = newSession(1, 'client', 'mallory');
  session.facts = { ...session.facts, keyExchange: 'RSA' };
  session.clientRandom = 'r1';
  session.serverRandom = 'r2';
  session.premaster = 'pm';
  checkAttack(run, messages[0]!, session);
  assert.deepEqual(reported(run), []);
  run.knowledge.learn('mallory', 'pm');
  checkAttack(run, messages[0]!, session);
  assert.deepEqual(reported(run), ['MitmSucceeds']);
  assert.equal(session.compromisedBy, 'mallory');
});
