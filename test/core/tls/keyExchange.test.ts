import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientKeyExchange, noteDerivations, sendShare } from '../../../src/core/tls/keyExchange';
import { newSession } from '../../../src/core/tls/session';
import { newOutcome } from '../../../src/core/tls/tlsRun';
import { analyze } from '../../../src/core/analysis/analyze';
import { HELLO, KEY_EXCHANGE, pki } from '../check/tlsCodeCases';
import { reported, runOf, writtenContent } from './tlsRunFixture';

function rsaSession(run: ReturnType<typeof runOf>['run']) {
  const session = newSession(1, 'client', 'server');
  session.facts = { ...session.facts, version: '1.2', keyExchange: 'RSA' };
  session.clientRandom = 'r1';
  session.serverRandom = 'r2';
  session.serverCert = run.pki.certs.get('c');
  return session;
}

test('a key share is public; only its maker knows the private half, not a relay', () => {
  const { run } = runOf(...pki(), 'endpoint mallory');
  sendShare(run, 's1', 'client', 'server', false);
  sendShare(run, 's2', 'mallory', 'server', true);
  assert.ok(run.knowledge.knows('server', 's1'));
  assert.ok(run.knowledge.knows('client', 's1 (private)'));
  assert.ok(!run.knowledge.knows('server', 's1 (private)'));
  assert.ok(!run.knowledge.knows('mallory', 's2 (private)'));
});

test('RSA: the premaster secret reaches the holder of the key it is encrypted with', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientKeyExchange premaster=pm encrypted=k',
  );
  const session = rsaSession(run);
  clientKeyExchange(run, messages[0]!, writtenContent(messages[0]!), session);
  assert.deepEqual(reported(run), []);
  assert.ok(run.knowledge.knows('client', 'pm'));
  assert.ok(run.knowledge.knows('server', 'pm'));
  const outcome = newOutcome();
  noteDerivations(run, session, ['client', 'server'], outcome);
  assert.deepEqual(
    outcome.derivations.map((d) => [d.endpoint, d.inputs.join(' ')]),
    [
      ['client', 'pm r1 r2'],
      ['server', 'pm r1 r2'],
    ],
  );
  // Each endpoint derives once.
  const again = newOutcome();
  noteDerivations(run, session, ['client', 'server'], again);
  assert.deepEqual(again.derivations, []);
});

test('RSA: encrypting with another key than the certificate’s is fixed to the certificate’s', () => {
  const { run, messages } = runOf(
    ...pki({ extra: ['key other holder=client'] }),
    'client -> server ClientKeyExchange premaster=pm encrypted=other',
  );
  const session = rsaSession(run);
  clientKeyExchange(run, messages[0]!, writtenContent(messages[0]!), session);
  assert.deepEqual(reported(run), ['TlsWrongKey']);
  assert.equal(word(run.log.diagnostics[0]?.fix?.title ?? '', 'en'), 'Encrypt with k');
  assert.ok(!run.knowledge.knows('server', 'pm'));
});

test('RSA: a certificate’s name where the key goes is read as its key, with one diagnostic', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientKeyExchange premaster=pm encrypted=c',
  );
  const session = rsaSession(run);
  clientKeyExchange(run, messages[0]!, writtenContent(messages[0]!), session);
  assert.deepEqual(reported(run), ['TlsWrongKey']);
  const [d] = run.log.diagnostics;
  assert.equal(
    word(d!.message, 'en'),
    'c is a certificate, not a key: the premaster secret is encrypted with the public key the certificate carries, k (the key= of c). Write encrypted=k.',
  );
  assert.match(word(d!.message, 'zh-cn'), /c 是证书，不是密钥/);
  assert.equal(word(d?.fix?.title ?? '', 'en'), 'Encrypt with k');
  // The handshake goes on with k: the server decrypts the premaster secret.
  assert.ok(run.knowledge.knows('server', 'pm'));
  assert.equal(session.premasterKey, 'k');
});

test('RSA: a name never declared, with a certificate accepted: one diagnostic, its key meant', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientKeyExchange premaster=pm encrypted=CERT',
  );
  const session = rsaSession(run);
  clientKeyExchange(run, messages[0]!, writtenContent(messages[0]!), session);
  assert.deepEqual(reported(run), ['TlsWrongKey']);
  assert.ok(run.knowledge.knows('server', 'pm'));
  // Without a certificate to say which key is meant, the name is only unknown.
  const alone = runOf(...pki(), 'client -> server ClientKeyExchange premaster=pm encrypted=CERT');
  const bare = rsaSession(alone.run);
  bare.serverCert = undefined;
  clientKeyExchange(alone.run, alone.messages[0]!, writtenContent(alone.messages[0]!), bare);
  assert.deepEqual(reported(alone.run), ['TlsUnknownName']);
});

test('ECDHE: the client’s share is required', () => {
  const { run, messages } = runOf(...pki(), 'client -> server ClientKeyExchange');
  const session = newSession(1, 'client', 'server');
  session.facts = { ...session.facts, keyExchange: 'ECDHE' };
  clientKeyExchange(run, messages[0]!, writtenContent(messages[0]!), session);
  assert.deepEqual(reported(run), ['TlsMissingField']);
});

test('a whole handshake with encrypted=CERTIFICATE: that one diagnostic, and Finished verifies', () => {
  const text = [...pki(), ...HELLO, ...KEY_EXCHANGE]
    .join('\n')
    .replace('encrypted=k', 'encrypted=c');
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS621'],
  );
});
