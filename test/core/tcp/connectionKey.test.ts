import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { connectionKey, endpointOfKey, LEG, peerOfKey } from '../../../src/core/tcp/connectionKey';
import { newTcb, type Tcb } from '../../../src/core/tcp/tcb';
import type { SegmentStep } from '../../../src/core/tcp/trace';
import { codesAt, lines } from '../../helpers';

/** A TLS-intercepting proxy: the client's connection ends at mallory, which opens its own. */
const PKI = [
  'endpoint client 10.0.0.1:50000',
  'attacker mallory 10.0.0.9:8443',
  'endpoint server 10.0.0.2:443',
  'ca RealCA',
  'ca ProxyCA holder=mallory',
  'key server_key holder=server',
  'key mallory_key holder=mallory',
  'cert real subject=bank.example key=server_key issuer=RealCA',
  'cert forged subject=bank.example key=mallory_key issuer=ProxyCA',
];
const CLIENT_LEG = [
  'mallory listen',
  'server listen',
  'client -> mallory  SYN      seq=100',
  'mallory -> client  SYN ACK  seq=300  ack=101',
  'client -> mallory  ACK      seq=101  ack=301',
];
const SERVER_LEG = [
  'mallory -> server  SYN      seq=500',
  'server -> mallory  SYN ACK  seq=700  ack=501',
  'mallory -> server  ACK      seq=501  ack=701',
];
const CLIENT_TLS = [
  'client -> mallory  ClientHello random=r1 sni=bank.example versions=1.2 suites=TLS_RSA_WITH_AES_128_GCM_SHA256',
  'mallory -> client  ServerHello random=r2 version=1.2 suite=TLS_RSA_WITH_AES_128_GCM_SHA256',
  'mallory -> client  Certificate cert=forged',
  'mallory -> client  ServerHelloDone',
];
const CLIENT_KEYS = [
  'client -> mallory  ClientKeyExchange premaster=pm encrypted=mallory_key',
  'client -> mallory  ChangeCipherSpec',
  'client -> mallory  Finished',
  'mallory -> client  ChangeCipherSpec',
  'mallory -> client  Finished',
];
const SERVER_TLS = [
  'mallory -> server  ClientHello random=r3 sni=bank.example versions=1.2 suites=TLS_RSA_WITH_AES_128_GCM_SHA256',
  'server -> mallory  ServerHello random=r4 version=1.2 suite=TLS_RSA_WITH_AES_128_GCM_SHA256',
  'server -> mallory  Certificate cert=real',
  'server -> mallory  ServerHelloDone',
  'mallory -> server  ClientKeyExchange premaster=pm2 encrypted=server_key',
  'mallory -> server  ChangeCipherSpec',
  'mallory -> server  Finished',
  'server -> mallory  ChangeCipherSpec',
  'server -> mallory  Finished',
];

function segments(text: string): SegmentStep[] {
  return analyze(text).trace.steps.filter((s): s is SegmentStep => s.kind === 'segment');
}

test('an attacker holds one connection with each side, each with its own TCB', () => {
  const text = lines(...PKI, ...CLIENT_LEG, ...SERVER_LEG, 'expect mallory ESTABLISHED');
  assert.deepEqual(codesAt(analyze(text)), []);
  const steps = segments(text);
  // mallory's SYN to the server starts from a CLOSED TCB of its own, while the client's
  // connection with it is ESTABLISHED (RFC 9293 §3.3.1: a connection is its pair of sockets).
  assert.equal(steps[3]?.sender.before.state, 'CLOSED');
  assert.equal(steps[3]?.sender.after.state, 'SYN_SENT');
  assert.equal(steps[2]?.receiver.after.state, 'ESTABLISHED');
  assert.equal(steps[5]?.sender.after.state, 'ESTABLISHED');
  // Each leg has its own numbers: the server's SYN ACK acknowledges mallory's 500, not 100.
  assert.equal(analyze(text).trace.finalStates.get('mallory'), 'ESTABLISHED');
});

test("a mistake on one leg is judged against that leg's numbers only", () => {
  const wrong = lines(
    ...PKI,
    ...CLIENT_LEG,
    'mallory -> server  SYN      seq=500',
    'server -> mallory  SYN ACK  seq=700  ack=501',
    'mallory -> server  ACK      seq=501  ack=301', // the client leg's number
  );
  assert.deepEqual(codesAt(analyze(wrong), ['error']), ['HS101@17:42']);
});

