import { word } from '../../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture, read } from '../support';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The numbers and flags of each packet, without times (text and pcap times differ in form). */
function numbers(bytes: Uint8Array, chunk?: number): string[] {
  return read(bytes, chunk).lines.map((line) =>
    line.replace(/^#\d+ \S+ /, '').replace(/ captured=\d+/, ''),
  );
}

test('relative numbers (tcpdump -n) come back absolute, the same as in the pcap', () => {
  assert.deepEqual(numbers(fixture('http.txt')), numbers(fixture('http.pcap')));
});

test('absolute numbers (-S) and epoch timestamps (-tt)', () => {
  assert.deepEqual(numbers(fixture('http-absolute.txt')), numbers(fixture('http.pcap')));
  assert.match(read(fixture('http-absolute.txt')).lines[0] as string, /^#1 1\d{9}\.\d{9} /);
});

test('-v continuation lines', () => {
  assert.deepEqual(numbers(fixture('tls13-verbose.txt')), numbers(fixture('tls13.pcap')));
});

test('IPv6 text', () => {
  assert.deepEqual(numbers(fixture('http6.txt')), numbers(fixture('http6.pcapng')));
});

test('-X hex dumps give the payload bytes too', () => {
  const text = read(fixture('tls12-hex.txt')).lines;
  const pcap = read(fixture('tls12.pcap')).lines;
  assert.deepEqual(
    text.map((l) => l.replace(/^#\d+ \S+ /, '')),
    pcap.map((l) => l.replace(/^#\d+ \S+ /, '')),
  );
});

test('the 3.x format of the notes and the current format give the same packets', () => {
  const old = numbers(fixture('notes-old-format.txt'));
  assert.equal(old.length, 10);
  assert.deepEqual(old, numbers(fixture('notes-current-format.txt')));
  assert.equal(
    old[3],
    '192.168.1.116.3337 > 192.168.1.123.7788 flags=24 seq=3626544837 ack=1739326487 win=1460 len=18',
  );
  assert.equal(
    old[2],
    '192.168.1.116.3337 > 192.168.1.123.7788 flags=16 seq=3626544837 ack=1739326487 win=1460 len=0',
  );
});

test('the notes’ own three lines: no (0), no `.` before a pure ACK, no window', () => {
  // As the study notes copied them: `S 3626544836:3626544836` without its length, the third
  // line's `ack 1739326487,ack 1` without the ACK's dot (its first number is the one tcpdump
  // printed with -S), and no `win`: unknown, written without `win=`, never a zero window.
  assert.deepEqual(numbers(fixture('notes-as-written.txt')), [
    '192.168.1.116.3337 > 192.168.1.123.7788 flags=2 seq=3626544836 ack=0 win=-1 len=0',
    '192.168.1.123.7788 > 192.168.1.116.3337 flags=18 seq=1739326486 ack=3626544837 win=-1 len=0',
    '192.168.1.116.3337 > 192.168.1.123.7788 flags=16 seq=3626544837 ack=1739326487 win=-1 len=0',
  ]);
});

test('timestamps: time of day, date and time (-tttt), none (-t)', () => {
  const lines = [
    '12:00:01.500000 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 7, win 100, length 0',
    '2024-05-06 12:00:01.750000 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [R.], seq 0, ack 8, win 0, length 0',
    'IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 9, win 100, length 0',
  ];
  const seen = read(encode(lines.join('\n')));
  assert.match(seen.lines[0] as string, /^#1 43201\.500000000 /);
  assert.match(seen.lines[1] as string, /^#2 1714996801\.750000000 /);
  assert.match(seen.lines[2] as string, /^#3 0\.000000000 /);
});

test('service names, CRLF line ends, and lines that are not TCP are skipped', () => {
  const text = [
    '12:00:00.000000 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
    '12:00:00.100000 IP 10.0.0.1.53 > 10.0.0.2.53: 12345+ A? example.com. (29)',
    '12:00:00.200000 IP 10.0.0.1.41000 > 10.0.0.2.https: Flags [S], seq 1, win 100, length 0',
    '3 packets captured',
  ].join('\r\n');
  const seen = read(encode(text));
  assert.equal(seen.lines.length, 1);
  assert.match(
    seen.lines[0] as string,
    /^#3 \S+ 10\.0\.0\.1\.41000 > 10\.0\.0\.2\.443 flags=2 seq=1 /,
  );
  assert.deepEqual(seen.problems, []);
});

test('a pasted fragment split anywhere reads the same', () => {
  const bytes = fixture('tls13-verbose.txt');
  assert.deepEqual(read(bytes, 5), read(bytes));
});

test('text without a single TCP line is one clear problem', () => {
  const seen = read(encode('hello\nworld\n'));
  assert.deepEqual(seen.lines, []);
  assert.equal(seen.problems.length, 1);
  assert.match(word(seen.problems[0]?.message ?? '', 'en'), /No TCP packet found/);
});

test('an unreadable TCP line is reported with its line number and skipped', () => {
  const text = [
    'IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 99999999999, win 100, length 0',
    'IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 1, win 100, length 0',
  ].join('\n');
  const seen = read(encode(text));
  assert.equal(seen.lines.length, 1);
  assert.equal(seen.problems[0]?.line, 1);
  assert.equal(seen.problems[0]?.fatal, false);
});
