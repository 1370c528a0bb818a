import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { TlsStep } from '../../../src/core/tls/tlsTrace';
import { codesAt, lines } from '../../helpers';
import { HELLO, KEY_EXCHANGE, MITM_PKI, pki } from '../check/tlsCodeCases';

function tlsSteps(text: string): TlsStep[] {
  return analyze(text).trace.steps.filter((s): s is TlsStep => s.kind === 'tls');
}

function knows(step: TlsStep, endpoint: string): readonly string[] {
  return step.knowledge.find((k) => k.endpoint === endpoint)?.secrets ?? [];
}

const RSA_HANDSHAKE = lines(...pki(), ...HELLO, ...KEY_EXCHANGE);

test('a correct RSA handshake is silent and both sides derive the same master secret', () => {
  const text = lines(
    ...pki(),
    ...HELLO,
    ...KEY_EXCHANGE,
    'client -> server ApplicationData "GET /"',
  );
  assert.deepEqual(codesAt(analyze(text)), []);
  const steps = tlsSteps(text);
  const exchange = steps[4] as TlsStep;
  assert.equal(exchange.message, 'ClientKeyExchange');
  assert.deepEqual(
    exchange.derivations.map((d) => [d.endpoint, word(d.secret, 'en'), d.inputs.join(' ')]),
    [
      ['client', 'master secret', 'pm r1 r2'],
      ['server', 'master secret', 'pm r1 r2'],
    ],
  );
  assert.ok(knows(exchange, 'server').includes('master(pm, r1, r2)'));
});

test('only the holder of the private key learns the premaster secret', () => {
  const text = lines(
    ...MITM_PKI,
    'client -> mallory ClientHello random=r1 sni=bank.example',
    'mallory -> client ServerHello random=r2 version=1.2',
    'mallory -> client Certificate cert=c',
    'mallory -> client ServerHelloDone',
    'client -> mallory ClientKeyExchange premaster=pm encrypted=k',
  );
  const exchange = tlsSteps(text).at(-1) as TlsStep;
  assert.ok(knows(exchange, 'client').includes('pm'));
  assert.ok(!knows(exchange, 'mallory').includes('pm'));
  assert.deepEqual(
    exchange.derivations.map((d) => d.endpoint),
    ['client'],
  );
});

test('TLS 1.2: messages after the sender’s ChangeCipherSpec are encrypted, each side on its own', () => {
  const steps = tlsSteps(RSA_HANDSHAKE);
  assert.deepEqual(
    steps.map((s) => `${s.from}:${s.message}:${s.encrypted}`),
    [
      'client:ClientHello:false',
      'server:ServerHello:false',
      'server:Certificate:false',
      'server:ServerHelloDone:false',
      'client:ClientKeyExchange:false',
      'client:ChangeCipherSpec:false',
      'client:Finished:true',
      'server:ChangeCipherSpec:false',
      'server:Finished:true',
    ],
  );
});

const TLS13 = [
  'endpoint client',
  'endpoint server',
  'ca CA',
  'key k holder=server',
  'cert c subject=example.org key=k issuer=CA',
  'trust client CA',
  'client -> server ClientHello random=r1 sni=example.org key_share=xc',
  'server -> client ServerHello random=r2 suite=TLS_AES_128_GCM_SHA256 key_share=xs',
  'server -> client EncryptedExtensions',
  'server -> client Certificate cert=c',
  'server -> client CertificateVerify',
  'server -> client Finished',
  'client -> server Finished',
];

test('TLS 1.3: a key share makes 1.3 the offer, and everything after ServerHello is encrypted', () => {
  const text = lines(...TLS13);
  assert.deepEqual(codesAt(analyze(text)), []);
  const steps = tlsSteps(text);
  assert.equal(steps[1]?.version, '1.3');
  assert.deepEqual(
    steps.map((s) => s.encrypted),
    [false, false, true, true, true, true, true],
  );
  assert.deepEqual(
    steps[1]?.derivations.map((d) => word(d.secret, 'en')),
    ['handshake keys', 'handshake keys'],
  );
});

test('TLS 1.3 handshake keys and application keys are two phases', () => {
  // RFC 8446 §7.1: each side's Finished is the last record under its handshake traffic keys.
  const steps = tlsSteps(
    lines(
      ...TLS13,
      'server -> client ApplicationData "early"',
      'client -> server ApplicationData "GET /"',
      'client -> server Alert close_notify',
    ),
  );
  assert.deepEqual(
    steps.map((s) => `${s.from}:${s.message}:${s.keys ?? 'clear'}`),
    [
      'client:ClientHello:clear',
      'server:ServerHello:clear',
      'server:EncryptedExtensions:handshake',
      'server:Certificate:handshake',
      'server:CertificateVerify:handshake',
      'server:Finished:handshake',
      'client:Finished:handshake',
      'server:ApplicationData:application',
      'client:ApplicationData:application',
      'client:Alert:application',
    ],
  );
});

