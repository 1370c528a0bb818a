import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from '../../../src/core/syntax/parser';
import { scan } from '../../../src/core/syntax/scanner';
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

test('a ~> segment without a label is an unfinished line: nothing could deliver it', () => {
  const result = parse('a ~> b ACK seq=1');
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['HS016'],
  );
  assert.match(word(result.diagnostics[0]?.message ?? '', 'en'), /as NAME/);
});

test('as needs a label name, and nothing may follow it', () => {
  assert.deepEqual(
    parse('a ~> b ACK seq=1 as').diagnostics.map((d) => d.code),
    ['HS016'],
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
    ['HS016', 'HS004'],
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
  assert.deepEqual(found, ['HS016', 'HS004', 'HS001', 'HS007', 'HS010', 'HS004']);
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

/** Two declared endpoints, so that a line may start with their names. */
const DECLARED = ['endpoint alice', 'endpoint bob', 'ca root', 'attacker mallory'];

/** Lines that stop before they are complete, as every line does while it is typed. */
const UNFINISHED: readonly { line: string; expected: string }[] = [
  { line: 'alice', expected: "'->', '-x', '~>', 'listen' or 'close' after 'alice'" },
  { line: 'mallory  ', expected: "'->', '-x', '~>', 'listen' or 'close' after 'mallory'" },
  { line: 'alice -', expected: "'->' or '-x' after 'alice'" },
  { line: 'alice ->', expected: 'the receiving endpoint' },
  { line: 'alice -x ', expected: 'the receiving endpoint' },
  { line: 'alice -> bob', expected: 'a flag (SYN, ACK, FIN ...) or a TLS message' },
  { line: 'alice -> bob SYN seq', expected: "'=' after seq" },
  { line: 'alice -> bob SYN seq=', expected: 'a number or a symbol' },
  { line: 'alice -> bob SYN seq=x ack=x+', expected: "a number after '+'" },
  { line: 'alice -> bob ACK win=', expected: 'a number after win=' },
  { line: 'scenario', expected: 'a quoted title' },
  { line: 'endpoint', expected: 'an endpoint name' },
  { line: 'let', expected: 'a symbol name' },
  { line: 'let x', expected: "'='" },
  { line: 'let x =', expected: 'a number' },
  { line: 'expect', expected: 'an endpoint name' },
  { line: 'expect alice', expected: 'a state' },
  { line: 'wait', expected: '2MSL' },
  { line: 'simultaneous', expected: "'{'" },
  { line: 'trust', expected: 'an endpoint name' },
  { line: 'trust alice', expected: 'a CA name, or any' },
  { line: 'cert c subject=', expected: 'a value after subject=' },
  { line: 'date', expected: 'a date' },
  { line: 'alice -> bob ClientHello random=', expected: 'a value after random=' },
  { line: 'mallory -> bob forward', expected: 'a TLS message (ClientHello ...) after forward' },
  { line: 'alice -> bob SYN seq=1 # the comment ends the line', expected: '' },
];

for (const { line, expected } of UNFINISHED) {
  for (const [where, after] of [
    ['at the end of the text', []],
    ['before more lines', ['', 'bob listen']],
  ] as const) {
    test(`an unfinished line '${line}' ${where}: one warning at its end, naming what comes next`, () => {
      const text = [...DECLARED, line, ...after].join('\n');
      const lineEnd = DECLARED.join('\n').length + 1 + line.length;
      const { diagnostics } = parse(text);
      if (!expected) {
        assert.deepEqual(diagnostics, []);
        return;
      }
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.span.start, d.span.end]),
        [['HS016', 'warning', lineEnd, lineEnd]],
      );
      const message = word(diagnostics[0]?.message ?? '', 'en');
      assert.ok(message.includes(expected), message);
    });
  }
}

test('a lone word that names no endpoint is an unknown statement; a declared name counts wherever it is declared', () => {
  assert.deepEqual(
    parse(lines('hello', 'endpoint alice')).diagnostics.map((d) => d.code),
    ['HS005'],
  );
  assert.deepEqual(
    parse(lines('alice', 'endpoint alice')).diagnostics.map((d) => d.code),
    ['HS016'],
  );
});

test('a line with a mistake before its end keeps "expected X, found the end of the line"', () => {
  for (const text of ['trust alice 5', 'trust alice 5\n']) {
    const messages = parse(text).diagnostics.map((d) => `${d.code} ${word(d.message, 'en')}`);
    assert.deepEqual(messages, [
      "HS004 Expected a CA name, or any, found '5'.",
      'HS004 Expected a CA name, or any, found the end of the line.',
    ]);
  }
});

