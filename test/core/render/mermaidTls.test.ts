import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/check/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { TLS_COLOURS, ERROR_COLOUR } from '../../../src/core/render/colours';
import { lines } from '../../helpers';
import { HELLO, KEY_EXCHANGE, pki } from '../check/tlsCodeCases';

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
  const encrypted = text.indexOf(`rect ${TLS_COLOURS.encrypted}`);
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
