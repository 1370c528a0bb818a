import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture } from '../../../src/core/capture/importCapture';
import { TlsStream } from '../../../src/core/capture/tlsStream';
import { fixture } from './support';

function tlsLines(name: string): string[] {
  const bytes = fixture(name);
  const result = importCapture(() => [bytes]);
  assert.ok(result.ok);
  return result.text.split('\n').filter((line) => line.startsWith('# TLS '));
}

test('TLS 1.2: ClientHello with SNI, ServerHello with version and suite, the certificate subject', () => {
  assert.deepEqual(tlsLines('tls12.pcap').slice(0, 4), [
    '# TLS ClientHello sni=handshake.test versions=TLS1.2',
    '# TLS ServerHello version=TLS1.2 suite=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    '# TLS Certificate subject="CN=handshake.test"',
    '# TLS ChangeCipherSpec',
  ]);
});

test('TLS 1.3: the version comes from supported_versions; the certificate is encrypted', () => {
  const lines = tlsLines('tls13.pcap');
  assert.deepEqual(lines.slice(0, 2), [
    '# TLS ClientHello sni=handshake.test versions=TLS1.3',
    '# TLS ServerHello version=TLS1.3 suite=TLS_AES_256_GCM_SHA384',
  ]);
  assert.ok(!lines.some((line) => line.includes('Certificate')));
});

test('TLS from tcpdump -X text is found as from the pcap', () => {
  assert.deepEqual(tlsLines('tls12-hex.txt'), tlsLines('tls12.pcap'));
});

test('plain HTTP has no TLS lines', () => {
  assert.deepEqual(tlsLines('http.pcap'), []);
});

test('a ClientHello split over two segments is found when the second arrives', () => {
  const record = Uint8Array.from([
    22,
    3,
    1,
    0,
    47, // handshake record, 47 bytes
    1,
    0,
    0,
    43,
    3,
    3,
    ...new Array<number>(32).fill(7),
    0,
    0,
    2,
    0x13,
    0x01,
    1,
    0,
    0,
    0,
  ]);
  const stream = new TlsStream();
  assert.deepEqual(stream.push(100, record.subarray(0, 20), 20), []);
  assert.deepEqual(stream.push(120, record.subarray(20), record.length - 20), [
    'ClientHello versions=TLS1.2',
  ]);
});

test('a stream that does not start like TLS is dropped at once', () => {
  const stream = new TlsStream();
  assert.deepEqual(stream.push(1, new TextEncoder().encode('GET / HTTP/1.1\r\n'), 16), []);
  assert.equal(stream.active, false);
});
