import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKeyLog } from '../../../../src/core/capture/read/keyLog';
import { ConnectionDecryption } from '../../../../src/core/capture/read/tlsDecryption';
import type { TlsEvent } from '../../../../src/core/capture/read/tlsEvents';
import { nodeTlsCrypto } from '../../../../src/cli/nodeTlsCrypto';

const RANDOM = 'aa'.repeat(32);

function clientHello(random = RANDOM): Uint8Array {
  return new Uint8Array([3, 3, ...Buffer.from(random, 'hex'), 0]);
}

function serverHello(suite: number, version = 0x0304, helloRetry = false): TlsEvent {
  return {
    kind: 'ServerHello',
    random: '00',
    sessionId: '',
    version,
    suite,
    helloRetry,
    preSharedKey: false,
  };
}

function connection(log: string | undefined) {
  return new ConnectionDecryption(
    log === undefined ? undefined : { keyLog: parseKeyLog(log), crypto: nodeTlsCrypto },
  );
}

/** What `wants` says at the server's first encrypted record, and the note it reports. */
function firstRecord(keys: ConnectionDecryption, suite = 0x1302, version = 0x0304) {
  keys.side('client').sawHandshake(1, clientHello(), undefined);
  keys.side('server').sawHandshake(2, new Uint8Array(0), serverHello(suite, version));
  const found: TlsEvent[] = [];
  const wants = keys.side('server').wants(found);
  return {
    wants,
    notes: found.map((e) => (e.kind === 'KeyLog' ? e.note.outcome : e.kind)),
  };
}

const secret = (label: string) => `${label} ${RANDOM} ${'11'.repeat(48)}`;

test('with the server’s handshake secret, the record is gathered to be opened', () => {
  assert.deepEqual(firstRecord(connection(secret('SERVER_HANDSHAKE_TRAFFIC_SECRET'))), {
    wants: true,
    notes: [],
  });
});

test('why it is not decrypted, reported once per connection', () => {
  const cases: [string | undefined, number, string][] = [
    [undefined, 0x1302, 'no-key-log'],
    [secret('CLIENT_RANDOM').replace(RANDOM, 'bb'.repeat(32)), 0x1302, 'no-random'],
    [secret('CLIENT_HANDSHAKE_TRAFFIC_SECRET'), 0x1302, 'no-secret'],
    // TLS_AES_128_CCM_SHA256: not decrypted (WebCrypto has no CCM, no common client offers it).
    [secret('SERVER_HANDSHAKE_TRAFFIC_SECRET'), 0x1304, 'suite'],
  ];
  for (const [log, suite, outcome] of cases) {
    const keys = connection(log);
    assert.deepEqual(firstRecord(keys, suite), { wants: false, notes: [outcome] }, outcome);
    const again: TlsEvent[] = [];
    assert.equal(keys.side('client').wants(again), false);
    assert.deepEqual(again, []);
  }
});

test('TLS 1.2 and a HelloRetryRequest alone are not decrypted, and say nothing', () => {
  assert.deepEqual(firstRecord(connection(undefined), 0xc02f, 0x0303), { wants: false, notes: [] });
  const keys = connection(undefined);
  keys.side('server').sawHandshake(2, new Uint8Array(0), serverHello(0x1301, 0x0304, true));
  const found: TlsEvent[] = [];
  assert.equal(keys.side('server').wants(found), false);
  assert.deepEqual(found, []);
});

test('a capture without the ClientHello: the key log cannot be searched', () => {
  const keys = connection(secret('SERVER_HANDSHAKE_TRAFFIC_SECRET'));
  keys.side('server').sawHandshake(2, new Uint8Array(0), serverHello(0x1302));
  const found: TlsEvent[] = [];
  assert.equal(keys.side('server').wants(found), false);
  assert.deepEqual(
    found.map((e) => e.kind === 'KeyLog' && e.note.outcome),
    ['no-client-hello'],
  );
});

test('a record that fails authentication stops the connection’s decryption, with the reason', () => {
  const keys = connection(secret('SERVER_HANDSHAKE_TRAFFIC_SECRET'));
  assert.equal(firstRecord(keys).wants, true);
  const found: TlsEvent[] = [];
  const header = new Uint8Array([23, 3, 3, 0, 20]);
  assert.equal(keys.side('server').open(header, new Uint8Array(20), found), undefined);
  assert.deepEqual(found, [
    {
      kind: 'KeyLog',
      note: {
        outcome: 'authentication',
        label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET',
        sender: 'server',
        opened: 0,
      },
      partly: false,
    },
  ]);
  assert.equal(keys.side('server').wants([]), false);
});
