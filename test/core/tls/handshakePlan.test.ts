import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeMessage, type PlanFacts } from '../../../src/core/tls/handshakePlan';
import type { TlsMessageType } from '../../../src/core/protocol/tlsMessageTypes';

type Role = 'client' | 'server';
type Flight = readonly (readonly [Role, TlsMessageType])[];

const BASE: PlanFacts = {
  offers13: false,
  serverHelloSeen: false,
  retried: false,
  certificateRequested: false,
  clientCertificateSent: false,
};

/** Plays `flight` through the plan, updating the facts the way the engine does. */
function play(flight: Flight, facts: Partial<PlanFacts> = {}) {
  let position = 0;
  let current: PlanFacts = { ...BASE, ...facts };
  const results: string[] = [];
  for (const [role, message] of flight) {
    const placed = placeMessage(position, message, role, current);
    results.push(placed.ok ? 'ok' : word(placed.reason, 'en'));
    if (placed.next !== undefined) position = placed.next;
    if (message === 'ServerHello') current = { ...current, serverHelloSeen: true };
    if (message === 'HelloRetryRequest') current = { ...current, retried: true, version: '1.3' };
    if (message === 'CertificateRequest') current = { ...current, certificateRequested: true };
    if (message === 'Certificate' && role === 'client') {
      current = { ...current, clientCertificateSent: true };
    }
  }
  return results;
}

const RSA_12: Flight = [
  ['client', 'ClientHello'],
  ['server', 'ServerHello'],
  ['server', 'Certificate'],
  ['server', 'ServerHelloDone'],
  ['client', 'ClientKeyExchange'],
  ['client', 'ChangeCipherSpec'],
  ['client', 'Finished'],
  ['server', 'ChangeCipherSpec'],
  ['server', 'Finished'],
];

const ECDHE_12: Flight = [
  ['client', 'ClientHello'],
  ['server', 'ServerHello'],
  ['server', 'Certificate'],
  ['server', 'ServerKeyExchange'],
  ['server', 'ServerHelloDone'],
  ['client', 'ClientKeyExchange'],
  ['client', 'ChangeCipherSpec'],
  ['client', 'Finished'],
  ['server', 'ChangeCipherSpec'],
  ['server', 'Finished'],
];

const TLS_13: Flight = [
  ['client', 'ClientHello'],
  ['server', 'ServerHello'],
  ['server', 'EncryptedExtensions'],
  ['server', 'Certificate'],
  ['server', 'CertificateVerify'],
  ['server', 'Finished'],
  ['client', 'Finished'],
];

const all = (n: number) => Array.from({ length: n }, () => 'ok');

test('TLS 1.2 with RSA key exchange: the full handshake is in order', () => {
  assert.deepEqual(play(RSA_12, { version: '1.2', keyExchange: 'RSA' }), all(RSA_12.length));
});

test('TLS 1.2 with ECDHE: ServerKeyExchange comes between Certificate and ServerHelloDone', () => {
  assert.deepEqual(play(ECDHE_12, { version: '1.2', keyExchange: 'ECDHE' }), all(ECDHE_12.length));
});

test('TLS 1.3: everything after ServerHello, then the client’s Finished', () => {
  assert.deepEqual(play(TLS_13, { version: '1.3', keyExchange: 'TLS13' }), all(TLS_13.length));
});

test('TLS 1.3 with HelloRetryRequest: the client sends a second ClientHello', () => {
  const flight: Flight = [
    ['client', 'ClientHello'],
    ['server', 'HelloRetryRequest'],
    ['client', 'ClientHello'],
    ...TLS_13.slice(1),
  ];
  assert.deepEqual(play(flight, { offers13: true }).slice(0, 3), all(3));
});

test('a client certificate: CertificateRequest, then Certificate and CertificateVerify', () => {
  const flight: Flight = [
    ...RSA_12.slice(0, 3),
    ['server', 'CertificateRequest'],
    ['server', 'ServerHelloDone'],
    ['client', 'Certificate'],
    ['client', 'ClientKeyExchange'],
    ['client', 'CertificateVerify'],
    ...RSA_12.slice(5),
  ];
  assert.deepEqual(play(flight, { version: '1.2', keyExchange: 'RSA' }), all(flight.length));
});

