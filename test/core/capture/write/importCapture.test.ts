import { word } from '../../../../src/core/text/words';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCaptureFile, type CaptureShape } from '../../../../bench/captureFile';
import { test } from 'node:test';
import {
  importCapture,
  importSteps,
  problemText,
  listConnections,
  type ImportOptions,
  type ImportResult,
} from '../../../../src/core/capture/write/importCapture';
import { analyze } from '../../../../src/core/analysis/analyze';
import { formatDocument } from '../../../../src/core/format/format';
import { Conversation, pcapFile } from '../../../support/pcapWriter';
import { FIXTURES, fixture } from '../support';

function imported(bytes: Uint8Array, options = {}): string {
  const result: ImportResult = importCapture(() => [bytes], options);
  assert.ok(result.ok, result.ok ? '' : word(result.error.message, 'en'));
  return result.text;
}

/** Errors and warnings the checker reports on an imported file (infos are analysis notes). */
function problems(text: string): string[] {
  return analyze(text)
    .diagnostics.filter((d) => d.severity !== 'info')
    .map((d) => `${d.code} ${d.message}`);
}

const CORRECT = [
  'http.pcap',
  'refused.pcap',
  'tls12.pcap',
  'tls13.pcap',
  'http6.pcapng',
  'http.txt',
  'http-absolute.txt',
  'tls13-verbose.txt',
  'http6.txt',
  'tls12-hex.txt',
  'notes-old-format.txt',
  'notes-current-format.txt',
  'notes-as-written.txt',
];

for (const name of CORRECT) {
  test(`${name}: real, correct traffic imports with zero seq/ack errors (nothing at all)`, () => {
    const text = imported(fixture(name), { name });
    assert.deepEqual(
      analyze(text).diagnostics.map((d) => `${d.code} ${d.message}`),
      [],
    );
  });
}

test('the import of http.pcap is what the golden file shows', () => {
  const golden = `${FIXTURES}/http.pcap.handshake`;
  const text = imported(fixture('http.pcap'), { name: 'http.pcap' });
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
  assert.equal(text, readFileSync(golden, 'utf8'));
});

test('the refused connection: no listen, and the reset as the stack sent it', () => {
  const text = imported(fixture('refused.pcap'));
  assert.doesNotMatch(text, /listen/);
  assert.match(text, /^server -> client +RST ACK +seq=0 +ack=1537202331 +win=0 /m);
});

test('the passive side listens before the SYN it answered', () => {
  const lines = imported(fixture('http.pcap')).split('\n');
  const listen = lines.indexOf('server listen');
  const syn = lines.findIndex((l) => l.startsWith('client -> server  SYN '));
  assert.ok(listen >= 0 && listen < syn);
});

test('a deleted data segment: Wireshark names the gap, and the engine checks the rest', () => {
  const text = imported(fixture('http-lost.pcap'));
  const found = analyze(text).diagnostics.map((d) => d.code);
  assert.ok(found.includes('HS705')); // previous segment not captured
  assert.ok(found.includes('HS706')); // ACKed unseen segment
  // The missing request is written as assumed (captureGaps.test.ts): nothing for the engine.
  assert.deepEqual(
    problems(text).filter((p) => !p.startsWith('HS7')),
    [],
  );
});

test('a duplicated data segment is a retransmission, and nothing worse', () => {
  const text = imported(fixture('http-dup.pcap'));
  assert.deepEqual(problems(text), []);
  assert.deepEqual(
    analyze(text)
      .diagnostics.map((d) => d.code)
      .sort(),
    // Wireshark's name for it; the engine's own HS110 is not repeated on a captured segment.
    ['HS701'],
  );
});

