import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { codesAt, covered, lines } from '../../helpers';

/*
 * RFC 8446 §4.1.2: the ClientHello after a HelloRetryRequest is the first one again with a new
 * key share. A change to anything else the language writes on it is one mistake (HS627), and
 * the handshake after it gives no second error.
 */

const AES = 'TLS_AES_128_GCM_SHA256';
const HELLO = `ClientHello random=r1 sni=example.org versions=1.2,1.3 suites=${AES}`;

/** A TLS 1.3 handshake with a HelloRetryRequest; `retry` is the second ClientHello's fields. */
function handshake(
  retry = `${HELLO} key_share=c2`,
  first = `${HELLO} key_share=c1`,
  serverHello = `ServerHello random=r2 version=1.3 suite=${AES} key_share=s2`,
): string {
  return lines(
    'endpoint client',
    'endpoint server',
    'ca CA',
    'key k holder=server',
    'cert c subject=example.org key=k issuer=CA',
    'trust client CA',
    `client -> server ${first}`,
    'server -> client HelloRetryRequest group=secp256r1',
    `client -> server ${retry}`,
    `server -> client ${serverHello}`,
    'server -> client EncryptedExtensions',
    'server -> client Certificate cert=c',
    'server -> client CertificateVerify',
    'server -> client Finished',
    'client -> server Finished',
    'client -> server ApplicationData "GET /"',
  );
}

function errors(text: string): string[] {
  return codesAt(analyze(text), ['error']);
}

test('a retried ClientHello with only a new key share is clean', () => {
  assert.deepEqual(codesAt(analyze(handshake())), []);
  const example = readFileSync('examples/tls13.handshake', 'utf8');
  assert.deepEqual(codesAt(analyze(example)), []);
});

test('a field the retry leaves out, or writes in another case or spelling, is no change', () => {
  assert.deepEqual(errors(handshake(`ClientHello random=r1 key_share=c2`)), []);
  assert.deepEqual(
    errors(
      handshake(
        `ClientHello random=r1 sni=EXAMPLE.org versions=TLS1.2,TLSv1.3 suites=${AES.toLowerCase()} key_share=c2`,
      ),
    ),
    [],
  );
});

const CHANGES: readonly { readonly field: string; readonly from: string; readonly to: string }[] = [
  { field: 'random', from: 'r1', to: 'r3' },
  { field: 'sni', from: 'example.org', to: 'other.example' },
  { field: 'versions', from: '1.2,1.3', to: '1.3' },
  { field: 'suites', from: AES, to: 'TLS_CHACHA20_POLY1305_SHA256' },
  { field: 'suites', from: AES, to: `${AES},TLS_CHACHA20_POLY1305_SHA256` },
];

for (const { field, from, to } of CHANGES) {
  const retry = `${HELLO} key_share=c2`.replace(`${field}=${from}`, `${field}=${to}`);
  const text = handshake(retry);

  test(`${field}=${to} on the retry: one HS627 on the value, naming the first one`, () => {
    const analysis = analyze(text);
    assert.deepEqual(codesAt(analysis, ['error']), [
      'HS627@9:' + (retry.indexOf(`${field}=`) + field.length + 19),
    ]);
    const d = analysis.diagnostics.find((x) => x.code === 'HS627');
    assert.ok(d);
    assert.equal(covered(text, d), to);
    assert.match(
      d.message,
      new RegExp(`sends ${field}=.*first ClientHello \\(line 7\\) sent ${field}=`),
    );
    assert.match(d.message, /RFC 8446 §4\.1\.2/);
    assert.equal(d.related.length, 1);
    assert.equal(text.slice(d.related[0]?.span.start, d.related[0]?.span.end), from);
  });

  test(`${field}=${to} on the retry: the fix writes ${from} back and leaves nothing`, () => {
    const d = analyze(text).diagnostics.find((x) => x.code === 'HS627');
    assert.equal(d?.fix?.edits[0]?.newText, from);
    const fixed = applyEdits(text, d?.fix?.edits ?? []);
    assert.equal(fixed, handshake());
    assert.deepEqual(codesAt(analyze(fixed)), []);
  });
}

