import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { parseKeyLog } from '../../../src/core/capture/read/keyLog';
import { ConnectionDecryption } from '../../../src/core/capture/read/tlsDecryption';
import type { TlsEvent } from '../../../src/core/capture/read/tlsEvents';
import { scanCapture } from '../../../src/core/capture/write/captureScan';
import type { Connection } from '../../../src/core/capture/write/connectionTable';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { TlsStream } from '../../../src/core/capture/write/tlsStream';
import { TLS_HANDSHAKE_TYPE } from '../../../src/core/protocol/tlsMessageTypes';
import { nodeTlsCrypto } from '../../../src/cli/nodeTlsCrypto';
import { FIXTURES } from './support';

/**
 * TLS 1.3 captures of real software with the key log the client wrote (fixtures/tls-real/make.sh,
 * `openssl s_client -keylogfile`, GnuTLS's SSLKEYLOGFILE): imported with the key log, the
 * encrypted handshake is read, and the verdict is the one the real client reached, from the
 * real certificate. tshark, given the same key log, must find the same handshake messages.
 */
const REAL = `${FIXTURES}/tls-real`;

const VERDICTS: Readonly<Record<string, readonly string[]>> = {
  'tls13-accepted': [],
  // openssl verify error 10, Alert certificate_expired: the certificate's dates say why.
  'tls13-expired': ['HS615'],
  // openssl verify error 62, Alert bad_certificate: the certificate is for other.test.
  'tls13-wrong-name': ['HS614'],
  // GnuTLS answers an unknown CA with bad_certificate, not unknown_ca: the certificate itself
  // has nothing wrong, so the engine says the issuer is not trusted, and that the alert differs.
  'tls13-gnutls-unknown-ca': ['HS612', 'HS628'],
  'tls13-gnutls-wrong-name': ['HS614'],
  // The CertificateRequest, the client's empty Certificate and certificate_required.
  'tls13-no-client-cert': ['HS629'],
  'tls13-client-cert': [],
  'tls13-aes128': [],
  'tls13-chacha20': [],
  'tls13-hello-retry': [],
  // The second connection resumes with the first one's ticket: written as comments.
  'tls13-ticket': [],
};

function keyLogOf(name: string, file = `${REAL}/${name}.keylog`) {
  return { keyLog: parseKeyLog(readFileSync(file, 'utf8')), crypto: nodeTlsCrypto };
}

function imported(name: string, keyLog = keyLogOf(name)): string {
  const bytes = readFileSync(`${REAL}/${name}.pcap`);
  const result = importCapture(() => [bytes], { name: `${name}.pcap`, keyLog });
  assert.ok(result.ok);
  return result.text;
}

function withoutKeyLog(name: string): string {
  const bytes = readFileSync(`${REAL}/${name}.pcap`);
  const result = importCapture(() => [bytes], { name: `${name}.pcap` });
  assert.ok(result.ok);
  return result.text;
}

const TYPE_OF: Partial<Record<TlsEvent['kind'], number>> = {
  ...TLS_HANDSHAKE_TYPE,
  NewSessionTicket: TLS_HANDSHAKE_TYPE.NewSessionTicket,
};

/**
 * The handshake message types read per frame, as `frame<TAB>type,type` (tshark's layout).
 * `bytewise` feeds each payload one byte at a time: records and messages then cross segments.
 */