test('several connections: numbered endpoints, each checks on its own', () => {
  const text = imported(fixture('zoo.pcap'));
  assert.match(text, /^endpoint client1 10\.0\.0\.1:40001$/m);
  assert.match(text, /^endpoint client10 10\.0\.0\.1:40008$/m);
  assert.match(text, /^# Connection 10 \(reuses the ports of connection 8\)$/m);
  const codes = new Set(analyze(text).diagnostics.map((d) => d.code));
  for (const code of [
    'HS702',
    'HS701',
    'HS703',
    'HS704',
    'HS705',
    'HS706',
    'HS707',
    'HS708',
    'HS709',
    'HS710',
    'HS711',
  ]) {
    assert.ok(codes.has(code as never), `${code} missing`);
  }
});

test('--connection picks one connection; the others are left out', () => {
  const text = imported(fixture('zoo.pcap'), { connection: 2 });
  assert.match(text, /^endpoint client 10\.0\.0\.1:40002$/m);
  assert.doesNotMatch(text, /40001|40003/);
});

test('listing counts frames, packets, bytes and analysis flags per connection', () => {
  const summary = listConnections([fixture('zoo.pcap')]);
  assert.equal(summary.format, 'pcap');
  assert.equal(summary.connections.length, 11);
  assert.deepEqual(summary.connections[0]?.analysis, {
    FAST_RETRANSMISSION: 1,
    LOST_SEGMENT: 1,
    DUPLICATE_ACK: 4,
  });
  assert.equal(summary.connections[10]?.sawHandshake, false);
});

test('a capture that starts after the handshake gets an assumed handshake, marked as such', () => {
  const c = new Conversation(
    [
      { ip: '10.0.0.1', port: 50000 },
      { ip: '10.0.0.2', port: 80 },
    ],
    [100, 200],
  );
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0);
  const text = imported(pcapFile(c.segments));
  assert.match(
    text,
    /# The capture starts after the handshake; it is assumed from the first packets\./,
  );
  assert.match(text, /^client -> server +SYN +seq=99 +# not in the capture: assumed$/m);
  assert.match(
    text,
    /^server -> client +SYN ACK +seq=199 +ack=100 +# not in the capture: assumed$/m,
  );
  // The assumed handshake lets the engine check the captured rest: nothing to report.
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    [],
  );
});

test('payload text becomes a label; binary payload does not', () => {
  const text = imported(fixture('http.pcap'));
  assert.match(text, /len=89 "GET \/index\.html HTTP\/1\.1"/);
  assert.doesNotMatch(imported(fixture('tls12.pcap')), /len=\d+ "/);
});

test('nothing importable is one error; a problem after some packets is kept as a comment', () => {
  const junk = importCapture(() => [Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])]);
  assert.equal(junk.ok, false);
  const whole = fixture('http.pcap');
  const cut = imported(whole.subarray(0, whole.length - 3));
  assert.match(cut, /^# Import problem: byte \d+: The file ends inside frame 12/m);
});

test('a cancelled import stops and says so', () => {
  const result = importCapture(() => [fixture('http.pcap')], { cancelled: () => true });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : word(result.error.message, 'en'), /cancelled/);
});

test('a capture that misses the SYN assumes it from the SYN ACK', () => {
  const c = new Conversation(
    [
      { ip: '10.0.0.1', port: 50000 },
      { ip: '10.0.0.2', port: 80 },
    ],
    [100, 200],
  ).handshake();
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0);
  const text = imported(pcapFile(c.segments.slice(1)));
  assert.match(
    text,
    /^server listen\nclient -> server +SYN +seq=100 +# not in the capture: assumed$/m,
  );
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    [],
  );
});

test('a large import (10,000 segments) comes out aligned as Format Document aligns it', () => {
  const c = new Conversation(
    [
      { ip: '10.0.0.1', port: 50000 },
      { ip: '10.0.0.2', port: 80 },
    ],
    [100, 200],
  ).handshake();
  for (let i = 0; i < 5000; i++) {
    c.emit(0, 'PA', 1 + (i % 1448));
    c.emit(1, 'A', 0);
  }
  const text = imported(pcapFile(c.segments));
  assert.ok(text.split('\n').length > 10_000);
  assert.deepEqual(formatDocument(text), []);
});

