import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeTlsCrypto } from '../../../src/cli/nodeTlsCrypto';
import { parseKeyLog } from '../../../src/core/capture/read/keyLog';
import type { ImportOptions } from '../../../src/core/capture/write/importCapture';
import { importWithKeyLog } from '../../../src/extension/capture/hostTlsCrypto';
import { webTlsCrypto } from '../../../src/extension/capture/webTlsCrypto';

/** How the extension runs an import with the key log setting: once, or in rounds on the web. */
const keyLog = parseKeyLog(`CLIENT_HANDSHAKE_TRAFFIC_SECRET ${'aa'.repeat(32)} ${'11'.repeat(32)}`);

function recording() {
  const runs: ImportOptions[] = [];
  return { runs, run: async (options: ImportOptions) => (runs.push(options), 'text') };
}

test('without a key log, or without cryptography, one run without a key log', async () => {
  for (const [log, host] of [
    [undefined, { kind: 'sync', crypto: nodeTlsCrypto }],
    [keyLog, undefined],
  ] as const) {
    const { runs, run } = recording();
    assert.equal(await importWithKeyLog(log, host, { name: 'x' }, run), 'text');
    assert.deepEqual(runs, [{ name: 'x' }]);
  }
});

test('with Node’s crypto, one run with it', async () => {
  const { runs, run } = recording();
  await importWithKeyLog(keyLog, { kind: 'sync', crypto: nodeTlsCrypto }, {}, run);
  assert.deepEqual(runs, [{ keyLog: { keyLog, crypto: nodeTlsCrypto } }]);
});

test('with WebCrypto, a run that asks for nothing is the only one; a cancelled run ends them', async () => {
  const host = { kind: 'async', crypto: webTlsCrypto()! } as const;
  const { runs, run } = recording();
  assert.equal(await importWithKeyLog(keyLog, host, {}, run), 'text');
  assert.equal(runs.length, 1);
  let asked = 0;
  const cancelled = await importWithKeyLog(keyLog, host, {}, async (options) => {
    asked++;
    // Asks for an HMAC (a draft), then is cancelled: no second run.
    options.keyLog?.crypto.hmac('sha256', new Uint8Array(32), new Uint8Array(1));
    return undefined;
  });
  assert.equal(cancelled, undefined);
  assert.equal(asked, 1);
});