function ourHandshakeTypes(name: string, bytewise = false): string[] {
  const keyLog = keyLogOf(name);
  const streams = new Map<Connection, [TlsStream, TlsStream]>();
  const rows: string[] = [];
  scanCapture([readFileSync(`${REAL}/${name}.pcap`)], (packet, connection, direction) => {
    if (packet.len === 0) return;
    let pair = streams.get(connection);
    if (!pair) {
      const keys = new ConnectionDecryption(keyLog);
      const role = (d: 0 | 1) => keys.side(d === connection.client ? 'client' : 'server');
      pair = [new TlsStream(role(0)), new TlsStream(role(1))];
      streams.set(connection, pair);
    }
    const payload = packet.bytes.subarray(packet.payloadStart, packet.payloadEnd);
    const stream = pair[direction];
    const events = bytewise
      ? [...payload].flatMap((_, i) =>
          stream.push((packet.seq + i) >>> 0, payload.slice(i, i + 1), 1),
        )
      : stream.push(packet.seq, payload, packet.len);
    // As ScenarioWriter does: once the server speaks TLS 1.3, a ChangeCipherSpec encrypts nothing.
    if (events.some((e) => e.kind === 'ServerHello' && e.version === 0x0304))
      for (const stream of pair) stream.ccsEncrypts = false;
    const types = events.flatMap((e) =>
      e.kind === 'OtherHandshake'
        ? [e.type]
        : TYPE_OF[e.kind] !== undefined
          ? [TYPE_OF[e.kind]]
          : [],
    );
    if (types.length) rows.push(`${packet.frame}\t${types.join(',')}`);
  });
  return rows;
}

function tsharkHandshakeTypes(name: string): string[] {
  return readFileSync(`${REAL}/${name}.pcap.keylog.tsv`, 'utf8').trim().split('\n').slice(1);
}

