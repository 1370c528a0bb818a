import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CaptureReader } from '../../../../src/core/capture/read/captureReader';
import { addressText } from '../../../../src/core/capture/read/packet';
import { tlsEventText, type TlsEvent } from '../../../../src/core/capture/read/tlsEvents';
import { TlsStream } from '../../../../src/core/capture/write/tlsStream';
import { FIXTURES, fixture } from '../support';

/** A TLS record: content type, version 3.3, length, body. */
function record(type: number, body: readonly number[]): number[] {
  return [type, 3, 3, body.length >> 8, body.length & 0xff, ...body];
}

/** A handshake message: type, 24-bit length, body. */
function message(type: number, body: readonly number[]): number[] {
  return [type, 0, body.length >> 8, body.length & 0xff, ...body];
}

function u16(n: number): number[] {
  return [n >> 8, n & 0xff];
}

function extension(type: number, data: readonly number[]): number[] {
  return [...u16(type), ...u16(data.length), ...data];
}

/** A ClientHello with GREASE values mixed in, SNI, supported_versions and one key share. */
const CLIENT_HELLO = message(1, [
  3,
  3,
  ...Array.from({ length: 32 }, (_, i) => i), // random 00 01 02 ... 1f
  0, // no session id
  ...u16(6),
  ...u16(0x0a0a),
  ...u16(0x1301),
  ...u16(0xc02f),
  1,
  0,
  ...u16(
    [
      extension(0, [...u16(8), 0, ...u16(5), ...'a.com'.split('').map((c) => c.charCodeAt(0))]),
      extension(43, [6, ...u16(0x2a2a), ...u16(0x0304), ...u16(0x0303)]),
      extension(51, [...u16(40), ...u16(0x001d), ...u16(36), ...new Array<number>(36).fill(9)]),
    ].flat().length,
  ),
  ...extension(0, [...u16(8), 0, ...u16(5), ...'a.com'.split('').map((c) => c.charCodeAt(0))]),
  ...extension(43, [6, ...u16(0x2a2a), ...u16(0x0304), ...u16(0x0303)]),
  ...extension(51, [...u16(40), ...u16(0x001d), ...u16(36), ...new Array<number>(36).fill(9)]),
]);

function texts(events: readonly TlsEvent[]): string[] {
  return events.map(tlsEventText);
}

test('a ClientHello: random, SNI, versions and key share, GREASE left out', () => {
  const [event] = new TlsStream().push(1, Uint8Array.from(record(22, CLIENT_HELLO)), 999);
  assert.equal(event, undefined, 'a payload shorter than the wire length is not read');
  const bytes = Uint8Array.from(record(22, CLIENT_HELLO));
  const events = new TlsStream().push(1, bytes, bytes.length);
  assert.deepEqual(events, [
    {
      kind: 'ClientHello',
      random: '04050607',
      sessionId: '',
      sni: 'a.com',
      alpn: [],
      versions: [0x0304, 0x0303],
      suites: [0x1301, 0xc02f],
      keyShares: [{ group: 0x001d, key: '09090909' }],
    },
  ]);
});

test('a ClientHello split over two segments is found when the second arrives', () => {
  const bytes = Uint8Array.from(record(22, CLIENT_HELLO));
  const stream = new TlsStream();
  assert.deepEqual(stream.push(100, bytes.subarray(0, 20), 20), []);
  assert.deepEqual(texts(stream.push(120, bytes.subarray(20), bytes.length - 20)), [
    'ClientHello sni=a.com versions=TLS1.3,TLS1.2',
  ]);
});

test('a segment after a hole waits for the retransmission that fills it', () => {
  const bytes = Uint8Array.from(record(22, CLIENT_HELLO));
  const stream = new TlsStream();
  assert.deepEqual(stream.push(100, bytes.subarray(0, 10), 10), []);
  assert.deepEqual(stream.push(130, bytes.subarray(30), bytes.length - 30), []);
  // A retransmission of bytes already read changes nothing.
  assert.deepEqual(stream.push(100, bytes.subarray(0, 10), 10), []);
  const events = stream.push(110, bytes.subarray(10, 30), 20);
  assert.deepEqual(texts(events), ['ClientHello sni=a.com versions=TLS1.3,TLS1.2']);
});

test('a retransmission that overlaps new bytes contributes only the new ones', () => {
  const bytes = Uint8Array.from(record(22, CLIENT_HELLO));
  const stream = new TlsStream();
  stream.push(0, bytes.subarray(0, 30), 30);
  const events = stream.push(20, bytes.subarray(20), bytes.length - 20);
  assert.equal(events.length, 1);
});

