import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newSession } from '../../../src/core/tls/session';
import { failHandshake, newOutcome } from '../../../src/core/tls/tlsRun';
import { pki } from '../check/tlsCodeCases';
import { runOf } from './tlsRunFixture';

test('a run starts with each key holder knowing its private key', () => {
  const { run } = runOf(...pki());
  assert.ok(run.knowledge.knows('server', 'k (private)'));
  assert.ok(!run.knowledge.knows('client', 'k (private)'));
  assert.equal(run.sessionCount, 0);
});

test('the PKI’s problems are the run’s first diagnostics, and errors are counted', () => {
  const { run } = runOf(...pki({ cert: 'cert c subject=bank.example key=missing issuer=CA' }));
  assert.ok(run.log.diagnostics.length > 0);
  assert.equal(run.log.errors, run.log.diagnostics.filter((d) => d.severity === 'error').length);
});

test('only the first failure of a handshake counts', () => {
  const session = newSession(1, 'client', 'server');
  const first = newOutcome();
  failHandshake(
    first,
    session,
    { start: 1, end: 2 },
    {
      endpoint: 'client',
      reason: 'issuer not trusted',
      alert: 'unknown_ca',
    },
  );
  const second = newOutcome();
  failHandshake(
    second,
    session,
    { start: 3, end: 4 },
    {
      endpoint: 'server',
      reason: 'Finished does not verify',
      alert: 'decrypt_error',
    },
  );
  assert.equal(session.failure?.endpoint, 'client');
  assert.equal(
    word(first.failure?.text ?? '', 'en'),
    '✗ issuer not trusted: client sends Alert unknown_ca',
  );
  assert.equal(second.failure, undefined);
});
