import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture } from '../../../../src/core/capture/write/importCapture';
import {
  TlsConversation,
  type TlsFileContext,
} from '../../../../src/core/capture/write/tlsConversation';
import type { TlsEvent } from '../../../../src/core/capture/read/tlsEvents';
import { TlsNaming } from '../../../../src/core/capture/write/tlsNaming';
import type { CertificateFacts } from '../../../../src/core/capture/read/x509Certificate';
import { analyze } from '../../../../src/core/analysis/analyze';
import { fixture } from '../support';

function imported(name: string): string {
  const result = importCapture(() => [fixture(name)]);
  assert.ok(result.ok);
  return result.text;
}

/** The lines that are not TCP segments, without the header and trailing comments. */
function tlsLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line && !line.includes('# frame ') && !/^(#|endpoint|scenario)/.test(line))
    .filter((line) => line !== 'server listen')
    .map((line) => line.replace(/\s+#.*$/, ''));
}

function codes(text: string): string[] {
  return analyze(text).diagnostics.map((d) => `${d.code} ${d.message}`);
}

test('TLS 1.2 with ECDHE, captured: every message is a TLS line the engine accepts', () => {
  const text = imported('tls12.pcap');
  assert.deepEqual(
    tlsLines(text).map((line) => line.replace(/suites=\S+/, 'suites=…')),
    [
      'client -> server  ClientHello random=r_2f00c786 sni=handshake.test versions=1.2 suites=…',
      'server -> client  ServerHello random=r_f2d1e3c3 version=1.2 suite=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'date 2026-11-26',
      'key handshake_test_key holder=server',
      'cert handshake_test_cert subject=handshake.test key=handshake_test_key issuer=self notBefore=2026-11-26 notAfter=2026-11-27',
      'server -> client  Certificate cert=handshake_test_cert',
      'server -> client  ServerKeyExchange share=ks_2904a41a group=x25519',
      'server -> client  ServerHelloDone',
      'trust client handshake_test_cert',
      'client -> server  ClientKeyExchange share=ks_f6e3500e',
      'client -> server  ChangeCipherSpec',
      'client -> server  Finished',
      'server -> client  ChangeCipherSpec',
      'server -> client  Finished',
      'client -> server  ApplicationData "42 bytes, encrypted"',
      'server -> client  ApplicationData "5027 bytes, encrypted"',
    ],
  );
  assert.deepEqual(codes(text), []);
});

test('TLS 1.2 with RSA key exchange and a CA: the chain, the wildcard name, the encrypted premaster', () => {
  const text = imported('tls12-rsa.pcap');
  const lines = tlsLines(text);
  assert.ok(lines.includes('ca handshake_test_ca'), lines.join('\n'));
  assert.ok(
    lines.some((l) =>
      /^cert www_shop_test_cert subject=www\.shop\.test key=www_shop_test_key issuer=handshake_test_ca notBefore=\d{4}-\d\d-\d\d notAfter=/.test(
        l,
      ),
    ),
  );
  assert.ok(lines.includes('trust client handshake_test_ca'));
  assert.ok(
    lines.some((l) => /ClientKeyExchange premaster=pm_\w+ encrypted=www_shop_test_key$/.test(l)),
  );
  assert.match(
    text,
    /# The certificate: CN=shop\.test; DNS shop\.test, \*\.shop\.test; then CN=Handshake Test CA/,
  );
  assert.deepEqual(codes(text), []);
});

test('a client that rejects the certificate: no trust, and the engine agrees with its alert', () => {
  const text = imported('tls12-rejected.pcap');
  const lines = tlsLines(text);
  assert.ok(!lines.some((l) => l.startsWith('trust ')));
  assert.equal(lines.at(-1), 'client -> server  Alert unknown_ca');
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS612'],
  );
});

test('TLS 1.3 with HelloRetryRequest: the retry, the second ClientHello, the encrypted flight assumed', () => {
  const text = imported('tls13-hrr.pcap');
  const lines = tlsLines(text).map((line) => line.replace(/ suites=\S+/, ''));
  const messages = lines
    .filter((l) => l.includes(' -> '))
    .map((l) => l.split(/\s+/).slice(0, 4).join(' '));
  assert.deepEqual(messages.slice(0, 12), [
    'client -> server ClientHello',
    'server -> client HelloRetryRequest',
    'server -> client ChangeCipherSpec',
    'client -> server ChangeCipherSpec',
    'client -> server ClientHello',
    'server -> client ServerHello',
    'server -> client EncryptedExtensions',
    'server -> client Certificate',
    'server -> client CertificateVerify',
    'server -> client Finished',
    'client -> server Finished',
    'server -> client ApplicationData',
  ]);
  assert.ok(lines.includes('server -> client  HelloRetryRequest group=secp384r1'));
  const randoms = lines
    .filter((l) => l.includes('ClientHello'))
    .map((l) => /random=(\S+)/.exec(l)?.[1]);
  assert.equal(randoms[0], randoms[1], 'the second ClientHello keeps its random');
  assert.match(text, /Finished\s+# encrypted in the capture: assumed/);
  assert.deepEqual(codes(text), []);
});

test('TLS from tcpdump -X text is found as from the pcap, without a date', () => {
  const fromText = tlsLines(imported('tls12-hex.txt'));
  const fromPcap = tlsLines(imported('tls12.pcap')).filter((l) => !l.startsWith('date '));
  assert.deepEqual(fromText, fromPcap);
});

test('plain HTTP has no TLS lines', () => {
  assert.deepEqual(tlsLines(imported('http.pcap')), []);
});

// Cases no capture here shows, from events: what the writer states and what it leaves as comments.

const HELLO: TlsEvent = {
  kind: 'ClientHello',
  random: 'aaaaaaaa',
  sessionId: '',
  sni: 'shop.example',
  alpn: ['h2'],
  versions: [0x0303],
  suites: [0xc02f, 0x0033],
  keyShares: [],
};

function serverHello(over: Partial<Extract<TlsEvent, { kind: 'ServerHello' }>> = {}): TlsEvent {
  return {
    kind: 'ServerHello',
    random: 'bbbbbbbb',
    sessionId: '',
    version: 0x0303,
    suite: 0xc02f,
    helloRetry: false,
    preSharedKey: false,
    ...over,
  };
}

function cert(over: Partial<CertificateFacts> = {}): TlsEvent {
  return {
    kind: 'Certificate',
    chain: [
      {
        subject: 'CN=shop.example',
        issuer: 'CN=Shop CA',
        commonName: 'shop.example',
        issuerCommonName: 'Shop CA',
        dnsNames: ['shop.example'],
        notBefore: '2026-01-01',
        notAfter: '2026-12-31',
        ...over,
      },
    ],
  };
}

/** Client and server events in turn, written and wrapped in a scenario with its TCP handshake. */
function conversation(turns: ReadonlyArray<[0 | 1, TlsEvent]>, day = '2026-06-01'): string {
  const file: TlsFileContext = { naming: new TlsNaming(), dated: false, day: () => day };
  const writer = new TlsConversation(['client', 'server'], file);
  const lines = turns.flatMap(([side, event]) => writer.lines(side, [event]));
  return [
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server  SYN seq=100',
    'server -> client  SYN ACK seq=300 ack=101',
    'client -> server  ACK seq=101 ack=301',
    ...lines,
    '',
  ].join('\n');
}

const REST_OF_12: ReadonlyArray<[0 | 1, TlsEvent]> = [
  [1, { kind: 'ServerKeyExchange', share: { group: 0x1d, key: 'cccccccc' } }],
  [1, { kind: 'ServerHelloDone' }],
  [0, { kind: 'ClientKeyExchange', exchange: 'dddddddd' }],
  [0, { kind: 'ChangeCipherSpec' }],
  [0, { kind: 'Encrypted', content: 'handshake', length: 40 }],
  [1, { kind: 'ChangeCipherSpec' }],
  [1, { kind: 'Encrypted', content: 'handshake', length: 40 }],
  [0, { kind: 'Encrypted', content: 'data', length: 100 }],
];

test('a certificate the client accepted: it trusts the issuer, and the engine finds nothing', () => {
  const text = conversation([[0, HELLO], [1, serverHello()], [1, cert()], ...REST_OF_12]);
  assert.match(text, /\ntrust client shop_ca {2}# assumed: client went on/);
  assert.match(text, /# ClientHello: alpn=h2; also offers TLS_DHE_RSA_WITH_AES_128_CBC_SHA\n/);
  assert.deepEqual(codes(text), []);
});

test('an expired certificate the client accepted: it checked nothing (HS626)', () => {
  const text = conversation([
    [0, HELLO],
    [1, serverHello()],
    [1, cert({ notAfter: '2026-03-01' })],
    ...REST_OF_12,
  ]);
  assert.match(
    text,
    /trust client any {2}# client went on although the certificate expired on 2026-03-01/,
  );
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS626'],
  );
});

test('a certificate for another name the client accepted: it checked nothing (HS626)', () => {
  const text = conversation([
    [0, HELLO],
    [1, serverHello()],
    [1, cert({ dnsNames: ['evil.example'], commonName: 'evil.example' })],
    ...REST_OF_12,
  ]);
  assert.match(
    text,
    /trust client any {2}# client went on although the certificate is for evil\.example, not shop\.example/,
  );
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS626'],
  );
});

test('what the language cannot state goes on as comments, and says why', () => {
  const cases: Array<[string, ReadonlyArray<[0 | 1, TlsEvent]>, RegExp]> = [
    [
      'TLS 1.1 only',
      [[0, { ...HELLO, versions: [0x0302] }]],
      /as comments: the client offers only TLS1\.1/,
    ],
    [
      'TLS 1.1 chosen',
      [
        [0, { ...HELLO, versions: [0x0303, 0x0302] }],
        [1, serverHello({ version: 0x0302 })],
      ],
      /the server chose TLS1\.1/,
    ],
    [
      'a DHE suite',
      [
        [0, HELLO],
        [1, serverHello({ suite: 0x0033 })],
      ],
      /does not know the suite TLS_DHE_RSA_WITH_AES_128_CBC_SHA/,
    ],
    [
      'resumption',
      [
        [0, { ...HELLO, sessionId: 'ee' }],
        [1, serverHello({ sessionId: 'ee' })],
      ],
      /a resumed session \(abbreviated handshake\)/,
    ],
    [
      'a pre-shared key',
      [
        [0, HELLO],
        [1, serverHello({ version: 0x0304, suite: 0x1301, preSharedKey: true })],
      ],
      /pre-shared key/,
    ],
    [
      'a hole',
      [
        [0, HELLO],
        [1, { kind: 'Lost', why: 'gap' }],
      ],
      /the capture misses bytes of this stream/,
    ],
    [
      'no hello',
      [[1, { kind: 'Encrypted', content: 'data', length: 9 }]],
      /encrypted records before a ServerHello/,
    ],
  ];
  for (const [name, turns, why] of cases) {
    const text = conversation(turns);
    assert.match(text, why, name);
    const afterwards = conversation([...turns, [1, cert()], [0, { kind: 'ChangeCipherSpec' }]]);
    assert.match(
      afterwards,
      /\n# TLS Certificate subject="CN=shop.example"\n# TLS ChangeCipherSpec\n$/,
      name,
    );
    assert.deepEqual(
      analyze(afterwards)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.code),
      [],
      name,
    );
  }
});

test('several connections to one server: one CA, certificates and keys of their own', () => {
  const file: TlsFileContext = { naming: new TlsNaming(), dated: false, day: () => undefined };
  const one = new TlsConversation(['client1', 'server1'], file);
  const two = new TlsConversation(['client2', 'server2'], file);
  const first = [...one.lines(0, [HELLO]), ...one.lines(1, [serverHello(), cert()])];
  const second = [...two.lines(0, [HELLO]), ...two.lines(1, [serverHello(), cert()])];
  assert.ok(first.includes('ca shop_ca'));
  assert.ok(!second.some((l) => l.startsWith('ca ')));
  assert.ok(second.includes('key shop_example_key2 holder=server2'));
  assert.ok(second.some((l) => l.startsWith('cert shop_example_cert2 ')));
});

test('names from the capture become words of the language, whatever bytes they hold', () => {
  const odd: TlsEvent = { ...HELLO, sni: 'shop#x=1.example' };
  const text = conversation([
    [0, odd],
    [1, serverHello()],
    [1, cert({ dnsNames: ['shop#x=1.example'], commonName: 'shop x' })],
    ...REST_OF_12,
  ]);
  assert.match(text, /ClientHello random=r_aaaaaaaa sni=shop_x_1\.example versions=1\.2/);
  assert.match(text, /cert shop_x_1_example_cert subject=shop_x_1\.example key=/);
  assert.deepEqual(codes(text), []);
});

test('an empty SNI or a certificate with no name writes no empty field (sni= or subject= would not parse)', () => {
  const text = conversation([
    [0, { ...HELLO, sni: '' }],
    [1, serverHello()],
    [1, cert({ commonName: '', dnsNames: [''], subject: 'CN=' })],
    ...REST_OF_12,
  ]);
  assert.ok(!/\b(sni|subject)=(\s|$)/m.test(text), text);
  assert.deepEqual(
    analyze(text)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.code),
    [],
  );
});
