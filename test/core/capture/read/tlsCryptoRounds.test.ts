import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { nodeTlsCrypto } from '../../../../src/cli/nodeTlsCrypto';
import { parseKeyLog, type KeyLog } from '../../../../src/core/capture/read/keyLog';
import { NOT_YET } from '../../../../src/core/capture/read/tlsCrypto';
import {
  decryptInRounds,
  MemoTlsCrypto,
  type AsyncTlsCrypto,
} from '../../../../src/core/capture/read/tlsCryptoRounds';
import {
  importCapture,
  type ImportOptions,
} from '../../../../src/core/capture/write/importCapture';
import {
  nextTrafficSecret,
  SUITE_PROTECTION,
  trafficKeys,
} from '../../../../src/core/capture/read/tlsKeySchedule';
import {
  perRecordNonce,
  RecordProtection,
} from '../../../../src/core/capture/read/tlsRecordProtection';
import { webTlsCrypto } from '../../../../src/extension/capture/webTlsCrypto';
import { FIXTURES } from '../support';

/**
 * The key log decryption with an asynchronous crypto, in rounds: WebCrypto as VS Code for the
 * Web has it (Node 20's `globalThis.crypto.subtle`, the same API), on the real captures of
 * fixtures/tls-real. The last run's text must be the one Node's synchronous crypto gives, and
 * the rounds few: the key schedule's depth, not the number of records.
 */
const REAL = `${FIXTURES}/tls-real`;
const WEB = webTlsCrypto() as AsyncTlsCrypto;

const keyLogOf = (name: string): KeyLog =>
  parseKeyLog(readFileSync(`${REAL}/${name}.keylog`, 'utf8'));

function importText(name: string, keyLog?: ImportOptions['keyLog']): string {
  const bytes = readFileSync(`${REAL}/${name}.pcap`);
  const result = importCapture(() => [bytes], {
    name: `${name}.pcap`,
    ...(keyLog ? { keyLog } : {}),
  });
  assert.ok(result.ok, name);
  return result.text;
}

function inRounds(name: string, keyLog = keyLogOf(name), primitive = WEB, maxRounds?: number) {
  return decryptInRounds(
    primitive,
    (crypto) => importText(name, { keyLog, crypto }),
    undefined,
    maxRounds,
  );
}

/**
 * Each TLS 1.3 capture: runs of the import, and the HMACs and openings WebCrypto computed.
 * Three runs when only the server's flight is encrypted before the client gives up (keys,
 * records, the last run); four when both sides reach application data (the application keys are
 * asked for with the handshake's, so they cost no round of their own). An opening more than the
 * records is a record tried under the key before its own (a draft cannot see the Finished).
 */
const COST: Readonly<Record<string, { runs: number; hmacs: number; opens: number }>> = {
  'tls13-accepted': { runs: 4, hmacs: 8, opens: 17 },
  'tls13-aes128': { runs: 4, hmacs: 8, opens: 17 },
  // WebCrypto has no ChaCha20-Poly1305: opened in plain TypeScript (chacha20Poly1305.ts).
  'tls13-chacha20': { runs: 4, hmacs: 8, opens: 17 },
  'tls13-client-cert': { runs: 4, hmacs: 8, opens: 20 },
  'tls13-expired': { runs: 3, hmacs: 2, opens: 4 },
  'tls13-gnutls-unknown-ca': { runs: 3, hmacs: 4, opens: 5 },
  'tls13-gnutls-wrong-name': { runs: 3, hmacs: 4, opens: 5 },
  'tls13-hello-retry': { runs: 4, hmacs: 8, opens: 17 },
  'tls13-no-client-cert': { runs: 4, hmacs: 8, opens: 9 },
  'tls13-ticket': { runs: 4, hmacs: 16, opens: 30 },
  'tls13-wrong-name': { runs: 3, hmacs: 2, opens: 4 },
};

