import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { codesAt, lines } from '../../helpers';
import { CLIENT_HELLO, HELLO, KEY_EXCHANGE, pki } from '../check/tlsCodeCases';

/*
 * One mistake, one diagnostic (issue 18, point 3): after a reported mistake the engine goes on
 * as the scenario does, so the correct lines after it are not flagged again.
 */

const TCP = [
  'server listen',
  'client -> server SYN seq=x',
  'server -> client SYN ACK seq=y ack=x+1',
  'client -> server ACK seq=x+1 ack=y+1',
];
const DATA = ['client -> server ApplicationData "GET /"', 'server -> client ApplicationData "OK"'];

function errors(...text: string[]): string[] {
  return codesAt(analyze(lines(...text)), ['error']);
}

test('a correct handshake with data is silent (the base of the cases below)', () => {
  assert.deepEqual(errors(...pki(), ...TCP, ...HELLO, ...KEY_EXCHANGE, ...DATA), []);
});

test('a client that goes on after rejecting the certificate is told once, at its next message', () => {
  const expired = pki({
    cert: 'cert c subject=bank.example key=k issuer=CA notAfter=2026-01-01',
    extra: ['date 2026-11-26'],
  });
  assert.deepEqual(errors(...expired, ...HELLO, ...KEY_EXCHANGE, ...DATA), ['HS618@12:18']);
});

test('ClientKeyExchange before ServerHelloDone: the ServerHelloDone after it is fine', () => {
  const [hello, serverHello, certificate, done] = HELLO as [string, string, string, string];
  const [exchange, ...rest] = KEY_EXCHANGE as [string, ...string[]];
  const text = [hello, serverHello, certificate, exchange, done, ...rest, ...DATA];
  assert.deepEqual(errors(...pki(), ...text), ['HS606@10:18']);
});

test('Finished before ChangeCipherSpec: the ChangeCipherSpec after it is not out of order too', () => {
  const [exchange, ccs, fin, ...rest] = KEY_EXCHANGE as [string, string, string, ...string[]];
  assert.deepEqual(errors(...pki(), ...HELLO, exchange, fin, ccs, ...rest, ...DATA), [
    'HS620@12:18',
  ]);
});

test('premaster encrypted with a key the server does not hold: one HS621, no failure after it', () => {
  const text = [
    ...pki({ extra: ['key other'] }),
    ...HELLO,
    'client -> server ClientKeyExchange premaster=pm encrypted=other',
    ...KEY_EXCHANGE.slice(1),
    ...DATA,
  ];
  assert.deepEqual(errors(...text), ['HS621@12:59']);
});

test('an undeclared key for the premaster, with the server certificate known: one HS621 naming its key', () => {
  const text = [
    ...pki(),
    ...HELLO,
    'client -> server ClientKeyExchange premaster=pm encrypted=nokey',
    ...KEY_EXCHANGE.slice(1),
    ...DATA,
  ];
  // The certificate says which key was meant (its fix writes it): no HS603 as well.
  assert.deepEqual(errors(...text), ['HS621@11:59']);
});

test('TLS over a TCP connection that never opened: HS607 once, on the first TLS line', () => {
  const text = [...pki(), 'server listen', ...HELLO, ...KEY_EXCHANGE, ...DATA];
  // `server listen` alone has no segment, so there is no connection to check: the SYN makes one.
  assert.deepEqual(errors(...pki(), ...TCP.slice(0, 2), ...HELLO, ...KEY_EXCHANGE, ...DATA), [
    'HS607@9:18',
  ]);
  assert.deepEqual(errors(...text), []);
});

test('TLS before the last ACK of the TCP handshake: HS607 once', () => {
  assert.deepEqual(errors(...pki(), ...TCP.slice(0, 3), ...HELLO, ...KEY_EXCHANGE, ...DATA), [
    'HS607@10:18',
  ]);
});

test('a message before any ClientHello: one HS606, and the handshake goes on from there', () => {
  const [hello, serverHello, ...rest] = HELLO as [string, string, ...string[]];
  assert.deepEqual(errors(...pki(), serverHello, hello, ...rest, ...KEY_EXCHANGE, ...DATA), [
    'HS606@7:18',
  ]);
});