test('a change in the first ClientHello is reported once, at the retry', () => {
  const first = `${HELLO} key_share=c1`.replace(
    `suites=${AES}`,
    'suites=TLS_CHACHA20_POLY1305_SHA256',
  );
  assert.deepEqual(errors(handshake(undefined, first)), ['HS627@9:80']);
  const random = `${HELLO} key_share=c1`.replace('random=r1', 'random=r2');
  assert.deepEqual(errors(handshake(undefined, random)), ['HS627@9:37']);
  // The certificate is for the retry's name, which the client then checks it against.
  const sni = `${HELLO} key_share=c1`.replace('sni=example.org', 'sni=other.example');
  assert.deepEqual(codesAt(analyze(handshake(undefined, sni))), ['HS627@9:44']);
});

test('a server pick from either offer, and a server random equal to either, are not told again', () => {
  const chacha = 'TLS_CHACHA20_POLY1305_SHA256';
  const retry = `${HELLO} key_share=c2`.replace(`suites=${AES}`, `suites=${chacha}`);
  const pickChacha = `ServerHello random=r2 version=1.3 suite=${chacha} key_share=s2`;
  assert.deepEqual(errors(handshake(retry)), ['HS627@9:80']);
  assert.deepEqual(errors(handshake(retry, undefined, pickChacha)), ['HS627@9:80']);
  const r2 = `${HELLO} key_share=c2`.replace('random=r1', 'random=r2');
  assert.deepEqual(errors(handshake(r2)), ['HS627@9:37']);
});

test('two fields changed are two mistakes, each with its fix', () => {
  const retry = `${HELLO} key_share=c2`
    .replace('random=r1', 'random=r3')
    .replace('sni=example.org', 'sni=other.example');
  const analysis = analyze(handshake(retry));
  assert.deepEqual(
    analysis.diagnostics.map((d) => [d.code, d.fix?.edits[0]?.newText]),
    [
      ['HS627', 'r1'],
      ['HS627', 'example.org'],
    ],
  );
});

test('in Chinese the message names the field, both values and the rule', () => {
  const retry = `${HELLO} key_share=c2`.replace('versions=1.2,1.3', 'versions=1.3');
  const d = analyze(handshake(retry), { locale: 'zh-cn' }).diagnostics[0];
  assert.equal(d?.code, 'HS627');
  assert.match(d.message, /versions=1\.3.*第 7 行.*versions=1\.2,1\.3.*RFC 8446 §4\.1\.2/);
  assert.match(d.fix?.title ?? '', /versions=1\.2,1\.3/);
});

test('a ClientHello again without a HelloRetryRequest is out of order, not HS627', () => {
  const text = handshake().replace('server -> client HelloRetryRequest group=secp256r1\n', '');
  assert.ok(!errors(text).some((c) => c.startsWith('HS627')));
});

test('a relayed retry is judged where it was written, once', () => {
  const relay = (suites: string) =>
    lines(
      'endpoint client',
      'attacker mallory',
      'endpoint server',
      'ca CA',
      'key k holder=server',
      'cert c subject=example.org key=k issuer=CA',
      'trust client CA',
      `client -> mallory ${HELLO} key_share=c1`,
      'mallory -> server forward ClientHello',
      'server -> mallory HelloRetryRequest group=secp256r1',
      'mallory -> client forward HelloRetryRequest',
      `client -> mallory ${HELLO.replace(AES, suites)} key_share=c2`,
      'mallory -> server forward ClientHello',
      `server -> mallory ServerHello random=r2 version=1.3 suite=${AES} key_share=s2`,
      'mallory -> client forward ServerHello',
    );
  assert.deepEqual(codesAt(analyze(relay(AES))), []);
  assert.deepEqual(errors(relay('TLS_CHACHA20_POLY1305_SHA256')), ['HS627@12:81']);
});
