import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { importCapture, listConnections } from '../../../src/core/capture/write/importCapture';
import { scanCapture } from '../../../src/core/capture/write/captureScan';
import { findInterceptions } from '../../../src/core/capture/write/interception';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { word } from '../../../src/core/text/words';
import { FIXTURES } from './support';

/**
 * Captures of a real TLS-intercepting proxy (issue 20, "a real man in the middle"): mitmproxy
 * 8.1.1's mitmdump in reverse mode between curl and openssl s_server on loopback, TLS 1.2 on
 * both legs (fixtures/mitm-real/make.sh; each case's command lines in NAME.cmd, what curl
 * printed in NAME.out). The import joins the two legs into one scenario with the proxy as an
 * attacker between client and server, and the verdict is the notes'.
 */
const MITM = `${FIXTURES}/mitm-real`;

function bytesOf(name: string): Uint8Array {
  return readFileSync(`${MITM}/${name}.pcap`);
}

function imported(name: string, connection?: number): string {
  const result = importCapture(() => [bytesOf(name)], {
    name: `${name}.pcap`,
    ...(connection !== undefined ? { connection } : {}),
  });
  assert.ok(result.ok, result.ok ? '' : word(result.error.message, 'en'));
  return result.text;
}

function verdict(text: string): string[] {
  return analyze(text).diagnostics.map((d) => d.code);
}

test('the client trusts the proxy’s CA (curl printed 200): one scenario, HS625', () => {
  assert.equal(readFileSync(`${MITM}/mitm-trusted.out`, 'utf8').trim(), '200');
  const text = imported('mitm-trusted');
  assert.match(text, /^attacker mallory {2}# 127\.0\.0\.1:\d+: the proxy/m);
  assert.match(text, /^ca mitmproxy_ca holder=mallory\b/m);
  assert.match(text, /^client +-> mallory +SYN /m);
  assert.match(text, /^mallory +-> server +SYN /m);
  assert.doesNotMatch(text, /client1|server2/);
  assert.deepEqual(verdict(text), ['HS625']);
});

test('the client trusts only the real root (curl error 60): it rejects the forged certificate', () => {
  assert.match(readFileSync(`${MITM}/mitm-untrusted.out`, 'utf8'), /^curl: \(60\)/);
  const text = imported('mitm-untrusted');
  assert.match(text, /^attacker mallory\b/m);
  assert.match(text, /^client -> mallory +Alert unknown_ca/m);
  assert.deepEqual(verdict(text), ['HS612']);
});

test('the preview draws the proxy as the middle participant', () => {
  const mermaid = renderMermaid(analyze(imported('mitm-trusted'))).text;
  const participants = [...mermaid.matchAll(/^ {2}participant \w+ as (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(participants, ['client', 'mallory', 'server']);
});

test('the two legs: the second opens while the first is open, same SNI, different issuers', () => {
  const scan = scanCapture([bytesOf('mitm-trusted')]);
  assert.deepEqual(findInterceptions(scan.connections), [
    {
      clientLeg: 1,
      serverLeg: 2,
      sni: 'localhost',
      proxyIssuer: 'CN=mitmproxy, O=mitmproxy',
      serverIssuer: 'CN=Handshake Real Root CA, O=Handshake',
    },
  ]);
  assert.equal(listConnections([bytesOf('mitm-trusted')]).connections.length, 2);
});

test('one connection asked for is written alone, as before: no attacker', () => {
  const text = imported('mitm-trusted', 1);
  assert.doesNotMatch(text, /attacker|mallory/);
  assert.match(text, /^endpoint client /m);
});

test('the reset that ends each leg answers the data before it (issue 20, point 4)', () => {
  for (const name of ['mitm-trusted', 'mitm-untrusted']) {
    const text = imported(name);
    assert.doesNotMatch(text, /simultaneous/, name);
    assert.match(text, /^\w+ +-> \w+ +PSH ACK .*len=31 .*\n(#.*\n)?\w+ +-> \w+ +RST +seq=/m, name);
  }
  assert.deepEqual(verdict(imported('reset-answers-bye')), []);
});
