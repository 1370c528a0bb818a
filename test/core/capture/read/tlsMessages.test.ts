import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { handshakeEvent } from '../../../../src/core/capture/read/tlsMessages';

const u16 = (n: number) => [n >> 8, n & 0xff];

/** RFC 8446 §4.1.3: the random every HelloRetryRequest carries. */
const HRR_RANDOM =
  'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c'
    .match(/../g)
    ?.map((h) => parseInt(h, 16)) ?? [];

function serverHello(random: number[], extensions: number[]): Uint8Array {
  return Uint8Array.from([
    3,
    3,
    ...random,
    0,
    ...u16(0x1301),
    0,
    ...u16(extensions.length),
    ...extensions,
  ]);
}

test('a ServerHello with the special random is a HelloRetryRequest naming its group', () => {
  const extensions = [...u16(43), ...u16(2), ...u16(0x0304), ...u16(51), ...u16(2), ...u16(0x0018)];
  assert.deepEqual(handshakeEvent(2, serverHello(HRR_RANDOM, extensions)), {
    kind: 'ServerHello',
    random: 'e59a6111',
    sessionId: '',
    version: 0x0304,
    suite: 0x1301,
    helloRetry: true,
    selectedGroup: 0x0018,
    preSharedKey: false,
  });
});

test('a TLS 1.3 ServerHello: version from supported_versions, its key share, a pre-shared key', () => {
  const random = Array.from({ length: 32 }, (_, i) => i);
  const extensions = [
    ...[...u16(43), ...u16(2), ...u16(0x0304)],
    ...[...u16(51), ...u16(8), ...u16(0x001d), ...u16(4), 1, 2, 3, 4],
    ...[...u16(41), ...u16(2), ...u16(0)],
  ];
  const event = handshakeEvent(2, serverHello(random, extensions));
  assert.equal(event?.kind, 'ServerHello');
  if (event?.kind !== 'ServerHello') return;
  assert.equal(event.version, 0x0304);
  assert.equal(event.helloRetry, false);
  assert.deepEqual(event.keyShare, { group: 0x001d, key: '01020304' });
  assert.equal(event.preSharedKey, true);
});

test('messages without fields the language needs are events by their type', () => {
  assert.deepEqual(handshakeEvent(14, new Uint8Array(0)), { kind: 'ServerHelloDone' });
  assert.deepEqual(handshakeEvent(13, new Uint8Array(3)), { kind: 'CertificateRequest' });
  assert.deepEqual(handshakeEvent(99, new Uint8Array(0)), { kind: 'OtherHandshake', type: 99 });
});

test('a message too short for its fields is no event, and nothing throws', () => {
  assert.equal(handshakeEvent(1, Uint8Array.from([3, 3, 0])), undefined);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 30 }),
      fc.uint8Array({ maxLength: 300 }),
      (type, body) => {
        handshakeEvent(type, body);
      },
    ),
  );
});
