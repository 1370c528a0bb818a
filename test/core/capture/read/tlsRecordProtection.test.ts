import assert from 'node:assert/strict';
import { createCipheriv, type CipherGCMTypes } from 'node:crypto';
import { test } from 'node:test';
import { fromHex } from '../../../../src/core/capture/read/keyLog';
import { SUITE_PROTECTION, trafficKeys } from '../../../../src/core/capture/read/tlsKeySchedule';
import {
  innerPlaintext,
  perRecordNonce,
  RecordProtection,
} from '../../../../src/core/capture/read/tlsRecordProtection';
import { nodeTlsCrypto } from '../../../../src/cli/nodeTlsCrypto';

const SECRET = fromHex('b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38');

/** A TLS 1.3 record as a sender writes it (RFC 8446 §5.2), sealed with Node's crypto. */
function seal(suiteCode: number, seq: number, content: number[], type: number, padding = 0) {
  const suite = SUITE_PROTECTION.get(suiteCode)!;
  const { key, iv } = trafficKeys(nodeTlsCrypto, suite, SECRET);
  const inner = Buffer.from([...content, type, ...new Array<number>(padding).fill(0)]);
  const length = inner.length + 16;
  const header = Buffer.from([23, 3, 3, length >> 8, length & 0xff]);
  const cipher = createCipheriv(suite.aead as CipherGCMTypes, key, perRecordNonce(iv, seq), {
    authTagLength: 16,
  });
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
  return { header: new Uint8Array(header), body: new Uint8Array(body) };
}

test('the per-record nonce is the IV XOR the sequence number, big-endian, right-aligned (RFC 8446 §5.3)', () => {
  const iv = fromHex('5d313eb2671276ee13000b30');
  assert.equal(Buffer.from(perRecordNonce(iv, 0)).toString('hex'), '5d313eb2671276ee13000b30');
  assert.equal(Buffer.from(perRecordNonce(iv, 1)).toString('hex'), '5d313eb2671276ee13000b31');
  assert.equal(Buffer.from(perRecordNonce(iv, 0x0102)).toString('hex'), '5d313eb2671276ee13000a32');
  assert.equal(
    Buffer.from(perRecordNonce(iv, 2 ** 40)).toString('hex'),
    '5d313eb2671277ee13000b30',
  );
});

test('TLSInnerPlaintext: the real type is the last byte that is not zero (RFC 8446 §5.2)', () => {
  assert.deepEqual(innerPlaintext(new Uint8Array([1, 0, 21, 0, 0])), {
    ok: true,
    type: 21,
    content: new Uint8Array([1, 0]),
  });
  assert.deepEqual(innerPlaintext(new Uint8Array([22])), {
    ok: true,
    type: 22,
    content: new Uint8Array([]),
  });
  assert.equal(innerPlaintext(new Uint8Array([0, 0, 0])), undefined);
});

for (const [code, name] of [
  [0x1301, 'AES-128-GCM'],
  [0x1302, 'AES-256-GCM'],
  [0x1303, 'ChaCha20-Poly1305'],
] as const) {
  test(`${name}: records open in sequence, padding removed; a record out of sequence does not`, () => {
    const protection = new RecordProtection(nodeTlsCrypto, SUITE_PROTECTION.get(code)!, SECRET);
    const first = seal(code, 0, [8, 0, 0, 2, 0, 0], 22, 7);
    const second = seal(code, 1, [2, 40], 21);
    assert.deepEqual(protection.open(first.header, first.body), {
      ok: true,
      type: 22,
      content: new Uint8Array([8, 0, 0, 2, 0, 0]),
    });
    assert.deepEqual(protection.open(second.header, second.body), {
      ok: true,
      type: 21,
      content: new Uint8Array([2, 40]),
    });
    assert.equal(protection.records, 2);
    const replay = seal(code, 0, [1], 23);
    assert.deepEqual(protection.open(replay.header, replay.body), {
      ok: false,
      why: 'authentication',
    });
  });
}

test('a changed byte, header or tag fails authentication, and nothing throws', () => {
  const protection = () =>
    new RecordProtection(nodeTlsCrypto, SUITE_PROTECTION.get(0x1302)!, SECRET);
  const record = seal(0x1302, 0, [20, 0, 0, 0], 22);
  const body = record.body.slice();
  body[0] = (body[0] as number) ^ 1;
  assert.equal(protection().open(record.header, body).ok, false);
  const header = record.header.slice();
  header[2] = 1;
  assert.equal(protection().open(header, record.body).ok, false);
  assert.equal(protection().open(record.header, record.body.subarray(0, 10)).ok, false);
  assert.equal(protection().open(record.header, new Uint8Array(0)).ok, false);
});

test('a record of zeros only has no content type', () => {
  const protection = new RecordProtection(nodeTlsCrypto, SUITE_PROTECTION.get(0x1301)!, SECRET);
  const record = seal(0x1301, 0, [], 0, 3);
  assert.deepEqual(protection.open(record.header, record.body), {
    ok: false,
    why: 'no-content-type',
  });
});

test('after a KeyUpdate the next record is under the next secret, from sequence number 0', () => {
  const suite = SUITE_PROTECTION.get(0x1301)!;
  const protection = new RecordProtection(nodeTlsCrypto, suite, SECRET);
  const first = seal(0x1301, 0, [24, 0, 0, 1, 0], 22);
  assert.equal(protection.open(first.header, first.body).ok, true);
  protection.update();
  assert.equal(protection.records, 0);
  const old = seal(0x1301, 1, [1], 23);
  assert.equal(protection.open(old.header, old.body).ok, false);
});