const RULES: readonly {
  readonly name: string;
  readonly flight: Flight;
  readonly facts: Partial<PlanFacts>;
  /** The reason given for the last message. */
  readonly reason: RegExp;
}[] = [
  {
    name: 'ServerHelloDone comes before ClientKeyExchange',
    flight: [...RSA_12.slice(0, 3), ['client', 'ClientKeyExchange']],
    facts: { version: '1.2', keyExchange: 'RSA' },
    reason: /server’s ServerHelloDone comes first: the client waits for the server’s whole flight/,
  },
  {
    name: 'no ServerKeyExchange with RSA key exchange',
    flight: [...RSA_12.slice(0, 3), ['server', 'ServerKeyExchange']],
    facts: { version: '1.2', keyExchange: 'RSA' },
    reason: /with RSA key exchange the server sends no ServerKeyExchange/,
  },
  {
    name: 'ECDHE needs ServerKeyExchange before ServerHelloDone',
    flight: [...ECDHE_12.slice(0, 3), ['server', 'ServerHelloDone']],
    facts: { version: '1.2', keyExchange: 'ECDHE' },
    reason: /ServerKeyExchange comes first: with ECDHE the server sends its signed key share/,
  },
  {
    name: 'TLS 1.3 has no ClientKeyExchange',
    flight: [...TLS_13.slice(0, 6), ['client', 'ClientKeyExchange']],
    facts: { version: '1.3', keyExchange: 'TLS13' },
    reason:
      /TLS 1.3 has no ClientKeyExchange: the key shares travel in ClientHello and ServerHello/,
  },
  {
    name: 'TLS 1.3 has no ServerHelloDone',
    flight: [...TLS_13.slice(0, 2), ['server', 'ServerHelloDone']],
    facts: { version: '1.3', keyExchange: 'TLS13' },
    reason: /TLS 1.3 has no ServerHelloDone/,
  },
  {
    name: 'EncryptedExtensions is TLS 1.3 only',
    flight: [...RSA_12.slice(0, 2), ['server', 'EncryptedExtensions']],
    facts: { version: '1.2', keyExchange: 'RSA' },
    reason: /EncryptedExtensions exists only in TLS 1.3/,
  },
  {
    name: 'HelloRetryRequest needs a client that offered TLS 1.3',
    flight: [
      ['client', 'ClientHello'],
      ['server', 'HelloRetryRequest'],
    ],
    facts: {},
    reason: /HelloRetryRequest is TLS 1.3, and the client did not offer TLS 1.3/,
  },
  {
    name: 'the server answers the ClientHello before its certificate',
    flight: [
      ['client', 'ClientHello'],
      ['server', 'Certificate'],
    ],
    facts: { version: '1.2', keyExchange: 'RSA' },
    reason: /server’s ServerHello comes first: the server answers the ClientHello first/,
  },
  {
    name: 'the client’s ChangeCipherSpec comes before its Finished',
    flight: [...RSA_12.slice(0, 5), ['client', 'Finished']],
    facts: { version: '1.2', keyExchange: 'RSA' },
    reason:
      /client’s ChangeCipherSpec comes first: Finished is the first message under the new keys/,
  },
  {
    name: 'the certificate comes before CertificateVerify in TLS 1.3',
    flight: [...TLS_13.slice(0, 3), ['server', 'CertificateVerify']],
    facts: { version: '1.3', keyExchange: 'TLS13' },
    reason: /server’s Certificate comes first: the certificate carries the public key/,
  },
  {
    name: 'nothing of the handshake after both Finished messages',
    flight: [...RSA_12, ['server', 'ServerHelloDone']],
    facts: { version: '1.2', keyExchange: 'RSA' },
    reason: /the handshake is over, so the server sends no ServerHelloDone/,
  },
  {
    name: 'the client does not send a second ClientHello unasked',
    flight: [
      ['client', 'ClientHello'],
      ['client', 'ClientHello'],
    ],
    facts: { offers13: true },
    reason: /server’s ServerHello comes next/,
  },
];

for (const rule of RULES) {
  test(`order: ${rule.name}`, () => {
    const results = play(rule.flight, rule.facts);
    assert.deepEqual(results.slice(0, -1), all(rule.flight.length - 1));
    assert.match(results[results.length - 1] as string, rule.reason);
  });
}

test('a message only the other side sends says so, whatever comes next', () => {
  const hello: Flight = [
    ['client', 'ClientHello'],
    ['server', 'ServerHello'],
    ['server', 'Certificate'],
    ['server', 'ServerHelloDone'],
  ];
  const rsa = { version: '1.2', keyExchange: 'RSA' } as const;
  assert.deepEqual(play([...hello, ['server', 'ClientKeyExchange']], rsa).slice(4), [
    'only the client sends ClientKeyExchange, never the server',
  ]);
  assert.deepEqual(
    play([
      ['client', 'ClientHello'],
      ['client', 'ServerHello'],
    ]).slice(1),
    ['only the server sends ServerHello, never the client'],
  );
  // Both sides send a Finished: the usual reason.
  assert.deepEqual(
    play(
      [
        ['client', 'ClientHello'],
        ['server', 'Finished'],
      ],
      rsa,
    ).slice(1),
    ['the server’s ServerHello comes first: the server answers the ClientHello first'],
  );
});

test('a message that jumped ahead leaves its skipped slots; the late message takes one quietly', () => {
  const facts: PlanFacts = { ...BASE, serverHelloSeen: true, version: '1.2', keyExchange: 'RSA' };
  // After ClientHello, ServerHello, Certificate: position 5.
  const early = placeMessage(5, 'ClientKeyExchange', 'client', facts);
  assert.equal(early.ok, false);
  assert.ok(!early.ok && early.next !== undefined);
  const skipped = new Set(early.skipped);
  const late = placeMessage(early.next, 'ServerHelloDone', 'server', facts, skipped);
  assert.deepEqual(late, { ok: true, next: early.next, late: [...skipped][0] });
});

test('a slot whose message came where nothing could take it is not missing later', () => {
  const facts: PlanFacts = { ...BASE, serverHelloSeen: true, version: '1.2', keyExchange: 'RSA' };
  const missing = placeMessage(4, 'ServerHelloDone', 'server', facts);
  assert.equal(missing.ok, false);
  const misplaced = new Set(['server Certificate']);
  assert.equal(placeMessage(4, 'ServerHelloDone', 'server', facts, new Set(), misplaced).ok, true);
});