for (const [name, codes] of Object.entries(VERDICTS)) {
  test(`${name} with its key log: ${codes.length ? codes.join(', ') : 'clean'}, as the real client decided`, () => {
    const text = imported(name);
    assert.match(text, /^# TLS 1\.3 decrypted with the key log \(client random [0-9a-f]{16}…/m);
    assert.doesNotMatch(text, /encrypted in the capture: assumed/);
    assert.deepEqual(
      analyze(text).diagnostics.map((d) => d.code),
      codes,
    );
  });

  test(`${name} with its key log: the same handshake messages as tshark decrypts, frame by frame`, () => {
    assert.deepEqual(ourHandshakeTypes(name), tsharkHandshakeTypes(name));
  });
}

test('records and handshake messages split across segments, one byte each, decrypt the same', () => {
  for (const name of ['tls13-client-cert', 'tls13-hello-retry', 'tls13-chacha20']) {
    assert.deepEqual(ourHandshakeTypes(name, true), tsharkHandshakeTypes(name), name);
  }
});

test('the expired certificate is read from the capture: its dates and issuer, and HS615', () => {
  const text = imported('tls13-expired');
  assert.match(
    text,
    /^cert shop_test_cert subject=shop\.test key=shop_test_key issuer=handshake_real_root_ca notBefore=2024-01-01 notAfter=2025-01-01$/m,
  );
  assert.match(
    text,
    /^trust client handshake_real_root_ca +# assumed from Alert certificate_expired: not the issuer, but the certificate expired on 2025-01-01$/m,
  );
  assert.doesNotMatch(text, /unseen_ca/);
});

test('CertificateRequest, the client’s Certificate and CertificateVerify are written as sent', () => {
  const text = imported('tls13-client-cert');
  const tls = [...text.matchAll(/^(client|server) -> \w+ {2}([A-Z]\w+)(?: cert=(\w+))?/gm)]
    .filter((m) => !/^(SYN|ACK|PSH|FIN|RST)/.test(m[2] as string))
    .map((m) => `${m[1]} ${m[2]}${m[3] ? ` ${m[3]}` : ''}`);
  assert.deepEqual(tls.slice(0, 14), [
    'client ClientHello',
    'server ServerHello',
    'server ChangeCipherSpec',
    'server EncryptedExtensions',
    'server CertificateRequest',
    'server Certificate shop_test_cert',
    'server CertificateVerify',
    'server Finished',
    'client ChangeCipherSpec',
    'client Certificate client_test_cert',
    'client CertificateVerify',
    'client Finished',
    'client ApplicationData',
    'server ApplicationData',
  ]);
  assert.match(text, /^key client_test_key holder=client$/m);
  assert.equal([...text.matchAll(/^# TLS NewSessionTicket/gm)].length, 2);
  assert.match(text, /^# TLS server sends Alert close_notify: it closes the connection$/m);
});

test('the client’s empty Certificate and the server’s certificate_required alert (HS629)', () => {
  const text = imported('tls13-no-client-cert');
  assert.match(text, /^client -> server {2}Certificate +# an empty chain$/m);
  assert.match(text, /^server -> client {2}Alert certificate_required$/m);
});

/** The text without the key log's comment: what the import wrote before key logs existed. */
const withoutNote = (text: string) => text.replace(/^# TLS 1\.3 not decrypted: .*\n/gm, '');

test('without a key log: as before, and a comment says why nothing was decrypted', () => {
  const text = withoutKeyLog('tls13-expired');
  assert.match(
    text,
    /^# TLS 1\.3 not decrypted: no key log was given \(import --keylog FILE, or the setting handshake\.capture\.keyLogFile\), so the encrypted flight is assumed\.$/m,
  );
  assert.match(
    text,
    /^cert shop_test_cert subject=shop\.test key=shop_test_key issuer=unseen_ca$/m,
  );
});

test('a key log without this connection’s client random: as without one, and it says so', () => {
  const text = imported('tls13-expired', keyLogOf('tls13-accepted'));
  assert.match(
    text,
    /^# TLS 1\.3 not decrypted: the key log has no secrets for this connection's client random [0-9a-f]{16}…, so the encrypted flight is assumed\.$/m,
  );
  assert.equal(withoutNote(text), withoutNote(withoutKeyLog('tls13-expired')));
});

test('a key log whose secret is wrong: the first record fails authentication, nothing is decrypted', () => {
  const good = readFileSync(`${REAL}/tls13-expired.keylog`, 'utf8');
  const wrong = good.replace(
    /^(SERVER_HANDSHAKE_TRAFFIC_SECRET \w+ )(\w)/m,
    (_all, head: string, digit: string) => `${head}${digit === '0' ? '1' : '0'}`,
  );
  const keyLog = { keyLog: parseKeyLog(wrong), crypto: nodeTlsCrypto };
  const text = imported('tls13-expired', keyLog);
  assert.match(
    text,
    /^# TLS 1\.3 not decrypted: a server record \(number 0 under its key\) failed authentication with the key log's SERVER_HANDSHAKE_TRAFFIC_SECRET/m,
  );
  assert.equal(withoutNote(text), withoutNote(withoutKeyLog('tls13-expired')));
});

test('a key log with the handshake secrets only: the handshake is read, the rest is not', () => {
  const good = readFileSync(`${REAL}/tls13-accepted.keylog`, 'utf8');
  const handshakeOnly = good.replace(/^(CLIENT|SERVER)_TRAFFIC_SECRET_0 .*$/gm, '');
  const text = imported('tls13-accepted', {
    keyLog: parseKeyLog(handshakeOnly),
    crypto: nodeTlsCrypto,
  });
  assert.match(text, /^server -> client {2}Finished$/m);
  assert.match(text, /^client -> server {2}Finished$/m);
  assert.match(
    text,
    /^# TLS 1\.3: the rest of this connection is not decrypted: the key log has no CLIENT_TRAFFIC_SECRET_0 for this connection\.$/m,
  );
  assert.match(text, /^client -> server {2}ApplicationData "35 bytes, encrypted"$/m);
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    [],
  );
});

test('TLS 1.2 is not decrypted and gets no key log comment', () => {
  const bytes = readFileSync(`${REAL}/tls12-accepted.pcap`);
  const plain = importCapture(() => [bytes], {});
  const keyed = importCapture(() => [bytes], { keyLog: keyLogOf('tls13-accepted') });
  assert.ok(plain.ok && keyed.ok);
  assert.equal(keyed.text, plain.text);
  assert.doesNotMatch(plain.text, /key log/);
});