test('TLS 1.2: one kind of keys, the session keys, after each side’s ChangeCipherSpec', () => {
  const steps = tlsSteps(
    lines(...pki(), ...HELLO, ...KEY_EXCHANGE, 'client -> server ApplicationData "hi"'),
  );
  assert.deepEqual(
    steps.filter((s) => s.encrypted).map((s) => `${s.role}:${s.message}:${s.keys}`),
    ['client:Finished:session', 'server:Finished:session', 'client:ApplicationData:session'],
  );
  assert.ok(steps.filter((s) => !s.encrypted).every((s) => s.keys === undefined));
});

test('TLS 1.3: a ChangeCipherSpec for middlebox compatibility changes nothing', () => {
  const text = lines(...TLS13.slice(0, 8), 'server -> client ChangeCipherSpec', ...TLS13.slice(8));
  assert.deepEqual(codesAt(analyze(text)), []);
});

test('TLS 1.3: the ServerHello needs a key share', () => {
  const text = lines(...TLS13.slice(0, 7), 'server -> client ServerHello random=r2 version=1.3');
  assert.deepEqual(codesAt(analyze(text)), ['HS602@8:18']);
});

test('after HelloRetryRequest the client repeats its random without HS611', () => {
  const text = lines(
    ...TLS13.slice(0, 7),
    'server -> client HelloRetryRequest group=secp256r1',
    'client -> server ClientHello random=r1 sni=example.org key_share=xc2',
    ...TLS13.slice(7),
  );
  assert.deepEqual(codesAt(analyze(text)), []);
});

test('ECDHE: the premaster is never sent; both derive from the key shares', () => {
  const ecdhe = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
  const text = lines(
    ...pki(),
    `client -> server ClientHello random=r1 sni=bank.example suites=${ecdhe}`,
    `server -> client ServerHello random=r2 version=1.2 suite=${ecdhe}`,
    'server -> client Certificate cert=c',
    'server -> client ServerKeyExchange share=ys',
    'server -> client ServerHelloDone',
    'client -> server ClientKeyExchange share=yc',
    'client -> server ChangeCipherSpec',
    'client -> server Finished',
    'server -> client ChangeCipherSpec',
    'server -> client Finished',
  );
  assert.deepEqual(codesAt(analyze(text)), []);
  const exchange = tlsSteps(text)[5] as TlsStep;
  assert.deepEqual(
    exchange.derivations.map((d) => d.inputs.join(' ')),
    ['yc ys r1 r2', 'yc ys r1 r2'],
  );
});

