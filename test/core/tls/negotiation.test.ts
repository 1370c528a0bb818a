import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientHello, serverHello } from '../../../src/core/tls/negotiation';
import { newSession } from '../../../src/core/tls/session';
import { pki } from '../check/tlsCodeCases';
import { reported, runOf, writtenContent } from './tlsRunFixture';

const RSA = 'TLS_RSA_WITH_AES_128_GCM_SHA256';
const TLS13 = 'TLS_AES_128_GCM_SHA256';

test('the ClientHello’s offer is recorded in the session, and its random made public', () => {
  const { run, messages } = runOf(
    ...pki(),
    `client -> server ClientHello random=r1 sni=bank.example versions=1.2,1.3 suites=${RSA},${TLS13}`,
  );
  const session = newSession(1, 'client', 'server');
  clientHello(run, messages[0]!, writtenContent(messages[0]!), session);
  assert.deepEqual(reported(run), []);
  assert.deepEqual(session.offeredVersions, ['1.2', '1.3']);
  assert.deepEqual(session.offeredSuites, [RSA, TLS13]);
  assert.equal(session.sni, 'bank.example');
  assert.equal(session.facts.offers13, true);
  assert.ok(run.knowledge.knows('server', 'r1'));
});

test('a ClientHello without versions offers TLS 1.3 only with a key share', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientHello random=r1',
    'client -> server ClientHello random=r3 key_share=c1',
  );
  const plain = newSession(1, 'client', 'server');
  clientHello(run, messages[0]!, writtenContent(messages[0]!), plain);
  assert.deepEqual(plain.offeredVersions, ['1.2']);
  const with13 = newSession(2, 'client', 'server');
  clientHello(run, messages[1]!, writtenContent(messages[1]!), with13);
  assert.deepEqual(with13.offeredVersions, ['1.2', '1.3']);
  assert.ok(run.knowledge.knows('client', 'c1 (private)'));
  assert.ok(!run.knowledge.knows('server', 'c1 (private)'));
});

test('ServerHello must pick from the offer; the fixes pick the client’s choice', () => {
  const { run, messages } = runOf(
    ...pki(),
    `client -> server ClientHello random=r1 versions=1.2 suites=${RSA}`,
    'server -> client ServerHello random=r2 version=1.3 suite=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  );
  const session = newSession(1, 'client', 'server');
  clientHello(run, messages[0]!, writtenContent(messages[0]!), session);
  serverHello(run, messages[1]!, writtenContent(messages[1]!), session);
  // No key_share is what TLS 1.3 would need: that follows from the version, reported already.
  assert.deepEqual(reported(run), ['TlsVersionNotOffered', 'TlsSuiteNotOffered']);
  assert.deepEqual(
    run.log.diagnostics.map((d) => d.fix && word(d.fix.title, 'en')),
    ['Pick TLS 1.2', `Pick ${RSA}`],
  );
  assert.equal(session.facts.version, '1.3');
  assert.equal(session.facts.keyExchange, 'TLS13');
});

test('ServerHello without a version picks TLS 1.2 with RSA unless the hello looks like 1.3', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientHello random=r1',
    'server -> client ServerHello random=r2',
  );
  const session = newSession(1, 'client', 'server');
  clientHello(run, messages[0]!, writtenContent(messages[0]!), session);
  serverHello(run, messages[1]!, writtenContent(messages[1]!), session);
  assert.deepEqual(reported(run), []);
  assert.equal(session.facts.version, '1.2');
  assert.equal(session.facts.keyExchange, 'RSA');
  assert.equal(session.facts.serverHelloSeen, true);
});

test('a random reused by a real endpoint in another hello is reported', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientHello random=r1',
    'server -> client ServerHello random=r1',
  );
  const session = newSession(1, 'client', 'server');
  clientHello(run, messages[0]!, writtenContent(messages[0]!), session);
  serverHello(run, messages[1]!, writtenContent(messages[1]!), session);
  assert.deepEqual(reported(run), ['TlsRandomReused']);
});
