import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { TLS_COLOURS, ERROR_COLOUR } from '../../../src/core/render/colours';
import { lines } from '../../helpers';
import { HELLO, KEY_EXCHANGE, MITM_PKI, pki } from '../check/tlsCodeCases';

/** The diagram's text, with labels and notes on one line each: where they break is layout. */
function draw(...text: string[]): string {
  return drawRaw(...text).replace(/<br\/>/g, ' ');
}

function drawRaw(...text: string[]): string {
  return renderMermaid(analyze(lines(...text))).text;
}

function decode(text: string): string {
  return text.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

test('TLS messages are arrows labelled with the message and its fields', () => {
  const text = draw(...pki(), ...HELLO);
  assert.match(text, /p0->>p1: ClientHello random=r1 sni=bank\.example/);
  assert.match(text, /p1->>p0: Certificate cert=c/);
});

test('the hellos sit on the clear tint, messages under the session keys on the encrypted one', () => {
  const text = draw(...pki(), ...HELLO, ...KEY_EXCHANGE, 'client -> server ApplicationData "hi"');
  const clear = text.indexOf(`rect ${TLS_COLOURS.clear}`);
  const encrypted = text.indexOf(`rect ${TLS_COLOURS.session}`);
  assert.ok(clear >= 0 && encrypted > clear);
  const afterEncrypted = text.slice(encrypted);
  assert.match(decode(afterEncrypted), /🔒 Encrypted with the session keys/);
  assert.match(afterEncrypted, /p0->>p1: Finished/);
  assert.doesNotMatch(afterEncrypted.split('end')[0] ?? '', /ClientHello/);
});

test('key derivations are notes beside each endpoint', () => {
  const text = decode(draw(...pki(), ...HELLO, ...KEY_EXCHANGE));
  assert.match(text, /Note over p0: 🔑 derives the master secret from pm, r1, r2/);
  assert.match(text, /Note over p1: 🔑 derives the master secret from pm, r1, r2/);
});

test('an attacker is a participant of its own, and forwards are dashed open arrows', () => {
  const text = draw(
    'endpoint client',
    'attacker mallory',
    'endpoint server',
    'client -> mallory ClientHello random=r1',
    'mallory -> server forward ClientHello',
  );
  assert.match(text, /participant p1 as mallory \(attacker\)/);
  assert.match(text, /p1--\)p2: forward ClientHello random=r1/);
});

test('a rejected certificate is drawn in the error colour at the client', () => {
  const text = decode(draw(...pki({ trust: 'Other', extra: ['ca Other'] }), ...HELLO));
  assert.match(
    text,
    new RegExp(
      `rect ${ERROR_COLOUR.replace(/[()]/g, '\\$&')}\\n\\s*Note over p0: ✗ issuer not trusted: client sends Alert unknown_ca`,
    ),
  );
});

const ERROR_RECT = `rect ${ERROR_COLOUR}`;

/** The notes beside the client where it checks the server's certificate. */
const CERTIFICATE_NOTES: readonly {
  name: string;
  text: string[];
  /** The note, and whether it stands in the error colour. */
  note?: { text: string; warning: boolean };
}[] = [
  {
    name: 'a trusted certificate is shown verified against its CA',
    text: [
      ...pki({
        cert: 'cert c subject=bank.example key=k issuer=CA notBefore=2026-01-01 notAfter=2027-01-01',
        extra: ['date 2026-11-26'],
      }),
      ...HELLO,
    ],
    note: { text: 'c ✓ signed by CA, for bank.example, valid on 2026-11-26', warning: false },
  },
  {
    name: 'a verified certificate claims no name or day that was not checked, and says why',
    text: [...pki(), ...HELLO.map((l) => l.replace(' sni=bank.example', ''))],
    note: {
      text: 'c ✓ signed by CA, name not checked: no sni= in the ClientHello',
      warning: false,
    },
  },
  {
    name: 'a trusted self-signed certificate is signed by itself',
    text: [...pki({ cert: 'cert c subject=bank.example key=k issuer=self', trust: 'c' }), ...HELLO],
    note: { text: 'c ✓ signed by itself (self-signed), for bank.example', warning: false },
  },
  {
    name: 'a client that trusts any certificate is told it checked nothing',
    text: [...pki({ trust: 'any' }), ...HELLO],
    note: { text: '⚠ client accepts c unchecked: it trusts any certificate', warning: true },
  },
  {
    name: 'a client that trusts the attacker CA is told why it accepts',
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
    note: { text: '⚠ client accepts fake: it trusts ProxyRoot, mallory’s CA', warning: true },
  },
  {
    name: 'a rejected certificate gets the failure, not a check mark',
    text: [...pki({ trust: 'Other', extra: ['ca Other'] }), ...HELLO],
  },
];

for (const { name, text, note } of CERTIFICATE_NOTES) {
  test(name, () => {
    const body = decode(draw(...text))
      .split('\n')
      .map((l) => l.trim());
    const certificate = body.findIndex((l) => / Certificate cert=/.test(l));
    const checks = body.filter((l) => /^Note over p0: .*(✓|accepts)/.test(l));
    if (!note) {
      assert.deepEqual(checks, []);
      return;
    }
    assert.deepEqual(checks, [`Note over p0: ${note.text}`]);
    const at = body.indexOf(checks[0] as string);
    // Right under the Certificate arrow, in an error rect of its own when it is a warning.
    assert.equal(at, certificate + (note.warning ? 2 : 1));
    assert.equal(body[at - 1] === ERROR_RECT, note.warning);
  });
}