test('TLS 1.2: after ChangeCipherSpec each record is reported by type, bodies never kept', () => {
  const stream = new TlsStream();
  const clear = [...record(20, [1]), ...record(22, new Array<number>(40).fill(1))];
  const data = [...record(23, new Array<number>(300).fill(2)), ...record(21, [7, 7])];
  const all = Uint8Array.from([...clear, ...data]);
  // Headers split across segments at every byte are still found.
  const events: TlsEvent[] = [];
  for (let at = 0; at < all.length; at += 3)
    events.push(...stream.push(at, all.subarray(at, at + 3), Math.min(3, all.length - at)));
  assert.deepEqual(texts(events), [
    'ChangeCipherSpec',
    'encrypted handshake record, 40 bytes',
    'encrypted data record, 300 bytes',
    'encrypted alert record, 2 bytes',
  ]);
});

test('TLS 1.3: ChangeCipherSpec does not encrypt; a ClientHello may follow it', () => {
  const stream = new TlsStream();
  stream.ccsEncrypts = false;
  const bytes = Uint8Array.from([...record(20, [1]), ...record(22, CLIENT_HELLO)]);
  assert.deepEqual(texts(stream.push(0, bytes, bytes.length)), [
    'ChangeCipherSpec',
    'ClientHello sni=a.com versions=TLS1.3,TLS1.2',
  ]);
});

test('a stream that does not start like TLS is dropped at once, without a word', () => {
  const stream = new TlsStream();
  assert.deepEqual(stream.push(1, new TextEncoder().encode('GET / HTTP/1.1\r\n'), 16), []);
  assert.equal(stream.active, false);
});

test('a TLS stream cut by the snapshot length says so once, then stops', () => {
  const stream = new TlsStream();
  const hello = Uint8Array.from(record(22, CLIENT_HELLO));
  stream.push(0, hello, hello.length);
  assert.deepEqual(stream.push(hello.length, hello.subarray(0, 10), 100), [
    { kind: 'Lost', why: 'snapshot' },
  ]);
  assert.deepEqual(stream.push(hello.length + 100, hello, hello.length), []);
  assert.equal(stream.active, false);
});

test('a hole larger than the buffer stops the stream with a gap', () => {
  const stream = new TlsStream();
  const hello = Uint8Array.from(record(22, CLIENT_HELLO));
  stream.push(0, hello, hello.length);
  const chunk = new Uint8Array(1400);
  const found: TlsEvent[] = [];
  for (let i = 0; i < 60 && stream.active; i++)
    found.push(...stream.push(10_000 + i * 1400, chunk, chunk.length));
  assert.deepEqual(found, [{ kind: 'Lost', why: 'gap' }]);
});

/** The handshake type numbers (RFC 8446 §4) of the events that are readable handshake messages. */
const HANDSHAKE_TYPES: Partial<Record<TlsEvent['kind'], number>> = {
  ClientHello: 1,
  ServerHello: 2,
  NewSessionTicket: 4,
  Certificate: 11,
  ServerKeyExchange: 12,
  CertificateRequest: 13,
  ServerHelloDone: 14,
  CertificateVerify: 15,
  ClientKeyExchange: 16,
};

for (const name of [
  'tls12.pcap',
  'tls13.pcap',
  'tls12-rsa.pcap',
  'tls12-rejected.pcap',
  'tls13-hrr.pcap',
]) {
  test(`${name}: the same readable handshake messages in the same frames as tshark`, () => {
    const ours = new Map<number, number[]>();
    const streams = new Map<string, TlsStream>();
    const reader = new CaptureReader((p) => {
      const key = `${addressText(p.srcWords, p.family)}.${p.srcPort}>${p.dstPort}`;
      const stream = streams.get(key) ?? new TlsStream();
      streams.set(key, stream);
      const events = stream.push(p.seq, p.bytes.subarray(p.payloadStart, p.payloadEnd), p.len);
      // As the scenario writer does: a TLS 1.3 ServerHello tells the other direction too.
      if (events.some((e) => e.kind === 'ServerHello' && e.version === 0x0304))
        for (const other of streams.values()) other.ccsEncrypts = false;
      const types = events.flatMap((e) => HANDSHAKE_TYPES[e.kind] ?? []);
      if (types.length) ours.set(p.frame, types);
    });
    reader.push(fixture(name));
    reader.end();
    const theirs = new Map<number, number[]>();
    for (const line of readFileSync(`${FIXTURES}/${name}.tls.tsv`, 'utf8').split('\n').slice(1)) {
      const [frame, types] = line.split('\t');
      if (frame && types) theirs.set(Number(frame), types.split(',').map(Number));
    }
    assert.ok(theirs.size >= 2);
    assert.deepEqual([...ours], [...theirs]);
  });
}