for (const [name, cost] of Object.entries(COST)) {
  test(`${name} with WebCrypto in rounds: the text Node's crypto gives, in ${cost.runs} runs`, async () => {
    const { result, cost: measured } = await inRounds(name);
    assert.equal(result, importText(name, { keyLog: keyLogOf(name), crypto: nodeTlsCrypto }));
    assert.match(result, /^# TLS 1\.3 decrypted with the key log/m);
    assert.deepEqual(measured, { ...cost, cutShort: false });
  });
}

test('a capture without TLS 1.3 asks for nothing: one run, the text without a key log', async () => {
  const keyLog = keyLogOf('tls13-accepted');
  for (const name of ['tls12-accepted', 'tls12-expired']) {
    const { result, cost } = await inRounds(name, keyLog);
    assert.deepEqual(cost, { runs: 1, hmacs: 0, opens: 0, cutShort: false }, name);
    assert.equal(result, importText(name), name);
  }
});

test('a key log of another session asks for nothing: one run', async () => {
  const { result, cost } = await inRounds('tls13-expired', keyLogOf('tls13-accepted'));
  assert.equal(cost.runs, 1);
  assert.match(result, /the key log has no secrets for this connection's client random/);
});

test('rounds that run out: the last run says what was not computed, and is cut short', async () => {
  const { result, cost } = await inRounds('tls13-accepted', undefined, WEB, 2);
  assert.deepEqual(cost, { runs: 2, hmacs: 8, opens: 0, cutShort: true });
  assert.match(
    result,
    /^# TLS 1\.3 not decrypted: VS Code for the Web's cryptography \(WebCrypto\) had not computed its keys when the import's rounds ran out, so the encrypted flight is assumed\.$/m,
  );
});

test('a result that ends the rounds (a cancelled import) is the last run', async () => {
  let runs = 0;
  const { result, cost } = await decryptInRounds(
    WEB,
    (crypto) => {
      runs++;
      return importText('tls13-accepted', { keyLog: keyLogOf('tls13-accepted'), crypto });
    },
    () => true,
  );
  assert.equal(runs, 1);
  assert.equal(cost.cutShort, true);
  assert.match(result, /had not computed its keys/);
});

/** Node's synchronous crypto behind promises: the rounds do not depend on WebCrypto. */
const PROMISED: AsyncTlsCrypto = {
  hmac: async (...args) => nodeTlsCrypto.hmac(...args),
  open: async (...args) => nodeTlsCrypto.open(...args),
};

test('the rounds do not depend on WebCrypto: Node’s crypto behind promises, the same runs', async () => {
  for (const name of ['tls13-chacha20', 'tls13-ticket']) {
    const { result, cost } = await inRounds(name, keyLogOf(name), PROMISED);
    assert.equal(result, importText(name, { keyLog: keyLogOf(name), crypto: nodeTlsCrypto }));
    assert.deepEqual(cost, { ...COST[name], cutShort: false });
  }
});

test('the memo answers what it computed, NOT_YET (asked once) for the rest', async () => {
  const memo = new MemoTlsCrypto();
  const key = new Uint8Array(32).fill(7);
  const data = new Uint8Array([1, 2, 3]);
  assert.equal(memo.hmac('sha256', key, data), NOT_YET);
  assert.equal(memo.hmac('sha256', key, data), NOT_YET);
  const asked = memo.takeAsked();
  assert.equal(asked.length, 1);
  await memo.compute(PROMISED, asked);
  assert.deepEqual(memo.hmac('sha256', key, data), nodeTlsCrypto.hmac('sha256', key, data));
  assert.equal(memo.takeAsked().length, 0);
});

test('two records under one key, nonce and header are asked for and kept apart', async () => {
  const memo = new MemoTlsCrypto();
  const zeros = new Uint8Array(16);
  const nonce = new Uint8Array(12);
  const header = new Uint8Array([23, 3, 3, 0, 20]);
  const a = new Uint8Array(20).fill(1);
  const b = new Uint8Array(20).fill(2);
  memo.open('aes-128-gcm', zeros, nonce, header, a);
  memo.open('aes-128-gcm', zeros, nonce, header, b);
  memo.open('aes-128-gcm', zeros, nonce, header, a);
  const asked = memo.takeAsked();
  assert.equal(asked.length, 2);
  await memo.compute(PROMISED, asked);
  // Neither is authentic under a key of zeros: both answered, as failures, not NOT_YET.
  assert.equal(memo.open('aes-128-gcm', zeros, nonce, header, a), undefined);
  assert.equal(memo.open('aes-128-gcm', zeros, nonce, header, b), undefined);
  assert.equal(memo.takeAsked().length, 0);
});

test('a KeyUpdate costs three runs more: the next secret, its keys, its records (RFC 8446 §7.2)', async () => {
  const suite = SUITE_PROTECTION.get(0x1302)!;
  const secret = new Uint8Array(48).fill(5);
  const next = nextTrafficSecret(nodeTlsCrypto, suite, secret);
  const seal = (under: Uint8Array, seq: number, inner: number[]) => {
    const { key, iv } = trafficKeys(nodeTlsCrypto, suite, under);
    const header = Buffer.from([23, 3, 3, 0, inner.length + 16]);
    const cipher = createCipheriv('aes-256-gcm', key, perRecordNonce(iv, seq));
    cipher.setAAD(header);
    const body = Buffer.concat([
      cipher.update(Buffer.from(inner)),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return [header, body] as const;
  };
  // A KeyUpdate (handshake type 24) and a record of data, each under its own key.
  const records = [seal(secret, 0, [24, 0, 0, 1, 0, 22]), seal(next, 0, [7, 7, 23])];
  const { result, cost } = await decryptInRounds(PROMISED, (crypto) => {
    const protection = new RecordProtection(crypto, suite, secret);
    const types: (number | string)[] = [];
    for (const [header, body] of records) {
      const opened = protection.open(header, body);
      types.push(opened.ok ? opened.type : opened.why);
      // As DirectionDecryption does: the next key once the KeyUpdate is read.
      if (opened.ok && opened.content[0] === 24) protection.update();
    }
    return types;
  });
  assert.deepEqual(result, [22, 23]);
  assert.deepEqual(cost, { runs: 6, hmacs: 5, opens: 3, cutShort: false });
});
