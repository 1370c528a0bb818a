import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// The real bundle, as users run it (`npm test` builds it first).
const CLI = 'dist/cli.js';
const FIXTURES = 'test/core/capture/fixtures';

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function temp(name: string, bytes: Uint8Array | string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'handshake-import-')), name);
  writeFileSync(file, bytes);
  return file;
}

for (const fixture of [
  'http.pcap',
  'refused.pcap',
  'tls12.pcap',
  'tls13.pcap',
  'http6.pcapng',
  'http.txt',
]) {
  test(`import ${fixture} | check: a correct capture checks without errors or warnings`, () => {
    const imported = cli('import', `${FIXTURES}/${fixture}`);
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(imported.stderr, '');
    const file = temp('imported.handshake', imported.stdout);
    const checked = cli('check', file);
    assert.equal(checked.stdout, '');
    assert.equal(checked.status, 0);
  });
}

test('import --list prints one line per connection with its analysis', () => {
  const result = cli('import', '--list', `${FIXTURES}/zoo.pcap`);
  assert.equal(result.status, 0);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, 11);
  assert.match(
    lines[0] as string,
    /^1: 10\.0\.0\.1:40001 -> 10\.0\.0\.2:80 .*TCP Fast Retransmission ×1/,
  );
  assert.match(lines[9] as string, /TCP Port numbers reused ×1/);
});

test('import --connection N writes that connection only, named client and server', () => {
  const result = cli('import', '--connection', '3', `${FIXTURES}/zoo.pcap`);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^endpoint client 10\.0\.0\.1:40003$/m);
  assert.doesNotMatch(result.stdout, /40001/);
  const checked = cli('check', temp('c3.handshake', result.stdout));
  assert.match(checked.stdout, /info HS703: \[TCP Spurious Retransmission\]/);
});

test('a connection that does not exist is one error, and a wrong option: exit 2', () => {
  const result = cli('import', '--connection', '99', `${FIXTURES}/http.pcap`);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /There is no connection 99: the capture has 1 TCP connection,/);
});

test('--connection 3 on a file of two connections exits 2 and says which there are', () => {
  const result = cli('import', '--connection', '3', `${FIXTURES}/loopback-fastopen.pcap`);
  assert.equal(result.stdout, '');
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /There is no connection 3: the capture has 2 TCP connections, numbered 1 to 2/,
  );
});

test('a file that is not a capture is one error naming byte 0', () => {
  const result = cli('import', temp('junk.bin', Uint8Array.from([0, 1, 2, 3, 0xff, 0xfe, 7, 8])));
  assert.equal(result.status, 1);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.match(result.stderr, /junk\.bin: byte 0: Not a packet capture/);
});

test('a truncated last record is reported with its offset and the rest is imported', () => {
  const whole = readFileSync(`${FIXTURES}/http.pcap`);
  const result = cli('import', temp('cut.pcap', whole.subarray(0, whole.length - 10)));
  assert.equal(result.status, 0);
  assert.match(result.stderr, /cut\.pcap: byte \d+: The file ends inside frame 12/);
  assert.match(result.stdout, /# frame 11 /);
  assert.doesNotMatch(result.stdout, /# frame 12 /);
});

test('a missing file exits 2', () => {
  const result = cli('import', 'no/such/file.pcap');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /cannot read no\/such\/file\.pcap: no such file/);
});

test('usage errors exit 2', () => {
  assert.equal(cli('import').status, 2);
  assert.equal(cli('import', '--connection', 'x', 'f.pcap').status, 2);
  assert.equal(cli('import', '--frobnicate', 'f.pcap').status, 2);
});

test('import --keylog decrypts TLS 1.3: the expired certificate is read and check gives HS615', () => {
  const real = `${FIXTURES}/tls-real`;
  const imported = cli(
    'import',
    '--keylog',
    `${real}/tls13-expired.keylog`,
    `${real}/tls13-expired.pcap`,
  );
  assert.equal(imported.status, 0, imported.stderr);
  assert.equal(imported.stderr, '');
  assert.match(imported.stdout, /^# TLS 1\.3 decrypted with the key log/m);
  assert.match(imported.stdout, /notAfter=2025-01-01/);
  const checked = cli('check', temp('expired.handshake', imported.stdout));
  assert.match(checked.stdout, /HS615/);
});

test('import --keylog: the key log’s bad lines go to stderr with their line; a missing one exits 2', () => {
  const real = `${FIXTURES}/tls-real`;
  const good = readFileSync(`${real}/tls13-expired.keylog`, 'utf8');
  const log = temp('bad.keylog', `${good}NOT A LINE\n`);
  const imported = cli('import', '--keylog', log, `${real}/tls13-expired.pcap`);
  assert.equal(imported.status, 0);
  const line = good.split('\n').length;
  assert.ok(
    imported.stderr.includes(`bad.keylog:${line}: unknown label NOT: skipped.`),
    imported.stderr,
  );
  assert.match(imported.stdout, /notAfter=2025-01-01/);
  const missing = cli('import', '--keylog', `${real}/no-such.keylog`, `${real}/tls13-expired.pcap`);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such\.keylog/);
  const noFile = cli('import', '--keylog');
  assert.equal(noFile.status, 2);
});