test('a message dropped: one HS606 where it was due, the rest follows', () => {
  const [hello, serverHello, , done] = HELLO as [string, string, string, string];
  assert.deepEqual(errors(...pki(), hello, serverHello, done, ...KEY_EXCHANGE, ...DATA), [
    'HS606@9:18',
  ]);
});

test('after a fatal alert, the scenario going on is told once', () => {
  const text = [
    ...pki(),
    CLIENT_HELLO,
    'client -> server Alert handshake_failure',
    ...HELLO.slice(1),
  ];
  assert.deepEqual(errors(...text), ['HS618@9:18']);
});

test('the certificate written inside the ServerHello line: HS601 only', () => {
  const [hello, serverHello, , done] = HELLO as [string, string, string, string];
  const text = [hello, `${serverHello} cert=c`, done, ...KEY_EXCHANGE, ...DATA];
  assert.deepEqual(errors(...pki(), ...text), ['HS601@8:90']);
});

test('ServerHello picks a version not offered: one HS608, and the TLS 1.2 messages after it fit', () => {
  const [hello, serverHello, ...rest] = HELLO as [string, string, ...string[]];
  const text = [hello, serverHello.replace('version=1.2', 'version=1.3'), ...rest];
  assert.deepEqual(errors(...pki(), ...text, ...KEY_EXCHANGE, ...DATA), ['HS608@8:48']);
});

test('ServerHello picks a suite not offered: one HS609, whichever key exchange follows', () => {
  const ecdhe = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
  const [hello, serverHello, ...rest] = HELLO as [string, string, ...string[]];
  const picked = serverHello.replace(/suite=\S+/, `suite=${ecdhe}`);
  // The rest follows the offer (RSA): the ServerHelloDone without a ServerKeyExchange decides.
  assert.deepEqual(errors(...pki(), hello, picked, ...rest, ...KEY_EXCHANGE, ...DATA), [
    'HS609@8:58',
  ]);
  // The rest follows the pick (ECDHE): the ServerKeyExchange decides.
  const followed = [
    hello,
    picked,
    'server -> client Certificate cert=c',
    'server -> client ServerKeyExchange share=ys',
    'server -> client ServerHelloDone',
    'client -> server ClientKeyExchange share=yc',
    ...KEY_EXCHANGE.slice(1),
  ];
  assert.deepEqual(errors(...pki(), ...followed, ...DATA), ['HS609@8:58']);
});

test('a handshake without its ServerHello: one HS606, then as if it had picked from the offer', () => {
  const [hello, , ...rest] = HELLO as [string, string, ...string[]];
  assert.deepEqual(errors(...pki(), hello, ...rest, ...KEY_EXCHANGE, ...DATA), ['HS606@8:18']);
});

test('an attacker relays a message the other leg never carried: one error for both legs', () => {
  const text = [
    'endpoint client',
    'attacker mallory',
    'endpoint server',
    'ca CA',
    'key k holder=server',
    'cert c subject=bank.example key=k issuer=CA',
    'trust client CA',
    'client -> mallory ClientHello random=r1 sni=bank.example versions=1.2',
    'mallory -> server forward ClientHello',
    'server -> mallory ServerHello random=r2 version=1.2',
    'server -> mallory Certificate cert=c',
    'mallory -> client forward ServerHello',
    'mallory -> client forward Certificate',
    'mallory -> client forward ServerHelloDone',
    'client -> mallory ClientKeyExchange premaster=pm encrypted=k',
    'mallory -> server forward ClientKeyExchange',
  ];
  assert.deepEqual(errors(...text), ['HS624@14:19']);
});

test('HS607 is about TCP: the handshake over it is still judged in full', () => {
  const clientHoldsKey = pki().map((l) => l.replace('key k holder=server', 'key k holder=client'));
  const text = [...clientHoldsKey, ...TCP.slice(0, 2), ...HELLO, ...KEY_EXCHANGE];
  // The server cannot derive the master secret: its check of Finished still fails (HS619), and
  // its going on instead of the alert is told once (HS618).
  assert.deepEqual(codesAt(analyze(lines(...text))), ['HS607@9:18', 'HS619@15:18', 'HS618@16:18']);
});