test('ECDHE: ClientKeyExchange needs the client’s share', () => {
  const ecdhe = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';
  const text = lines(
    ...pki(),
    `client -> server ClientHello random=r1 suites=${ecdhe}`,
    `server -> client ServerHello random=r2 version=1.2 suite=${ecdhe}`,
    'server -> client Certificate cert=c',
    'server -> client ServerKeyExchange share=ys',
    'server -> client ServerHelloDone',
    'client -> server ClientKeyExchange',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS602@12:18']);
});

test('application data before the handshake finishes is out of order', () => {
  const text = lines(...pki(), ...HELLO, 'client -> server ApplicationData "early"');
  assert.deepEqual(codesAt(analyze(text)), ['HS606@11:18']);
});

test('a message before any ClientHello is out of order', () => {
  const text = lines(...pki(), 'server -> client ServerHello random=r2');
  assert.deepEqual(codesAt(analyze(text)), ['HS606@7:18']);
});

test('after a fatal alert nothing more is sent on the connection', () => {
  const text = lines(
    ...pki(),
    ...HELLO.slice(0, 2),
    'client -> server Alert handshake_failure',
    'server -> client Certificate cert=c',
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS618@10:18']);
});

test('an unknown alert name is reported', () => {
  const text = lines(...pki(), HELLO[0] as string, 'client -> server Alert oops');
  assert.deepEqual(codesAt(analyze(text)), ['HS605@8:24']);
});

test('the failed check is drawn where it happens and the client’s alert ends the handshake', () => {
  const text = lines(
    ...pki({ trust: 'Other', extra: ['ca Other'] }),
    ...HELLO,
    'client -> server Alert unknown_ca',
  );
  const steps = tlsSteps(text);
  assert.equal(steps[2]?.failure?.endpoint, 'client');
  assert.match(
    word(steps[2]?.failure?.text ?? '', 'en'),
    /issuer not trusted: client sends Alert unknown_ca/,
  );
  assert.deepEqual(codesAt(analyze(text), ['error']), []);
});

test('a forward copies the message: the server sees the client’s ClientHello', () => {
  const text = lines(
    'endpoint client',
    'attacker mallory',
    'endpoint server',
    'client -> mallory ClientHello random=r1 sni=bank.example',
    'mallory -> server forward ClientHello',
  );
  const steps = tlsSteps(text);
  assert.deepEqual(steps[1]?.details, steps[0]?.details);
  assert.equal(steps[1]?.forwarded, true);
  assert.deepEqual(codesAt(analyze(text)), []);
});

test('a relaying attacker learns nothing, and the relayed handshake succeeds end to end', () => {
  const text = lines(
    ...MITM_PKI,
    'client -> mallory ClientHello random=r1 sni=bank.example',
    'mallory -> server forward ClientHello',
    'server -> mallory ServerHello random=r2 version=1.2',
    'server -> mallory Certificate cert=c',
    'server -> mallory ServerHelloDone',
    'mallory -> client forward ServerHello',
    'mallory -> client forward Certificate',
    'mallory -> client forward ServerHelloDone',
    'client -> mallory ClientKeyExchange premaster=pm encrypted=k',
    'mallory -> server forward ClientKeyExchange',
    'client -> mallory ChangeCipherSpec',
    'mallory -> server forward ChangeCipherSpec',
    'client -> mallory Finished',
    'mallory -> server forward Finished',
    'server -> mallory ChangeCipherSpec',
    'mallory -> client forward ChangeCipherSpec',
    'server -> mallory Finished',
    'mallory -> client forward Finished',
  );
  const analysis = analyze(text);
  assert.deepEqual(codesAt(analysis), []);
  const last = tlsSteps(text).at(-1) as TlsStep;
  assert.ok(!knows(last, 'mallory').some((s) => s.startsWith('master')));
  assert.equal(last.compromised, undefined);
});

test('a Finished from an endpoint without the secret is rejected', () => {
  const text = lines(
    ...pki().map((l) => l.replace('key k holder=server', 'key k holder=client')),
    ...HELLO,
    ...KEY_EXCHANGE.slice(0, 3),
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS619@13:18']);
  assert.match(
    analyze(text).diagnostics[0]?.message ?? '',
    /server itself cannot derive the master secret: pm travels encrypted with k, whose private key only client holds/,
  );
});

test('TLS over TCP: after the handshake is fine, before it is HS607', () => {
  const tcp = [
    'server listen',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
    'client -> server ACK seq=x+1 ack=y+1',
  ];
  assert.deepEqual(codesAt(analyze(lines(...pki(), ...tcp, ...HELLO))), []);
  assert.deepEqual(codesAt(analyze(lines(...pki(), ...tcp.slice(0, 3), HELLO[0] as string))), [
    'HS607@10:18',
  ]);
});

test('TLS after the connection closed is HS607', () => {
  const text = lines(
    ...pki(),
    'server listen',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
    'client -> server ACK seq=x+1 ack=y+1',
    'client -> server FIN ACK seq=x+1 ack=y+1',
    'server -> client ACK seq=y+1 ack=x+2',
    HELLO[0] as string,
  );
  assert.deepEqual(codesAt(analyze(text)), ['HS607@13:18']);
});

test('an undeclared endpoint in a TLS message is HS401', () => {
  assert.deepEqual(codesAt(analyze(lines(...pki(), 'client -> nobody ClientHello random=r1'))), [
    'HS401@7:11',
  ]);
});

/** The trace's account of each certificate a client accepted: what the diagram's note says. */
const CHECKS: readonly { name: string; text: string[]; check: object | undefined }[] = [
  {
    name: 'a trusted certificate is verified against its CA, for the SNI, on the date',
    text: [
      ...pki({
        cert: 'cert c subject=bank.example key=k issuer=CA notAfter=2027-01-01',
        extra: ['date 2026-11-26'],
      }),
      ...HELLO,
    ],
    check: {
      endpoint: 'client',
      cert: 'c',
      verdict: {
        kind: 'CertVerified',
        signer: 'CA',
        selfSigned: false,
        name: 'bank.example',
        date: '2026-11-26',
      },
    },
  },
  {
    name: 'a client that trusts any certificate checked nothing',
    text: [...pki({ trust: 'any' }), ...HELLO],
    check: { endpoint: 'client', cert: 'c', verdict: { kind: 'CertUnchecked' } },
  },
  {
    name: 'a rejected certificate is a failure, not a check',
    text: [...pki({ trust: 'Other', extra: ['ca Other'] }), ...HELLO],
    check: undefined,
  },
  {
    name: 'a client that trusts the attacker’s CA accepts its certificate, and the trace says whose',
    text: [
      'endpoint client',
      'attacker mallory',
      'ca ProxyRoot holder=mallory',
      'key m holder=mallory',
      'cert fake subject=bank.example key=m issuer=ProxyRoot',
      'trust client ProxyRoot',
      'client -> mallory ClientHello random=r1 sni=bank.example',
      'mallory -> client ServerHello random=r2 version=1.2',
      'mallory -> client Certificate cert=fake',
    ],
    check: {
      endpoint: 'client',
      cert: 'fake',
      verdict: {
        kind: 'CertVerified',
        signer: 'ProxyRoot',
        selfSigned: false,
        name: 'bank.example',
        attacker: 'mallory',
      },
    },
  },
];

for (const { name, text, check } of CHECKS) {
  test(name, () => {
    const certificate = tlsSteps(lines(...text)).find((s) => s.message === 'Certificate');
    assert.ok(certificate);
    assert.deepEqual(certificate.certificateCheck, check);
  });
}

test('each leg of a man in the middle names the attacker; a plain handshake names none', () => {
  const relayed = tlsSteps(
    lines(
      ...MITM_PKI,
      'client -> mallory ClientHello random=r1 sni=bank.example',
      'mallory -> server forward ClientHello',
      'server -> mallory ServerHello random=r2 version=1.2',
    ),
  );
  assert.deepEqual(
    relayed.map((s) => `${s.session}:${s.role}:${s.mitm}`),
    ['1:client:mallory', '2:client:mallory', '2:server:mallory'],
  );
  assert.ok(tlsSteps(RSA_HANDSHAKE).every((s) => s.mitm === undefined));
});

test('the man in the middle that succeeds is flagged on the client’s session and its data', () => {
  const text = lines(
    'endpoint client',
    'attacker mallory',
    'ca ProxyRoot holder=mallory',
    'key m holder=mallory',
    'cert fake subject=bank.example key=m issuer=ProxyRoot',
    'trust client ProxyRoot',
    'client -> mallory ClientHello random=r1 sni=bank.example',
    'mallory -> client ServerHello random=r2 version=1.2',
    'mallory -> client Certificate cert=fake',
    'mallory -> client ServerHelloDone',
    'client -> mallory ClientKeyExchange premaster=pm encrypted=m',
    'client -> mallory ChangeCipherSpec',
    'client -> mallory Finished',
    'mallory -> client ChangeCipherSpec',
    'mallory -> client Finished',
    'client -> mallory ApplicationData "password"',
  );
  const analysis = analyze(text);
  assert.deepEqual(codesAt(analysis), ['HS625@15:19']);
  assert.match(
    analysis.diagnostics[0]?.message ?? '',
    /client trusts ProxyRoot, a CA whose private key mallory holds/,
  );
  assert.equal((tlsSteps(text).at(-1) as TlsStep).compromised, 'mallory');
});

test('a client that accepts any certificate is a successful man in the middle too', () => {
  const text = lines(
    'endpoint client',
    'attacker mallory',
    'key m holder=mallory',
    'cert own subject=mallory.example key=m issuer=self',
    'trust client any',
    'client -> mallory ClientHello random=r1 sni=bank.example',
    'mallory -> client ServerHello random=r2 version=1.2',
    'mallory -> client Certificate cert=own',
    'mallory -> client ServerHelloDone',
    'client -> mallory ClientKeyExchange premaster=pm encrypted=m',
    'client -> mallory ChangeCipherSpec',
    'client -> mallory Finished',
    'mallory -> client ChangeCipherSpec',
    'mallory -> client Finished',
  );
  const analysis = analyze(text);
  assert.deepEqual(codesAt(analysis), ['HS626@5:14', 'HS625@14:19']);
  assert.match(analysis.diagnostics[1]?.message ?? '', /client accepts any certificate/);
});

test('the parser and the engine never throw on TLS lines cut short', () => {
  const text = lines(...pki(), ...HELLO, ...KEY_EXCHANGE);
  for (let cut = 0; cut <= text.length; cut += 3) {
    assert.doesNotThrow(() => analyze(text.slice(0, cut)));
  }
});
