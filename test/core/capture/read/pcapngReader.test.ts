import { word } from '../../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation, join, pcapngFile } from '../../../support/pcapWriter';
import { fixture, read } from '../support';

function traffic(): Conversation {
  const c = new Conversation([
    { ip: '10.0.0.1', port: 50000 },
    { ip: '10.0.0.2', port: 80 },
  ]);
  c.handshake();
  c.emit(0, 'PA', 10);
  c.emit(1, 'A', 0);
  return c;
}

test('a real pcapng (IPv6, nanosecond resolution) : every frame read, nothing reported', () => {
  const seen = read(fixture('http6.pcapng'));
  assert.equal(seen.lines.length, 12);
  assert.deepEqual(seen.problems, []);
  assert.match(
    seen.lines[0] as string,
    /^#1 \d+\.\d{9} ::1\.58796 > ::1\.18082 flags=2 seq=1714253314 /,
  );
});

test('several interfaces with their own link types and timestamp resolutions', () => {
  const c = traffic();
  const bytes = pcapngFile(c.segments, {
    interfaces: [{ link: 'ethernet' }, { link: 'raw', tsresol: 9 }, { link: 'sll2', tsresol: 3 }],
    interfaceOf: (i) => i % 3,
  });
  const seen = read(bytes);
  assert.equal(seen.lines.length, 5);
  assert.match(seen.lines[0] as string, /^#1 1700000000\.000100000 /); // µs, interface 0
  assert.match(seen.lines[1] as string, /^#2 1700000000\.000[12]\d{5} /); // ns, interface 1
  assert.match(seen.lines[2] as string, /^#3 1700000000\.000000000 /); // ms, interface 2
  assert.deepEqual(seen.problems, []);
});

test('big-endian sections, and a second section with its own interfaces', () => {
  const c = traffic();
  const first = pcapngFile(c.segments.slice(0, 2), { littleEndian: false });
  const second = pcapngFile(c.segments.slice(2), { interfaces: [{ link: 'null' }] });
  const seen = read(join([first, second]));
  assert.equal(seen.lines.length, 5);
  assert.match(seen.lines[4] as string, /^#5 .* 10\.0\.0\.2\.80 > 10\.0\.0\.1\.50000 flags=16 /);
});

test('simple packet blocks have no timestamp', () => {
  const seen = read(pcapngFile(traffic().segments, { simple: true }));
  assert.equal(seen.lines.length, 5);
  assert.match(seen.lines[0] as string, /^#1 0\.000000000 /);
});

test('chunk boundaries do not matter', () => {
  const bytes = fixture('http6.pcapng');
  assert.deepEqual(read(bytes, 1), read(bytes));
  assert.deepEqual(read(bytes, 13), read(bytes));
});

test('a block whose trailing length differs is corrupt: one fatal problem with its offset', () => {
  const bytes = pcapngFile(traffic().segments);
  const corrupt = bytes.slice();
  corrupt[corrupt.length - 4] = (corrupt[corrupt.length - 4] as number) ^ 0xff;
  const seen = read(corrupt);
  assert.equal(seen.lines.length, 4);
  assert.equal(seen.problems.length, 1);
  assert.equal(seen.problems[0]?.offset, bytes.length - 4);
  assert.match(word(seen.problems[0]?.message ?? '', 'en'), /starts with length \d+ but ends with/);
});

test('an impossible block length and a huge one are rejected before anything is allocated', () => {
  const bytes = pcapngFile(traffic().segments);
  const odd = bytes.slice();
  const shb = new DataView(odd.buffer).getUint32(4, true);
  new DataView(odd.buffer).setUint32(shb + 4, 13, true);
  assert.match(
    word(read(odd).problems[0]?.message ?? '', 'en'),
    /block length of 13 is impossible/,
  );
  const huge = bytes.slice();
  new DataView(huge.buffer).setUint32(shb + 4, 0x7ffffff0, true);
  const seen = read(huge);
  assert.equal(seen.problems[0]?.offset, shb + 4);
  assert.match(word(seen.problems[0]?.message ?? '', 'en'), /2147483632 bytes is larger than/);
});

test('a file cut inside a packet block keeps the packets before it', () => {
  const bytes = pcapngFile(traffic().segments);
  const seen = read(bytes.subarray(0, bytes.length - 20));
  assert.equal(seen.lines.length, 4);
  assert.match(word(seen.problems[0]?.message ?? '', 'en'), /ends inside a pcapng block/);
  assert.equal(seen.problems[0]?.fatal, false);
});

test('a pcapng file must start with a section header block', () => {
  const bytes = pcapngFile(traffic().segments);
  const shb = new DataView(bytes.buffer).getUint32(4, true);
  const seen = read(bytes.subarray(shb));
  assert.equal(seen.lines.length, 0);
  assert.match(
    word(seen.problems[0]?.message ?? '', 'en'),
    /^Not a packet capture: .* starts with 01 00 00 00/,
  );
});

test('a file cut inside its first section header says so, and that it holds no packet', () => {
  const bytes = fixture('http6.pcapng');
  for (const cut of [4, 8, 10]) {
    const seen = read(bytes.subarray(0, cut));
    assert.equal(seen.frames, 0);
    assert.deepEqual(
      seen.problems.map((p) => word(p.message, 'en')),
      [
        `The file ends inside its first pcapng section header (only ${cut} of at least 28 bytes): it holds no packet.`,
      ],
      `cut at ${cut}`,
    );
  }
  // Past the byte-order magic the block's length reads in the right order.
  const seen = read(bytes.subarray(0, 16));
  assert.match(
    word(seen.problems[0]?.message ?? '', 'en'),
    /inside a pcapng block of \d{2,3} bytes \(only 16 are left\); no packet came before it\.$/,
  );
});

test('a file cut after some packets says the packets before the cut were imported', () => {
  const bytes = fixture('http6.pcapng');
  const seen = read(bytes.subarray(0, bytes.length - 10));
  assert.ok(seen.frames > 0);
  assert.match(
    word(seen.problems.at(-1)?.message ?? '', 'en'),
    /the packets before it were imported\.$/,
  );
});
