import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../src/core/analysis/analyze';
import type { TextEdit } from '../../../src/core/text/textEdits';
import { formatDocument, type FormatOptions } from '../../../src/core/format/format';
import { scan } from '../../../src/core/syntax/scanner';
import { lines } from '../../helpers';
import { generateScenario } from '../../support/generateScenario';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].reverse()) {
    result = result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end);
  }
  return result;
}

function format(text: string, options?: FormatOptions): string {
  return applyEdits(text, formatDocument(text, options));
}

const HEAD = ['endpoint client 10.0.0.1:50000', 'endpoint server 10.0.0.2:80', 'server listen'];

const EXAMPLES = readdirSync('examples')
  .filter((file) => file.endsWith('.handshake'))
  .sort()
  .map((file) => ({ file, text: readFileSync(`examples/${file}`, 'utf8') }));

interface Case {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
  readonly options?: FormatOptions;
}

const CASES: readonly Case[] = [
  {
    name: 'a misaligned handshake is aligned in columns',
    input: lines(
      ...HEAD,
      'client -> server SYN seq=x',
      'server   ->  client   SYN ACK seq=y ack=x+1',
      'client -> server ACK    seq=x+1 ack=y+1',
      'client -> server PSH ACK seq=x+1 ack=y+1 len=5 "hello"',
    ),
    expected: lines(
      ...HEAD,
      'client -> server  SYN      seq=x',
      'server -> client  SYN ACK  seq=y    ack=x+1',
      'client -> server  ACK      seq=x+1  ack=y+1',
      'client -> server  PSH ACK  seq=x+1  ack=y+1  len=5 "hello"',
    ),
  },
  {
    name: 'SYN,ACK and SYN+ACK become SYN ACK, in the case written',
    input: lines(
      'a -> b SYN,ACK seq=1 ack=1',
      'a -> b SYN+ACK seq=1 ack=1',
      'a -> b syn , Ack seq=1 ack=1',
      'a -> b PSH + ACK seq=1 ack=1',
    ),
    expected: lines(
      'a -> b  SYN ACK  seq=1  ack=1',
      'a -> b  SYN ACK  seq=1  ack=1',
      'a -> b  syn Ack  seq=1  ack=1',
      'a -> b  PSH ACK  seq=1  ack=1',
    ),
  },
  {
    name: 'values lose their inner blanks: seq=x + 1 becomes seq=x+1',
    input: lines('a -> b ACK seq = x + 1 ack=y - 2 win = 512'),
    expected: lines('a -> b  ACK  seq=x+1  ack=y-2  win=512'),
  },
  {
    name: 'fields come out in column order, win= and len= as written, the payload last',
    input: lines('a -> b "hi" len=2 win=9 ack=y+1 PSH seq=x+1 ACK'),
    expected: lines('a -> b  PSH ACK  seq=x+1  ack=y+1  len=2 win=9 "hi"'),
  },
  {
    name: 'a SYN keeps its wscale= with win= and len=, as written',
    input: lines('a -> b SYN wscale = 7 seq=1 win=9'),
    expected: lines('a -> b  SYN  seq=1  wscale=7 win=9'),
  },
  {
    name: 'a missing seq= leaves its column blank',
    input: lines('a -> b SYN ACK seq=y ack=x+1', 'b -> a ACK ack=y+1'),
    expected: lines('a -> b  SYN ACK  seq=y  ack=x+1', 'b -> a  ACK             ack=y+1'),
  },
  {
    name: 'a long trailing value does not widen its column',
    input: lines('a -> b SYN seq=4294967295', 'b -> a SYN ACK seq=7 ack=0'),
    expected: lines('a -> b  SYN      seq=4294967295', 'b -> a  SYN ACK  seq=7  ack=0'),
  },
  {
    name: 'trailing comments line up two blanks after the widest commented code',
    input: lines(
      'a -> b SYN seq=x # open',
      'b -> a SYN ACK seq=y ack=x+1      // answer',
      'a -> b ACK seq=x+1 ack=y+1',
      'expect a ESTABLISHED   # done',
      '',
      'wait 2MSL # alone',
    ),
    expected: lines(
      'a -> b  SYN      seq=x             # open',
      'b -> a  SYN ACK  seq=y    ack=x+1  // answer',
      'a -> b  ACK      seq=x+1  ack=y+1',
      'expect a ESTABLISHED               # done',
      '',
      'wait 2MSL  # alone',
    ),
  },
  {
    name: 'comment-only lines keep their text and take the indentation of their block',
    input: lines(
      '    # top   ',
      'simultaneous {',
      '# inside',
      'a -> b FIN ACK seq=1 ack=1',
      '        //   also inside',
      '}',
    ),
    expected: lines(
      '# top',
      'simultaneous {',
      '  # inside',
      '  a -> b  FIN ACK  seq=1  ack=1',
      '  //   also inside',
      '}',
    ),
  },
  {
    name: 'segments in a simultaneous block are indented by two, the braces at column 0',
    input: lines(
      'endpoint a',
      'endpoint b',
      '  simultaneous{',
      'a -> b SYN seq=100',
      '      b -> a SYN seq=300',
      '   }',
      '  expect a SYN_RECEIVED',
    ),
    expected: lines(
      'endpoint a',
      'endpoint b',
      'simultaneous {',
      '  a -> b  SYN  seq=100',
      '  b -> a  SYN  seq=300',
      '}',
      'expect a SYN_RECEIVED',
    ),
  },
  {
    name: 'other statements get single blanks; strings stay byte for byte',
    input: lines(
      '  scenario    "Two  spaces\\t and \\"quotes\\""  ',
      'endpoint\tclient    10.0.0.1:80',
      'endpoint  server [::1]:443',
      'let x=5',
      'let   y   =   7',
      'server    listen',
      'client  close',
      'expect   client   syn-sent',
      'wait    2msl',
    ),
    expected: lines(
      'scenario "Two  spaces\\t and \\"quotes\\""',
      'endpoint client 10.0.0.1:80',
      'endpoint server [::1]:443',
      'let x = 5',
      'let y = 7',
      'server listen',
      'client close',
      'expect client syn-sent',
      'wait 2msl',
    ),
  },
  {
    name: 'CRLF line endings stay CRLF',
    input: 'a -> b SYN seq=1  \r\nb -> a SYN ACK seq=2 ack=2\r\n\r\n\r\nwait  2MSL\r\n',
    expected: 'a -> b  SYN      seq=1\r\nb -> a  SYN ACK  seq=2  ack=2\r\n\r\nwait 2MSL\r\n',
  },
  {
    name: 'runs of blank lines collapse to one, blank lines lose their blanks',
    input: '\n\nendpoint a\n   \n\t\n\nendpoint b\n\n\n',
    expected: '\nendpoint a\n\nendpoint b\n\n',
  },
  {
    name: 'trailing whitespace goes; a missing final newline is not added',
    input: 'endpoint a   \nendpoint b\t',
    expected: 'endpoint a\nendpoint b',
  },
  {
    name: 'a text ending in blank lines without a final newline keeps one blank line',
    input: 'endpoint a\n\n  ',
    expected: 'endpoint a\n',
  },
  {
    name: 'a line with a syntax error is left exactly as it is',
    input: lines(
      'endpoint   client',
      'client ->  server SYN seq=x ;  ',
      'expect   client   OPEN',
      'client -> server SYNACK seq=x',
      'client -> server SYN seq=x seq=y',
      'simultaneous   {',
      '  client -> server ACK seq=x+1 ack=y+1',
    ),
    expected: lines(
      'endpoint client',
      'client ->  server SYN seq=x ;  ',
      'expect   client   OPEN',
      'client -> server SYNACK seq=x',
      'client -> server SYN seq=x seq=y',
      'simultaneous   {',
      '  client -> server  ACK  seq=x+1  ack=y+1',
    ),
  },
  {
    name: 'an aligned layout the author chose is kept',
    input: lines(
      'client -> server  SYN      seq=3626544836',
      'server -> client  SYN ACK  seq=1739326486 ack=3626544837   # single-spaced values',
      'client -> server  ACK      seq=3626544837 ack=1739326487   # comments three out',
      '',
      'client -> server  FIN ACK  seq=x+19   ack=y+1',
      'server -> client  ACK      seq=y+1    ack=x+20',
    ),
    expected: lines(
      'client -> server  SYN      seq=3626544836',
      'server -> client  SYN ACK  seq=1739326486 ack=3626544837   # single-spaced values',
      'client -> server  ACK      seq=3626544837 ack=1739326487   # comments three out',
      '',
      'client -> server  FIN ACK  seq=x+19   ack=y+1',
      'server -> client  ACK      seq=y+1    ack=x+20',
    ),
  },
  {
    name: 'one misaligned line puts its whole run in the document columns',
    input: lines(
      'client -> server  SYN      seq=1',
      'server -> client  SYN ACK  seq=2 ack=2',
      'client -> server  ACK       seq=2 ack=3',
    ),
    expected: lines(
      'client -> server  SYN      seq=1',
      'server -> client  SYN ACK  seq=2  ack=2',
      'client -> server  ACK      seq=2  ack=3',
    ),
  },
  {
    name: 'segments of one paragraph are aligned together, across the lines between them',
    input: lines(
      'client -> server  FIN ACK  seq=x+19  ack=y+1',
      'expect client FIN_WAIT_1',
      'server -> client  ACK  seq=y+1  ack=x+20',
      '',
      'client -> server  ACK  seq=x+20  ack=y+2',
    ),
    expected: lines(
      'client -> server  FIN ACK  seq=x+19  ack=y+1',
      'expect client FIN_WAIT_1',
      'server -> client  ACK      seq=y+1   ack=x+20',
      '',
      'client -> server  ACK  seq=x+20  ack=y+2',
    ),
  },
  {
    name: 'tabs count to the next tab stop when reading the columns a line was aligned to',
    input: lines('wait 2MSL\t# note', 'a\t-> b SYN\t seq=1'),
    expected: lines('wait 2MSL   # note', 'a -> b  SYN  seq=1'),
    options: { tabSize: 4 },
  },
  {
    name: 'with a wider tab the same comment is too far out and comes back',
    input: lines('wait 2MSL\t# note'),
    expected: lines('wait 2MSL  # note'),
    options: { tabSize: 8 },
  },
];

