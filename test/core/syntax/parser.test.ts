import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from '../../../src/core/syntax/parser';
import type { SegmentStatement } from '../../../src/core/syntax/tree';
import { lines } from '../../helpers';

function segment(text: string): SegmentStatement {
  const statement = parse(text).document.statements.find((s) => s.kind === 'segment');
  assert.ok(statement && statement.kind === 'segment');
  return statement;
}

test('the normative example parses exactly as written, with no diagnostics', () => {
  const text = lines(
    '# comment (also // comment)',
    'scenario "Three-way handshake from a tcpdump trace"',
    'endpoint client 192.168.1.116:3337',
    'endpoint server 192.168.1.123:7788',
    '',
    'server listen',
    'client -> server  SYN      seq=3626544836',
    'server -> client  SYN ACK  seq=1739326486 ack=3626544837',
    'client -> server  ACK      seq=3626544837 ack=1739326487',
    'client -> server  PSH ACK  seq=3626544837 ack=1739326487 len=18 "GET / HTTP/1.1"',
    'expect client ESTABLISHED',
    'expect server ESTABLISHED',
  );
  const result = parse(text);
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(
    result.document.statements.map((s) => s.kind),
    [
      'scenario',
      'endpoint',
      'endpoint',
      'listen',
      'segment',
      'segment',
      'segment',
      'segment',
      'expect',
      'expect',
    ],
  );
  const last = result.document.statements[7] as SegmentStatement;
  assert.deepEqual(
    last.flags.map((f) => f.flag),
    ['PSH', 'ACK'],
  );
  assert.equal(last.len?.value.value, 18);
  assert.equal(last.payload?.value, 'GET / HTTP/1.1');
  assert.equal(last.seq?.value.offset, 3626544837);
});

test('flags may be separated by blanks, commas or plus, in any case', () => {
  for (const written of ['SYN ACK', 'SYN,ACK', 'SYN, ACK', 'SYN+ACK', 'syn ack']) {
    assert.deepEqual(
      segment(`a -> b ${written} seq=1`).flags.map((f) => f.flag),
      ['SYN', 'ACK'],
      written,
    );
  }
});

test('values are numbers or symbols with an offset', () => {
  const s = segment('a -> b ACK seq=y+79 ack=x - 2');
  assert.equal(s.seq?.value.symbol?.text, 'y');
  assert.equal(s.seq?.value.offset, 79);
  assert.equal(s.ack?.value.symbol?.text, 'x');
  assert.equal(s.ack?.value.offset, -2);
});

test('-x marks a lost segment', () => {
  assert.equal(segment('a -x b SYN seq=1').lost, true);
  assert.equal(segment('a -> b SYN seq=1').lost, false);
});

test('~> leaves a segment in flight under the label written after as', () => {
  const s = segment('a ~> b PSH ACK seq=1 ack=2 len=10 "hi" as d1  # comment');
  assert.equal(s.inFlight, true);
  assert.equal(s.lost, false);
  assert.equal(s.labelText, 'd1');
  assert.equal(s.label?.name.text, 'd1');
  assert.deepEqual([s.label?.keyword.start, s.label?.end], [39, 44]);
  assert.equal(s.payload?.value, 'hi');
  assert.equal(s.end, 44);
  assert.equal(segment('a -> b ACK seq=1 as d2').labelText, 'd2');
  assert.equal(segment('a -> b ACK seq=1 as d2').inFlight, false);
  assert.equal(segment('a -> b ACK seq=1').labelText, undefined);
});

test('a ~> segment without a label is reported: nothing could deliver it', () => {
  const result = parse('a ~> b ACK seq=1');
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['HS004'],
  );
  assert.match(result.diagnostics[0]?.message ?? '', /as NAME/);
});

test('as needs a label name, and nothing may follow it', () => {
  assert.deepEqual(
    parse('a ~> b ACK seq=1 as').diagnostics.map((d) => d.code),
    ['HS004'],
  );
  assert.deepEqual(
    parse('a ~> b ACK seq=1 as d1 seq=2').diagnostics.map((d) => d.code),
    ['HS004'],
  );
});

test('deliver names a label, optionally again', () => {
  const result = parse(lines('deliver d1', 'deliver d1 again', 'deliver', 'deliver d1 twice'));
  const delivers = result.document.statements.filter((s) => s.kind === 'deliver');
  assert.deepEqual(
    delivers.map((d) => [d.label.text, d.again !== undefined]),
    [
      ['d1', false],
      ['d1', true],
      ['d1', false],
    ],
  );
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['HS004', 'HS004'],
  );
});

test('state names may use hyphens and common aliases', () => {
  const states = parse(
    lines('expect a SYN-SENT', 'expect a fin-wait-1', 'expect a SYN_RECV', 'expect a time_wait'),
  ).document.statements.map((s) => (s.kind === 'expect' ? s.state : undefined));
  assert.deepEqual(states, ['SYN_SENT', 'FIN_WAIT_1', 'SYN_RECEIVED', 'TIME_WAIT']);
});

test('simultaneous blocks hold segments', () => {
  const { document, diagnostics } = parse(
    lines('simultaneous {', '  a -> b SYN seq=1', '  b -> a SYN seq=2', '}'),
  );
  assert.deepEqual(diagnostics, []);
  const block = document.statements[0];
  assert.equal(block?.kind, 'simultaneous');
  if (block?.kind === 'simultaneous') assert.equal(block.segments.length, 2);
});

test('one bad line never hides problems on later lines', () => {
  const text = lines(
    'endpoint',
    'a => b SYN',
    'a -> b SYN seq=1 bogus=3',
    'expect a NOWHERE',
    'a -> b SYN seq="x"',
  );
  const found = parse(text).diagnostics.map((d) => d.code);
  assert.deepEqual(found, ['HS004', 'HS004', 'HS001', 'HS007', 'HS010', 'HS004']);
});

test('an unclosed block is reported and the next statement still parses', () => {
  const { document, diagnostics } = parse(
    lines('simultaneous {', '  a -> b SYN seq=1', 'expect a SYN_SENT'),
  );
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['HS012'],
  );
  assert.deepEqual(
    document.statements.map((s) => s.kind),
    ['simultaneous', 'expect'],
  );
});

test('every bundled example parses without syntax errors except the mistakes file', () => {
  for (const name of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    const { diagnostics } = parse(readFileSync(`examples/${name}`, 'utf8'));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
      name,
    );
  }
});
