import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { listConnections } from '../../../../src/core/capture/write/importCapture';
import { tlsGlance } from '../../../../src/core/capture/read/tlsGlance';
import { fixture } from '../support';

test('a connection that starts with a ClientHello is listed with its server name', () => {
  const summary = (name: string) => listConnections([fixture(name)]).connections[0]?.tls;
  assert.equal(summary('tls12.pcap'), 'TLS sni=handshake.test');
  assert.equal(summary('tls13-hrr.pcap'), 'TLS sni=shop.test');
  assert.equal(summary('tls12-rsa.pcap'), 'TLS sni=www.shop.test');
  assert.equal(summary('http.pcap'), undefined);
});

test('a ClientHello cut by the segment is still TLS, without a name; other bytes are not', () => {
  const hello = Uint8Array.from([22, 3, 1, 0, 200, 1, 0, 0, 196, 3, 3, 0, 0]);
  assert.equal(tlsGlance(hello), 'TLS');
  assert.equal(tlsGlance(new TextEncoder().encode('GET / HTTP/1.1\r\n')), undefined);
  assert.equal(tlsGlance(Uint8Array.from([22, 3, 1, 0, 4, 2, 0, 0, 0])), undefined);
});

test('any bytes are glanced at without throwing', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const withHeader = Uint8Array.from([22, 3, 3, 0, 0, 1, ...bytes]);
      tlsGlance(bytes);
      tlsGlance(withHeader);
    }),
  );
});
