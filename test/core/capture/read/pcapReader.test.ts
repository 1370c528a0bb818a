import { word } from '../../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation, pcapFile, type LinkKind } from '../../../support/pcapWriter';
import { fixture, read } from '../support';

function traffic(ipv6 = false): Conversation {
  const c = new Conversation([
    { ip: ipv6 ? '2001:db8::1' : '10.0.0.1', port: 50000 },
    { ip: ipv6 ? '2001:db8::2' : '10.0.0.2', port: 443 },
  ]);
  c.handshake(7);
  c.emit(0, 'PA', 120, { payload: new TextEncoder().encode('GET / HTTP/1.1'.padEnd(120, '.')) });
  c.emit(1, 'A', 0);
  return c;
}

test('a real loopback capture: every frame, numbers and lengths as tcpdump shows them', () => {
  const seen = read(fixture('http.pcap'));
  assert.equal(seen.frames, 12);
  assert.equal(seen.lines.length, 12);
  assert.match(
    seen.lines[0] as string,
    /^#1 \d+\.\d{9} 127\.0\.0\.1\.42002 > 127\.0\.0\.1\.18080 flags=2 seq=2357399248 ack=0 win=65495 len=0 captured=0 wscale=10$/,
  );
  assert.match(
    seen.lines[3] as string,
    /flags=24 seq=2357399249 ack=2068593480 win=64 len=89 captured=89$/,
  );
  assert.deepEqual(seen.problems, []);
});

for (const little of [true, false]) {
  for (const nanoseconds of [false, true]) {
    test(`${little ? 'little' : 'big'}-endian, ${nanoseconds ? 'nanosecond' : 'microsecond'} timestamps`, () => {
      const c = traffic();
      const seen = read(pcapFile(c.segments, { littleEndian: little, nanoseconds }));
      assert.equal(seen.lines.length, 5);
      assert.match(seen.lines[3] as string, /seq=1001 ack=5001 win=65535 len=120 captured=120$/);
      // 1_700_000_000 + 4 × 0.0001 s (a float in the writer, so within a microsecond).
      assert.match(seen.lines[3] as string, /^#4 1700000000\.000[34]\d{5} /);
    });
  }
}

const LINKS: LinkKind[] = ['ethernet', 'vlan', 'sll', 'sll2', 'raw', 'null'];
for (const link of LINKS) {
  for (const ipv6 of [false, true]) {
    test(`link type ${link}, IPv${ipv6 ? 6 : 4}`, () => {
      const seen = read(pcapFile(traffic(ipv6).segments, { link }));
      assert.equal(seen.lines.length, 5);
      const address = ipv6
        ? '2001:db8::1.50000 > 2001:db8::2.443'
        : '10.0.0.1.50000 > 10.0.0.2.443';
      assert.ok(seen.lines[0]?.includes(address), seen.lines[0]);
      assert.match(seen.lines[0] as string, /wscale=7$/);
    });
  }
}

test('chunk boundaries do not matter: one byte at a time reads the same', () => {
  const bytes = fixture('tls12.pcap');
  assert.deepEqual(read(bytes, 1), read(bytes));
  assert.deepEqual(read(bytes, 7), read(bytes));
});

test('a snapshot length shorter than the packet: the wire length counts, the payload is cut', () => {
  const seen = read(pcapFile(traffic().segments, { snaplen: 80 }));
  assert.match(seen.lines[3] as string, /len=120 captured=26$/);
});

test('a truncated last record is reported with its offset; the frames before it are read', () => {
  const bytes = pcapFile(traffic().segments);
  const seen = read(bytes.subarray(0, bytes.length - 5));
  assert.equal(seen.lines.length, 4);
  assert.equal(seen.problems.length, 1);
  const problem = seen.problems[0];
  assert.equal(problem?.fatal, false);
  assert.match(word(problem?.message ?? '', 'en'), /ends inside frame 5/);
  assert.ok((problem?.offset ?? 0) > 24);
});

test('a file cut inside its first record says no frame came before it, in both languages', () => {
  const bytes = pcapFile(traffic().segments);
  for (const [cut, en] of [
    [30, /ends inside the 16-byte record header of frame 1 .*no frame came before it\.$/],
    [60, /ends inside frame 1: .*no frame came before it\.$/],
  ] as const) {
    const seen = read(bytes.subarray(0, cut));
    assert.deepEqual(seen.lines, []);
    const message = seen.problems[0]?.message ?? '';
    assert.match(word(message, 'en'), en);
    assert.doesNotMatch(word(message, 'en'), /were imported/);
    assert.match(word(message, 'zh-cn'), /它之前没有帧。$/);
  }
  const later = read(bytes.subarray(0, bytes.length - 5)).problems[0]?.message ?? '';
  assert.match(word(later, 'en'), /the frames before it were imported\.$/);
});

test('a huge caplen is rejected, not allocated, with the offset of its record', () => {
  const bytes = pcapFile(traffic().segments);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  view.setUint32(24 + 8, 0xfffffff0, true);
  const seen = read(bytes);
  assert.deepEqual(seen.lines, []);
  assert.equal(seen.problems.length, 1);
  assert.equal(seen.problems[0]?.offset, 24);
  assert.match(
    word(seen.problems[0]?.message ?? '', 'en'),
    /4294967280 captured bytes, more than the 262144/,
  );
});

test('unsupported link type and version are one fatal problem each', () => {
  const bytes = pcapFile(traffic().segments);
  const link = bytes.slice();
  new DataView(link.buffer).setUint32(20, 147, true);
  assert.match(word(read(link).problems[0]?.message ?? '', 'en'), /Link type 147 is not supported/);
  const version = bytes.slice();
  new DataView(version.buffer).setUint16(4, 3, true);
  assert.match(word(read(version).problems[0]?.message ?? '', 'en'), /pcap version 3\.4/);
});

test('a file shorter than the header', () => {
  const seen = read(pcapFile([]).subarray(0, 10));
  assert.match(
    word(seen.problems[0]?.message ?? '', 'en'),
    /ends inside the 24-byte pcap file header/,
  );
});