test('control characters of a bad tcpdump line reach neither the terminal nor the scenario raw', () => {
  const text = [
    '12:00:00.000000 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 1, win 100, length 0',
    '12:00:00.000000 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 99999999999, win 100, length 0 \u001b[31m\rclient -> server RST',
    '12:00:00.100000 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [S.], seq 5, ack 2, win 100, length 0',
    '',
  ].join('\n');
  const result = importCapture(() => [new TextEncoder().encode(text)]);
  assert.ok(result.ok);
  const problems = result.summary.problems.map((p) => problemText(p, 'en'));
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /length 0 \\x1b\[31m\\rclient -> server RST$/);
  const comment = result.text.split('\n').find((l) => l.startsWith('# Import problem:')) ?? '';
  assert.ok(comment.endsWith('\\x1b[31m\\rclient -> server RST'), comment);
  // eslint-disable-next-line no-control-regex
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(result.text), 'a control character left');
  // The CR did not turn the rest of the comment into a statement.
  assert.ok(!result.text.split(/\r?\n|\r/).some((l) => l.startsWith('client -> server RST')));
});

/** A generated capture of `shape`, read whole (bench/captureFile.ts writes it to a file). */
function generated(packets: number, connections: number, shape: CaptureShape): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-import-'));
  try {
    const path = join(dir, `${shape}.pcap`);
    writeCaptureFile(path, packets, connections, shape);
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `bytes` imported with its lines sent to `out` as they are ready, pushed `chunk` bytes a time. */
function streamed(
  bytes: Uint8Array,
  chunk: number,
  options: ImportOptions,
): { lines: string[]; atEachChunk: number[]; text: string } {
  const lines: string[] = [];
  const atEachChunk: number[] = [];
  const chunks = (): Uint8Array[] => {
    const all: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += chunk) all.push(bytes.subarray(at, at + chunk));
    return all;
  };
  const steps = importSteps(chunks, { ...options, out: (line) => void lines.push(line) });
  for (;;) {
    const step = steps.next(false);
    if (step.done) {
      assert.ok(step.value.ok);
      return { lines, atEachChunk, text: step.value.text };
    }
    if (step.value.pass === 'write') atEachChunk.push(lines.length);
  }
}

for (const shape of ['web', 'lossy', 'one-direction', 'syn-scan'] as const) {
  test(`${shape}: lines sent out as they come give the text the import returns`, () => {
    const bytes = generated(3000, 30, shape);
    for (const alignAtMost of [100_000, 500]) {
      const whole = importCapture(() => [bytes], { name: 'g.pcap', alignAtMost });
      assert.ok(whole.ok);
      const out = streamed(bytes, 8192, { name: 'g.pcap', alignAtMost });
      assert.equal(out.text, '');
      assert.equal(out.lines.join('\n') + '\n', whole.text, `aligned up to ${alignAtMost}`);
    }
  });
}

test('past the lines it aligns, the import holds no lines: each goes out as it is written', () => {
  const bytes = generated(3000, 30, 'web');
  const { lines, atEachChunk } = streamed(bytes, 8192, { alignAtMost: 500 });
  assert.ok(lines.length > 3000);
  // The first 500 lines wait to be aligned; then they go out with the chunks that give them.
  const first = atEachChunk.findIndex((n) => n > 0);
  assert.ok(first >= 0 && atEachChunk[first]! > 500 && atEachChunk[first]! < 1000);
  const half = atEachChunk[Math.floor(atEachChunk.length / 2)]!;
  assert.ok(half > lines.length * 0.3 && half < lines.length * 0.7, `${half} of ${lines.length}`);
  assert.ok(atEachChunk.at(-2)! > lines.length * 0.9);
});

test('up to the lines it aligns, the lines go out aligned once the capture is read', () => {
  const bytes = generated(300, 3, 'web');
  const { lines, atEachChunk } = streamed(bytes, 4096, {});
  assert.ok(atEachChunk.every((n) => n === 0));
  const whole = importCapture(() => [bytes]);
  assert.ok(whole.ok);
  assert.equal(lines.join('\n') + '\n', whole.text);
});

test('an import makes no connection summary unless one is read; read, they are the listing’s', () => {
  const bytes = readFileSync('examples/http.pcap');
  const result = importCapture(() => [bytes]);
  assert.ok(result.ok);
  const own = Object.getOwnPropertyDescriptor(result.summary, 'connections');
  assert.equal(typeof own?.get, 'function');
  assert.equal(result.summary.connectionCount, 1);
  assert.deepEqual(result.summary.connections, listConnections([bytes]).connections);
  assert.equal(JSON.parse(JSON.stringify(result.summary)).connections.length, 1);
});