test('names in Chinese are aligned by the columns they take (two per character)', () => {
  const text = lines(
    'endpoint 客户端',
    'endpoint server',
    'server listen',
    '客户端 -> server SYN seq=x # 第一次',
    'server -> 客户端 SYN ACK seq=y ack=x+1 # 第二次',
    '客户端 -> server ACK seq=x+1 ack=y+1 # 第三次',
  );
  assert.equal(
    format(text),
    lines(
      'endpoint 客户端',
      'endpoint server',
      'server listen',
      '客户端 -> server  SYN      seq=x             # 第一次',
      'server -> 客户端  SYN ACK  seq=y    ack=x+1  # 第二次',
      '客户端 -> server  ACK      seq=x+1  ack=y+1  # 第三次',
    ),
  );
  // Already aligned, it is kept as it is.
  assert.equal(format(format(text)), format(text));
});

describe('formatDocument', () => {
  for (const { name, input, expected, options } of CASES) {
    test(name, () => {
      assert.equal(format(input, options), expected);
      assert.deepEqual(formatDocument(expected, options), [], 'the expected text is formatted');
    });
  }

  test('range formatting changes only the lines touching the range, in the document columns', () => {
    const input = lines(
      'a -> b SYN seq=x',
      'b -> a SYN ACK seq=y ack=x+1',
      'a -> b ACK seq=x+1 ack=y+1',
      '',
      '',
      'wait  2MSL',
    );
    const second = input.indexOf('b -> a');
    const range = { start: second + 3, end: input.indexOf('a -> b ACK') + 2 };
    assert.equal(
      format(input, { range }),
      lines(
        'a -> b SYN seq=x',
        'b -> a  SYN ACK  seq=y    ack=x+1',
        'a -> b  ACK      seq=x+1  ack=y+1',
        '',
        '',
        'wait  2MSL',
      ),
    );
    // A range ending at the start of a line does not touch that line.
    const endAtLineStart = { start: 0, end: second };
    assert.equal(
      format(input, { range: endAtLineStart }).split('\n').slice(0, 2).join('\n'),
      'a -> b  SYN      seq=x\nb -> a SYN ACK seq=y ack=x+1',
    );
    // The second of two blank lines goes when the range touches it (here: a cursor on it).
    const secondBlank = input.indexOf('\n\n\n') + 2;
    const cursor = { start: secondBlank, end: secondBlank };
    assert.equal(format(input, { range: cursor }), input.replace('\n\n\n', '\n\n'));
    assert.equal(format(input, { range: { start: secondBlank - 1, end: secondBlank - 1 } }), input);
  });

  test('a label joins the last column; deliver lines are cleaned', () => {
    const text = lines(
      ...HEAD,
      'client ~>server  SYN seq=1000   as   s1',
      'deliver   s1    again # dup',
      'client  ->   server SYN seq=1000 as s2',
    );
    assert.equal(
      format(text),
      lines(
        ...HEAD,
        'client ~> server  SYN  seq=1000  as s1',
        'deliver s1 again  # dup',
        'client -> server  SYN  seq=1000  as s2',
      ),
    );
  });

  test('one edit per changed line, replacing its content only, sorted', () => {
    const input = lines('endpoint  a', 'endpoint b', 'endpoint   c');
    assert.deepEqual(formatDocument(input), [
      { span: { start: 0, end: 11 }, newText: 'endpoint a' },
      { span: { start: 23, end: 35 }, newText: 'endpoint c' },
    ]);
  });

  test('an empty text, and a text of blanks, need no edits or lose their blanks', () => {
    assert.deepEqual(formatDocument(''), []);
    assert.equal(format('  \t '), '');
    assert.equal(format('\ufeff  endpoint a'), '\ufeffendpoint a');
  });
});

