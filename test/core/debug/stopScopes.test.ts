import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { DebugTrace } from '../../../src/core/debug/debugTrace';
import { conditionErrorText, stopScopes } from '../../../src/core/debug/stopScopes';

function example(name: string): DebugTrace {
  const text = readFileSync(`examples/${name}.handshake`, 'utf8');
  return new DebugTrace(text, analyze(text));
}

test('one scope per endpoint, then the step', () => {
  const trace = example('tcpdump-handshake');
  const scopes = stopScopes(trace, 1, 'en');
  assert.deepEqual(
    scopes.map((s) => s.name),
    ['client', 'server', 'Step'],
  );
  const client = Object.fromEntries(scopes[0]!.variables.map((v) => [v.name, v.value]));
  assert.equal(client.state, 'SYN_SENT');
  assert.equal(client['SND.NXT'], '3626544837');
  assert.equal(client['RCV.NXT'], '(none)');
});

test('TLS knowledge is an expandable part of each endpoint', () => {
  const trace = example('https-rsa');
  const last = trace.stops.length - 1;
  const server = stopScopes(trace, last, 'en')[1]!;
  const tls = server.variables.find((v) => v.name === 'TLS');
  const premaster = tls?.children?.find((v) => v.name === 'premaster secret');
  assert.equal(premaster?.value, 'pm');
});

test('the step scope lists its problems', () => {
  const trace = example('mistakes');
  const stop = trace.stops.find((s) => s.hasError)!;
  const step = stopScopes(trace, stop.index, 'en').at(-1)!;
  const problems = step.variables.find((v) => v.name === 'problems');
  assert.ok(problems?.children?.some((c) => c.name === 'error HS101'));
});

test('words in 简体中文, protocol names as the RFCs write them', () => {
  const trace = example('https-rsa');
  const scopes = stopScopes(trace, trace.stops.length - 1, 'zh-cn');
  assert.equal(scopes.at(-1)?.name, '步骤');
  assert.ok(scopes[0]!.variables.some((v) => v.name === 'SND.NXT'));
  assert.match(conditionErrorText({ kind: 'unknownName', name: 'foo' }, 'zh-cn'), /foo/);
  assert.equal(conditionErrorText({ kind: 'end' }, 'en'), 'the condition ends too early');
});