test('an ordinary endpoint still holds one connection (HS211)', () => {
  const text = lines(
    'endpoint client',
    'endpoint proxy',
    'endpoint server',
    'proxy listen',
    'server listen',
    'client -> proxy  SYN      seq=100',
    'proxy -> client  SYN ACK  seq=300  ack=101',
    'client -> proxy  ACK      seq=101  ack=301',
    'proxy -> server  SYN      seq=500',
  );
  assert.deepEqual(codesAt(analyze(text), ['error']), ['HS211@9:10']);
});

test('TLS runs over the leg it names: a hello before that leg is open is HS607', () => {
  const early = lines(...PKI, ...CLIENT_LEG, ...CLIENT_TLS, SERVER_TLS[0] as string, ...SERVER_LEG);
  assert.deepEqual(codesAt(analyze(early), ['error']), ['HS607@19:20']);
  const open = lines(...PKI, ...CLIENT_LEG, ...SERVER_LEG, ...CLIENT_TLS, ...SERVER_TLS);
  assert.deepEqual(codesAt(analyze(open), ['error']), []);
});

test("a client that trusts the proxy's CA completes its handshake with it: HS625", () => {
  const text = lines(
    ...PKI,
    'trust client RealCA ProxyCA',
    ...CLIENT_LEG,
    ...SERVER_LEG,
    ...CLIENT_TLS,
    ...CLIENT_KEYS,
    ...SERVER_TLS,
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS625@27:20']);
});

test("a client that does not trust the proxy's CA rejects the forged certificate", () => {
  const text = lines(
    ...PKI,
    'trust client RealCA',
    ...CLIENT_LEG,
    ...SERVER_LEG,
    ...CLIENT_TLS,
    'client -> mallory  Alert unknown_ca',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS612@21:37']);
});

test('wait 2MSL closes both of its connections in TIME_WAIT', () => {
  const text = lines(
    ...PKI,
    ...CLIENT_LEG,
    ...SERVER_LEG,
    'mallory -> client  FIN ACK  seq=301  ack=101',
    'client -> mallory  FIN ACK  seq=101  ack=302',
    'mallory -> client  ACK      seq=302  ack=102',
    'mallory -> server  FIN ACK  seq=501  ack=701',
    'server -> mallory  FIN ACK  seq=701  ack=502',
    'mallory -> server  ACK      seq=502  ack=702',
    'expect mallory TIME_WAIT',
    'wait 2MSL',
    'expect mallory CLOSED',
  );
  assert.deepEqual(codesAt(analyze(text)), []);
  const wait = analyze(text).trace.steps.find((s) => s.kind === 'wait');
  assert.deepEqual(wait?.kind === 'wait' ? wait.changes.map((c) => c.endpoint) : [], [
    'mallory',
    'mallory',
  ]);
});

test('connectionKey: the first connection under the name, a second peer under its own key', () => {
  const tcbs = new Map<string, Tcb>();
  assert.equal(connectionKey(tcbs, 'client', 'server', false), 'client');
  assert.equal(connectionKey(tcbs, 'mallory', 'client', true), 'mallory');
  tcbs.set('mallory', newTcb({ state: 'LISTEN' }));
  assert.equal(connectionKey(tcbs, 'mallory', 'server', true), 'mallory');
  tcbs.set('mallory', newTcb({ state: 'ESTABLISHED', peer: 'client' }));
  assert.equal(connectionKey(tcbs, 'mallory', 'client', true), 'mallory');
  const leg = connectionKey(tcbs, 'mallory', 'server', true);
  assert.equal(leg, `mallory${LEG}server`);
  assert.equal(endpointOfKey(leg), 'mallory');
  assert.equal(peerOfKey(leg), 'server');
  assert.equal(peerOfKey('mallory'), undefined);
  // A closed first connection is free again, but a peer with its own TCB keeps it.
  tcbs.set(leg, newTcb({ state: 'ESTABLISHED', peer: 'server' }));
  tcbs.set('mallory', newTcb());
  assert.equal(connectionKey(tcbs, 'mallory', 'server', true), leg);
  assert.equal(connectionKey(tcbs, 'mallory', 'client', true), 'mallory');
});