describe('the examples', () => {
  for (const { file, text } of EXAMPLES) {
    test(`${file} is already formatted`, () => {
      assert.deepEqual(formatDocument(text), []);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Properties

const SEED = 20240612;

/** What formatting must not change: each diagnostic's code, severity and line. */
function diagnosticsOf(text: string): string[] {
  const analysis = analyze(text);
  return analysis.diagnostics
    .map((d) => `${analysis.lines.positionAt(d.span.start).line} ${d.code} ${d.severity}`)
    .sort();
}

/** ... and what the engine does with each segment. */
function segmentSteps(text: string): unknown[] {
  return analyze(text).trace.steps.flatMap((step) =>
    step.kind === 'segment'
      ? [[step.from, step.to, step.flags, step.seq, step.ack, step.len, step.outcome]]
      : [],
  );
}

function assertWellFormed(text: string, edits: readonly TextEdit[]): void {
  let end = 0;
  for (const edit of edits) {
    assert.ok(edit.span.start >= end && edit.span.end >= edit.span.start, 'sorted, no overlap');
    assert.ok(edit.span.end <= text.length, 'inside the text');
    const replaced = text.slice(edit.span.start, edit.span.end);
    if (edit.newText === '') continue; // a surplus blank line, with its line break
    assert.ok(!replaced.includes('\n') && !edit.newText.includes('\n'), 'one line per edit');
    end = edit.span.end;
  }
}

function assertFormatsSafely(text: string): void {
  const edits = formatDocument(text);
  assertWellFormed(text, edits);
  const formatted = applyEdits(text, edits);
  assert.deepEqual(formatDocument(formatted), [], 'formatting again changes nothing');
  assert.deepEqual(diagnosticsOf(formatted), diagnosticsOf(text), 'same diagnostics');
  assert.deepEqual(segmentSteps(formatted), segmentSteps(text), 'same segments');
}

/** mulberry32, so that a mutation replays from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function blanks(next: () => number, min: number): string {
  const count = min + Math.floor(next() * 3);
  let out = '';
  for (let i = 0; i < count; i++) out += next() < 0.2 ? '\t' : ' ';
  return out;
}

/**
 * Changes blanks only: between tokens, before comments, at line starts and ends. With
 * `separators`, also writes flags as `SYN,ACK` or `SYN + ACK` and values as `x + 1`, and may turn
 * the line breaks into CRLF.
 */
function mutate(text: string, seed: number, separators: boolean): string {
  const next = random(seed);
  let source = text;
  if (separators) {
    source = source
      .replace(/\b(SYN|FIN|PSH|RST) ACK\b/g, (_, flag: string) =>
        next() < 0.5
          ? `${flag}${[',', '+', ' , ', ' + '][Math.floor(next() * 4)]}ACK`
          : `${flag} ACK`,
      )
      .replace(/=(\w+)([+-])(\d+)/g, (whole, symbol: string, sign: string, n: string) =>
        next() < 0.5 ? `=${symbol}${blanks(next, 0)}${sign}${blanks(next, 0)}${n}` : whole,
      );
  }
  let out = '';
  let offset = 0;
  for (const token of scan(source)) {
    const gap = source.slice(offset, token.start);
    const lead = /^[ \t]*/.exec(gap)?.[0] ?? '';
    const rest = gap.slice(lead.length);
    const lineStart = offset === 0 || source[offset - 1] === '\n';
    const mayAdd = lineStart || token.kind === 'newline' || token.kind === 'eof';
    const spaced = lead.length > 0 || (mayAdd && next() < 0.3);
    out +=
      (spaced && next() < 0.7 ? blanks(next, lineStart && lead.length === 0 ? 0 : 1) : lead) + rest;
    out += token.kind === 'newline' && separators && seed % 3 === 0 ? '\r\n' : token.text;
    offset = token.end;
  }
  return out;
}

describe('formatting properties', () => {
  test('on generated scenarios with blanks and separators moved about: idempotent, same meaning', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 7, max: 24 }),
        fc.integer(),
        (seed, segments, mutation) => {
          const { text } = generateScenario({ seed, segments });
          assertFormatsSafely(text);
          assertFormatsSafely(mutate(text, mutation, true));
        },
      ),
      { numRuns: 60, seed: SEED },
    );
  });

  test('on the examples with blanks moved about: idempotent, same meaning', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.integer(), ({ text }, mutation) => {
        const mutated = mutate(text, mutation, false);
        assertFormatsSafely(mutated);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  test('a range format changes a subset of the lines a document format changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES),
        fc.integer(),
        fc.nat(),
        fc.nat(),
        ({ text }, mutation, a, b) => {
          const mutated = mutate(text, mutation, true);
          const all = formatDocument(mutated).map((edit) => JSON.stringify(edit));
          const range = { start: a % (mutated.length + 1), end: b % (mutated.length + 1) };
          for (const edit of formatDocument(mutated, { range })) {
            assert.ok(all.includes(JSON.stringify(edit)), JSON.stringify(edit));
          }
        },
      ),
      { numRuns: 60, seed: SEED },
    );
  });

  test('on token soup: never throws, and is idempotent with the same meaning', () => {
    const vocabulary = [
      ...['scenario', 'endpoint', 'let', 'expect', 'wait', 'simultaneous', 'listen', 'close'],
      ...['a', 'b', 'x', 'SYN', 'ack', 'FIN', 'PSH', 'BOGUS', 'ESTABLISHED', 'SYN-SENT'],
      ...[
        '0',
        '1',
        '4294967296',
        'seq=',
        'ack=',
        'win=',
        'wscale=',
        'len=',
        'mss=',
        '->',
        '-x',
        '-',
      ],
      ...['=', '+', ',', '{', '}', '"p q"', '"\\q"', '"open', '10.0.0.1:80', '2MSL', '3MSL'],
      ...['# c', '// c', '\n', '\r\n', '\n\n\n', '\t', '\u00a0', '\ufeff', '\ud83e', '@'],
    ];
    const soup = fc
      .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom('', ' ', '  ', '\n')), {
        maxLength: 60,
      })
      .map((pairs) => pairs.map(([token, separator]) => token + separator).join(''));
    fc.assert(
      fc.property(soup, fc.nat(), fc.nat(), (text, a, b) => {
        const edits = formatDocument(text);
        assertWellFormed(text, edits);
        const formatted = applyEdits(text, edits);
        assert.deepEqual(formatDocument(formatted), []);
        const line = (t: string) => t.split('\n').filter((l) => l.trim() !== '').length;
        assert.equal(line(formatted), line(text), 'no line of code appears or disappears');
        const range = { start: a % (text.length + 1), end: b % (text.length + 1) };
        assertWellFormed(text, formatDocument(text, { range }));
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
