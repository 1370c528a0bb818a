import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanCapture } from '../../../../src/core/capture/write/captureScan';
import type { Connection } from '../../../../src/core/capture/write/connectionTable';
import { findInterceptions, namesHost } from '../../../../src/core/capture/write/interception';
import type { CertificateFacts } from '../../../../src/core/capture/read/x509Certificate';
import { fixture } from '../support';

/** The two legs of a real mitmproxy interception (fixtures/mitm-real/make.sh). */
function legs(): [Connection, Connection] {
  const [client, server] = scanCapture([fixture('mitm-real/mitm-trusted.pcap')]).connections;
  assert.ok(client && server);
  return [client, server];
}

function withLeaf(c: Connection, leaf: Partial<CertificateFacts>): Connection {
  const before = c.certificate?.leaf as CertificateFacts;
  return { ...c, certificate: { stream: undefined, segments: 0, leaf: { ...before, ...leaf } } };
}

test('the listing reads each TLS server’s certificate in the clear', () => {
  const [client, server] = legs();
  assert.equal(client.certificate?.leaf?.issuer, 'CN=mitmproxy, O=mitmproxy');
  assert.equal(server.certificate?.leaf?.issuer, 'CN=Handshake Real Root CA, O=Handshake');
  assert.equal(client.certificate?.stream, undefined, 'the glance stops at the certificate');
});

test('not an interception: the same issuer, another name, or a second connection opened later', () => {
  const [client, server] = legs();
  assert.equal(findInterceptions([client, server]).length, 1);
  const sameIssuer = withLeaf(server, { issuer: 'CN=mitmproxy, O=mitmproxy' });
  assert.deepEqual(findInterceptions([client, sameIssuer]), []);
  assert.deepEqual(findInterceptions([client, { ...server, tls: 'TLS sni=other.test' }]), []);
  const later = { ...server, firstFrame: client.lastFrame + 1, lastFrame: client.lastFrame + 9 };
  assert.deepEqual(findInterceptions([client, later]), []);
  const forOther = withLeaf(client, { dnsNames: ['other.test'] });
  assert.deepEqual(findInterceptions([forOther, server]), []);
  // TLS 1.3 encrypts the certificates: without them nothing is joined.
  assert.deepEqual(findInterceptions([{ ...client, certificate: undefined }, server]), []);
});

test('namesHost: a DNS name, a one-label wildcard, the common name only without DNS names', () => {
  const facts = (dnsNames: string[], commonName?: string): CertificateFacts => ({
    subject: '',
    issuer: '',
    dnsNames,
    ...(commonName !== undefined ? { commonName } : {}),
  });
  assert.ok(namesHost(facts(['shop.test']), 'SHOP.test'));
  assert.ok(namesHost(facts(['*.shop.test']), 'www.shop.test'));
  assert.ok(!namesHost(facts(['*.shop.test']), 'a.b.shop.test'));
  assert.ok(!namesHost(facts(['*.shop.test']), 'shop.test'));
  assert.ok(namesHost(facts([], 'shop.test'), 'shop.test'));
  assert.ok(!namesHost(facts(['other.test'], 'shop.test'), 'shop.test'));
});
