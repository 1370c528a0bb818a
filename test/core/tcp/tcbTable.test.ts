import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TcbTable } from '../../../src/core/tcp/tcbTable';
import { newTcb } from '../../../src/core/tcp/tcb';
import { seqValue } from '../../../src/core/tcp/seqValue';

test('an endpoint without a TCB reads as CLOSED, and reading makes none', () => {
  const tcbs = new TcbTable(4);
  assert.equal(tcbs.tcb('client').state, 'CLOSED');
  assert.deepEqual([...tcbs.all.keys()], []);
  tcbs.own('client');
  assert.deepEqual([...tcbs.all.keys()], ['client']);
});

test('a view is taken anew only when something in the TCB moved', () => {
  const tcbs = new TcbTable(4);
  const first = tcbs.view('client');
  assert.equal(tcbs.view('client'), first);
  tcbs.own('client').sndNxt = seqValue(1001);
  const moved = tcbs.view('client');
  assert.notEqual(moved, first);
  assert.deepEqual(tcbs.views.get(moved).sndNxt, seqValue(1001));
  assert.equal(tcbs.view('client'), moved);
});

test('each endpoint keeps its own last view', () => {
  const tcbs = new TcbTable(4);
  const client = tcbs.view('client');
  const server = tcbs.view('server');
  assert.notEqual(client, server);
  tcbs.replace('server', newTcb({ state: 'LISTEN', listening: true }));
  assert.equal(tcbs.view('client'), client);
  assert.equal(tcbs.views.get(tcbs.view('server')).state, 'LISTEN');
});