test('TLS 1.3 handshake keys and application keys are two phases', () => {
  const text = decode(
    draw(
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
      'client -> server ApplicationData "GET /"',
      'server -> client ApplicationData "200 OK"',
    ),
  );
  const tints = text
    .split('\n')
    .map((l) => l.trim())
    .flatMap((l, i, all) =>
      l.startsWith('rect ') && l !== ERROR_RECT ? [`${l} | ${all[i + 1] ?? ''}`] : [],
    );
  assert.deepEqual(tints, [
    `rect ${TLS_COLOURS.clear} | Note over p0,p1: TLS handshake`,
    `rect ${TLS_COLOURS.handshake} | Note over p0,p1: 🔒 Encrypted with the handshake keys`,
    `rect ${TLS_COLOURS.application} | Note over p0,p1: 🔒 Encrypted with the application keys`,
  ]);
  assert.notEqual(TLS_COLOURS.handshake, TLS_COLOURS.application);
  const [handshake, application] = text.split('🔒').slice(1);
  assert.match(handshake ?? '', /p0->>p1: Finished/);
  assert.doesNotMatch(handshake ?? '', /ApplicationData/);
  assert.match(application ?? '', /ApplicationData/);
  assert.doesNotMatch(
    decode(draw(...pki(), ...HELLO, ...KEY_EXCHANGE)),
    /handshake keys|application keys/,
  );
});

/** Every phase title in the diagram, in order. */
function titles(text: string): string[] {
  return [...decode(text).matchAll(/Note over p0,p\d: (TLS handshake|🔒 .*)/g)].map(
    (m) => m[1] as string,
  );
}

const TWO_PARTY_12 = titles(draw(...pki(), ...HELLO, ...KEY_EXCHANGE));

test('TLS 1.2: the handshake, then each side’s switch to the session keys, is titled', () => {
  assert.deepEqual(TWO_PARTY_12, [
    'TLS handshake',
    '🔒 Encrypted with the session keys',
    '🔒 Encrypted with the session keys',
  ]);
});

const RSA = 'TLS_RSA_WITH_AES_128_GCM_SHA256';

/** Two legs of a man in the middle: interleaved (relaying) or one after the other. */
const MITM_LEGS: readonly { name: string; text: string[] }[] = [
  {
    name: 'a relaying attacker',
    text: [
      ...MITM_PKI,
      `client -> mallory ClientHello random=r1 sni=bank.example versions=1.2 suites=${RSA}`,
      'mallory -> server forward ClientHello',
      `server -> mallory ServerHello random=r2 version=1.2 suite=${RSA}`,
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
    ],
  },
  {
    name: 'an attacker with a handshake of its own with each side',
    text: [
      ...MITM_PKI,
      'ca ProxyRoot holder=mallory',
      'key m holder=mallory',
      'cert fake subject=bank.example key=m issuer=ProxyRoot',
      'trust client CA ProxyRoot',
      ...[...HELLO, ...KEY_EXCHANGE].map((l) =>
        l
          .replace(/^server/, 'mallory')
          .replace(/-> server/, '-> mallory')
          .replace('cert=c', 'cert=fake')
          .replace('encrypted=k', 'encrypted=m'),
      ),
      ...[...HELLO, ...KEY_EXCHANGE].map((l) =>
        l
          .replace(/^client/, 'mallory')
          .replace(/-> client/, '-> mallory')
          .replace('r1', 'r3')
          .replace('r2', 'r4')
          .replace('pm', 'pm2'),
      ),
    ],
  },
];

for (const { name, text } of MITM_LEGS) {
  test(`one TLS handshake header for both legs of a MITM: ${name}`, () => {
    const drawn = draw(...text);
    assert.equal(drawn.match(/TLS handshake/g)?.length, 1);
    // Both legs together are titled like a handshake between two parties.
    assert.deepEqual(titles(drawn), TWO_PARTY_12);
  });
}

test('two handshakes without an attacker are titled each', () => {
  const again = [...HELLO, ...KEY_EXCHANGE].map((l) =>
    l.replace('r1', 'r3').replace('r2', 'r4').replace('pm', 'pm2'),
  );
  const drawn = draw(...pki(), ...HELLO, ...KEY_EXCHANGE, ...again);
  assert.equal(drawn.match(/TLS handshake/g)?.length, 2);
});

test('a TLS mistake is drawn in an error rect with its diagnostic', () => {
  const text = decode(draw(...pki(), ...HELLO.slice(0, 3), KEY_EXCHANGE[0] as string));
  assert.match(text, /✗ HS606 ClientKeyExchange is out of order/);
});

test('a TCP handshake then TLS: the TCP phase closes before the TLS tint opens', () => {
  const text = draw(
    ...pki(),
    'server listen',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
    'client -> server ACK seq=x+1 ack=y+1',
    ...HELLO,
  );
  const body = text.split('\n').map((l) => l.trim());
  const tint = body.indexOf(`rect ${TLS_COLOURS.clear}`);
  assert.equal(body[tint - 1], 'end');
  // Every rect is closed.
  assert.equal(
    body.filter((l) => l.startsWith('rect ')).length,
    body.filter((l) => l === 'end').length,
  );
});

test('hostile text in TLS fields and application data stays text', () => {
  const text = drawRaw(
    ...pki(),
    'client -> server ClientHello random=r1 sni=a;b%%{init}%%',
    ...HELLO.slice(1),
    ...KEY_EXCHANGE,
    'client -> server ApplicationData "<img src=x onerror=alert(1)>\\nNote over p0: x"',
  );
  for (const line of text.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    const shown = line
      .slice(colon + 2)
      .replace(/#\d+;/g, '')
      .replace(/<br\/>/g, ' ');
    assert.doesNotMatch(shown, /[;%<>#&]/, line);
  }
});
