import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TlsMessageType } from '../../../src/core/protocol/tlsMessageTypes';
import { newSession, type TranscriptEntry } from '../../../src/core/tls/session';
import { newOutcome } from '../../../src/core/tls/tlsRun';
import {
  describeDifference,
  finished,
  inTranscript,
  sameEntry,
} from '../../../src/core/tls/transcript';
import { pki } from '../check/tlsCodeCases';
import { reported, runOf, writtenContent } from './tlsRunFixture';

function entry(
  type: TlsMessageType,
  fields: Record<string, string>,
  where: { sender?: string; session?: number } = {},
): TranscriptEntry {
  return {
    type,
    sender: where.sender ?? 'client',
    session: where.session ?? 1,
    fields: Object.entries(fields).map(([name, value]) => ({ name, value })),
  };
}

test('ChangeCipherSpec, Alert and ApplicationData are not part of the transcript', () => {
  assert.deepEqual(
    (['ClientHello', 'ChangeCipherSpec', 'Alert', 'ApplicationData', 'Finished'] as const).filter(
      inTranscript,
    ),
    ['ClientHello', 'Finished'],
  );
});

test('a relayed copy is the same message: sender and handshake do not count', () => {
  const sent = entry('ClientHello', { random: 'r1' }, { sender: 'client', session: 1 });
  const relayed = entry('ClientHello', { random: 'r1' }, { sender: 'mallory', session: 2 });
  assert.ok(sameEntry(sent, relayed));
});

test('a changed field, a missing field or another MAC makes a different message', () => {
  const hello = entry('ClientHello', { random: 'r1', suites: 'A' });
  assert.ok(!sameEntry(hello, entry('ClientHello', { random: 'r1', suites: 'B' })));
  assert.ok(!sameEntry(hello, entry('ClientHello', { random: 'r1' })));
  assert.ok(!sameEntry(hello, entry('ServerHello', { random: 'r1', suites: 'A' })));
  const mac = (master: string, covers: number) => ({
    ...entry('Finished', {}),
    mac: { master, covers },
  });
  assert.ok(sameEntry(mac('m', 4), mac('m', 4)));
  assert.ok(!sameEntry(mac('m', 4), mac('m', 5)));
  assert.ok(!sameEntry(mac('m', 4), mac('n', 4)));
});

test('the difference names the fields that differ, as each side saw them', () => {
  assert.equal(
    word(
      describeDifference(
        entry('ClientHello', { random: 'r1', suites: 'A' }),
        entry('ClientHello', { random: 'r1', suites: 'B', sni: 'x' }),
        'client',
        'server',
      ),
      'en',
    ),
    'the ClientHello client sent had suites=A no sni=, the one server received suites=B sni=x',
  );
  assert.equal(
    word(
      describeDifference(entry('ClientHello', {}), entry('ServerHello', {}), 'client', 'server'),
      'en',
    ),
    'client saw ClientHello where server saw ServerHello',
  );
});

test('Finished fails when the receiver cannot derive the secret, and fails the handshake', () => {
  const { run, messages } = runOf(...pki(), 'client -> server Finished');
  const session = newSession(1, 'client', 'server');
  const outcome = newOutcome();
  const statement = messages[0]!;
  finished(run, statement, writtenContent(statement), session, outcome);
  assert.deepEqual(reported(run), ['TlsFinishedMismatch']);
  assert.equal(session.failure?.endpoint, 'server');
  assert.equal(session.failure?.alert, 'decrypt_error');
  assert.equal(outcome.failure?.endpoint, 'server');
  assert.ok(!session.established);
});