test('the end of the text ends the last line: no message says "the end of the file"', () => {
  for (const text of [
    'endpoint',
    'alice -> bob SYN seq=1 5 ack=',
    'trust alice 5',
    'let x = 1 2',
  ]) {
    for (const d of parse(text).diagnostics)
      assert.doesNotMatch(word(d.message, 'en'), /end of the file/);
  }
});

test('under zh-cn an unfinished line is reported in Chinese', () => {
  const [d] = parse(lines(...DECLARED, 'alice')).diagnostics;
  assert.equal(
    word(d?.message ?? '', 'zh-cn'),
    "这一行还没写完：此处应为'alice' 之后的 '->'、'-x'、'~>'、'listen' 或 'close'。",
  );
});

test('every example line cut after any word is at most one unfinished-line warning, at the cut', () => {
  let cuts = 0;
  for (const name of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    const text = readFileSync(`examples/${name}`, 'utf8');
    const tokens = scan(text);
    tokens.forEach((token, i) => {
      const next = tokens[i + 1];
      // A cut after a word that a blank follows, as a line looks while the next word is typed.
      if (!next || next.start === token.end || token.kind === 'newline') return;
      if (next.kind === 'newline' || next.kind === 'eof') return;
      const lineEnd = text.indexOf('\n', token.end);
      const cut = text.slice(0, token.end) + (lineEnd < 0 ? '' : text.slice(lineEnd));
      const found = parse(cut).diagnostics;
      cuts++;
      assert.ok(
        found.length === 0 ||
          (found.length === 1 && found[0]?.code === 'HS016' && found[0].span.start === token.end),
        `${name}: ${text.slice(text.lastIndexOf('\n', token.start) + 1, token.end)} → ${found
          .map((d) => `${d.code} ${word(d.message, 'en')}`)
          .join('; ')}`,
      );
    });
  }
  assert.ok(cuts > 500, `only ${cuts} cuts`);
});

test('a statement that stops at a token reports it once, not again as text left on its line', () => {
  const report = (text: string): string[] =>
    parse(text).diagnostics.map((d) => `${d.code} ${text.slice(d.span.start, d.span.end)}`);
  assert.deepEqual(report('endpoint "a"'), ['HS004 "a"']);
  assert.deepEqual(report('let x = y'), ['HS004 y']);
  // Text after a statement that did end is still reported, whatever else the line has.
  assert.deepEqual(report('expect a NOWHERE extra'), ['HS010 NOWHERE', 'HS004 extra']);
});

test('a run of unexpected characters is one problem, quoted short, however long the run', () => {
  const long = parse(`${'@'.repeat(100_000)}\n`).diagnostics;
  assert.deepEqual(
    long.map((d) => [d.code, d.span.start, d.span.end, word(d.message, 'en')]),
    [['HS001', 0, 100_000, `100000 unexpected characters '${'@'.repeat(20)}…'.`]],
  );
  const apart = parse('a -> b SYN seq=1 @@ ack=@\n').diagnostics.filter((d) => d.code === 'HS001');
  assert.deepEqual(
    apart.map((d) => [d.span.start, d.span.end, word(d.message, 'en')]),
    [
      [17, 19, "2 unexpected characters '@@'."],
      [24, 25, "Unexpected character '@'."],
    ],
  );
});

test('a flag written many times stays one segment’s flags: not lost, not in flight', () => {
  for (const times of [15, 16, 31, 40]) {
    const text = `endpoint a\nendpoint b\nb listen\na -> b SYN ${'ACK '.repeat(times)}seq=1\n`;
    const segment = parse(text).document.statements.find((s) => s.kind === 'segment') as
      SegmentStatement | undefined;
    assert.ok(segment, `${times}`);
    assert.equal(segment.lost, false, `${times}`);
    assert.equal(segment.inFlight, false, `${times}`);
    assert.equal(segment.flags.length, times + 1, `${times}`);
  }
});

test("a proxy's two connections parse as written: the attacker declared between, a leg per peer", () => {
  const text = lines(
    'endpoint client 10.0.0.1:50000',
    'attacker mallory  # 10.0.0.9:8443: the proxy',
    'endpoint server 10.0.0.2:443',
    'mallory listen',
    'client -> mallory  SYN      seq=100',
    'mallory -> server  SYN      seq=500',
    'expect mallory SYN_SENT',
  );
  const { document, diagnostics } = parse(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    document.statements.map((s) => (s.kind === 'segment' ? `${s.fromText}->${s.toText}` : s.kind)),
    ['endpoint', 'attacker', 'endpoint', 'listen', 'client->mallory', 'mallory->server', 'expect'],
  );
});
