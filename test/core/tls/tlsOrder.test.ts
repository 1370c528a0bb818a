import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newSession } from '../../../src/core/tls/session';
import {
  checkEndpoints,
  isCompatibilityCcs,
  place,
  sessionFor,
  stillOpen,
} from '../../../src/core/tls/tlsOrder';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines } from '../../helpers';
import { pki } from '../check/tlsCodeCases';
import { reported, runOf, writtenContent } from './tlsRunFixture';

test('a message needs two different declared endpoints', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> nobody ClientHello random=r1',
    'client -> client ClientHello random=r1',
    'client -> server ClientHello random=r1',
  );
  assert.deepEqual(
    messages.map((m) => checkEndpoints(run, m)),
    [false, false, true],
  );
  assert.deepEqual(reported(run), ['UnknownEndpoint', 'SegmentToSelf']);
});

test('a ClientHello starts a handshake, numbered in order; other messages need one', () => {
  const { run, messages } = runOf(
    ...pki(),
    'client -> server ClientHello random=r1',
    'server -> client ServerHello random=r2',
  );
  const [hello, answer] = messages.map((m) => [m, writtenContent(m)] as const);
  const session = sessionFor(run, hello![0], hello![1]);
  assert.equal(session.id, 1);
  assert.equal(session.client, 'client');
  assert.equal(sessionFor(run, answer![0], answer![1]), session);
  session.established = true;
  assert.equal(sessionFor(run, hello![0], hello![1]).id, 2);
  assert.deepEqual(reported(run), []);
});

test('a message before any ClientHello is reported once and starts a handshake without it', () => {
  const { run, messages } = runOf(
    ...pki(),
    'server -> client ServerHello random=r2',
    'server -> client Certificate cert=c',
  );
  const [early, next] = messages.map((m) => [m, writtenContent(m)] as const);
  const session = sessionFor(run, early![0], early![1]);
  assert.deepEqual(reported(run), ['TlsOutOfOrder']);
  assert.equal(session.client, 'client');
  // The ClientHello's slot is passed over: a late ClientHello takes it without a complaint.
  assert.deepEqual([session.position, [...session.skipped]], [1, [0]]);
  assert.equal(sessionFor(run, next![0], next![1]), session);
  assert.deepEqual(reported(run), ['TlsOutOfOrder']);
});

test('after a failure the endpoint that noticed should send the alert: told once, with a fix', () => {
  const { run, messages } = runOf(...pki(), 'client -> server ClientKeyExchange premaster=pm');
  const session = newSession(1, 'client', 'server');
  session.failure = {
    span: { start: 0, end: 1 },
    endpoint: 'client',
    reason: 'issuer not trusted',
    alert: 'unknown_ca',
  };
  // Told once; then the engine plays along, as if the check had passed.
  assert.equal(stillOpen(run, messages[0]!, session), true);
  assert.equal(session.failure, undefined);
  assert.equal(stillOpen(run, messages[0]!, session), true);
  assert.deepEqual(reported(run), ['TlsContinuesAfterFailure']);
  assert.equal(
    word(run.log.diagnostics[0]?.fix?.title ?? '', 'en'),
    'Send Alert unknown_ca instead',
  );
  assert.equal(run.log.diagnostics[0]?.fix?.edits[0]?.newText, 'Alert unknown_ca');
});

test('a TLS 1.2 Finished before the sender’s ChangeCipherSpec gets a fix that inserts it', () => {
  const { run, messages } = runOf(...pki(), 'client -> server Finished');
  const session = newSession(1, 'client', 'server');
  session.facts = { ...session.facts, version: '1.2' };
  place(run, messages[0]!, session, 'client');
  const fix = run.log.diagnostics.find((d) => d.kind === 'TlsFinishedBeforeCcs')?.fix;
  assert.equal(word(fix?.title ?? '', 'zh-cn'), '先发送 ChangeCipherSpec');
  assert.equal(fix?.edits[0]?.newText, 'client -> server  ChangeCipherSpec\n');
});

test('a ChangeCipherSpec is TLS 1.3’s compatibility one once 1.3 is chosen or offered', () => {
  const session = newSession(1, 'client', 'server');
  assert.equal(isCompatibilityCcs(session), false);
  session.facts = { ...session.facts, offers13: true };
  assert.equal(isCompatibilityCcs(session), true);
  session.facts = { ...session.facts, version: '1.2' };
  assert.equal(isCompatibilityCcs(session), false);
  session.facts = { ...session.facts, version: '1.3' };
  assert.equal(isCompatibilityCcs(session), true);
});

test('a Finished and ChangeCipherSpec swapped: the fix moves the ChangeCipherSpec up', () => {
  const text = lines(
    ...pki(),
    'client -> server ClientHello random=r1 sni=bank.example',
    'server -> client ServerHello random=r2 version=1.2 suite=TLS_RSA_WITH_AES_128_GCM_SHA256',
    'server -> client Certificate cert=c',
    'server -> client ServerHelloDone',
    'client -> server ClientKeyExchange premaster=pm encrypted=k',
    'client -> server Finished',
    'client -> server ChangeCipherSpec',
  );
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS620');
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.equal(
    fixed,
    text.replace(
      'client -> server Finished\nclient -> server ChangeCipherSpec\n',
      'client -> server  ChangeCipherSpec\nclient -> server Finished\n',
    ),
  );
  assert.deepEqual(analyze(fixed).diagnostics, []);
});
