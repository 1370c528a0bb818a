import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  certificate,
  checkSignature,
  rejectionReason,
} from '../../../src/core/tls/certificateCheck';
import { newSession } from '../../../src/core/tls/session';
import { newOutcome } from '../../../src/core/tls/tlsRun';
import { pki } from '../check/tlsCodeCases';
import { reported, runOf, writtenContent } from './tlsRunFixture';

function helloSession(sni = 'bank.example') {
  const session = newSession(1, 'client', 'server');
  session.sni = sni;
  return session;
}

test('the client accepts a certificate its CA signed for the name it asked', () => {
  const { run, messages } = runOf(...pki(), 'server -> client Certificate cert=c');
  const session = helloSession();
  const outcome = newOutcome();
  certificate(run, messages[0]!, writtenContent(messages[0]!), session, outcome);
  assert.deepEqual(reported(run), []);
  assert.equal(session.serverCert?.name, 'c');
  assert.equal(outcome.certificateCheck?.endpoint, 'client');
  assert.equal(outcome.certificateCheck?.verdict.kind, 'CertVerified');
  assert.equal(outcome.failure, undefined);
});

test('a rejected certificate fails the handshake: the client owes the verdict’s alert', () => {
  const { run, messages } = runOf(...pki(), 'server -> client Certificate cert=c');
  const session = helloSession('other.example');
  const outcome = newOutcome();
  certificate(run, messages[0]!, writtenContent(messages[0]!), session, outcome);
  assert.deepEqual(reported(run), ['CertNameMismatch']);
  assert.equal(session.failure?.endpoint, 'client');
  assert.equal(session.failure?.alert, 'bad_certificate');
  assert.equal(
    word(outcome.failure?.text ?? '', 'en'),
    '✗ certificate is for another name: client sends Alert bad_certificate',
  );
});

test('a client certificate is recorded, not checked', () => {
  const { run, messages } = runOf(...pki(), 'client -> server Certificate cert=c');
  const session = helloSession('other.example');
  const outcome = newOutcome();
  certificate(run, messages[0]!, writtenContent(messages[0]!), session, outcome);
  assert.deepEqual(reported(run), []);
  assert.equal(session.clientCert?.name, 'c');
  assert.equal(session.facts.clientCertificateSent, true);
  assert.equal(outcome.certificateCheck, undefined);
});

test('only the holder of the certificate’s key can sign with it', () => {
  const { run, messages } = runOf(
    ...pki(),
    'endpoint mallory',
    'server -> client CertificateVerify',
    'mallory -> client CertificateVerify',
  );
  const cert = run.pki.certs.get('c');
  const good = newOutcome();
  const session = helloSession();
  checkSignature(run, messages[0]!, writtenContent(messages[0]!), session, cert, good);
  assert.deepEqual(reported(run), []);
  const bad = newOutcome();
  const content = writtenContent(messages[1]!);
  checkSignature(run, messages[1]!, content, session, cert, bad);
  assert.deepEqual(reported(run), ['TlsSignatureNotHolder']);
  assert.deepEqual(content.signature, { valid: false, signer: 'mallory', key: 'k' });
  assert.equal(session.failure?.alert, 'decrypt_error');
});

test('each rejection has a short reason for the failure note', () => {
  const kinds = [
    'CertSelfSigned',
    'CertUntrustedIssuer',
    'CertBadSignature',
    'CertNameMismatch',
    'CertExpired',
    'CertNotYetValid',
  ] as const;
  const reasons = kinds.map((kind) => word(rejectionReason(kind), 'en'));
  assert.equal(new Set(reasons).size, kinds.length);
  assert.equal(word(rejectionReason('CertExpired'), 'en'), 'certificate expired');
});
