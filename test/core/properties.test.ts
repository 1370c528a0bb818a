import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { symbolValues } from '../../src/core/service/findAt';
import { before } from '../../src/core/tcp/seqValue';
import type { Span } from '../../src/core/text/span';
import {
  format,
  generateScenario,
  MIN_SEGMENTS,
  NUMBERINGS,
  type GeneratedScenario,
  type GeneratedSegment,
  type WrittenValue,
} from '../support/generateScenario';

/**
 * Properties of the whole pipeline (scanner → parser → simulator → diagnostics), checked on
 * generated input: it never throws, it points only inside the text, it stays silent on correct
 * scenarios, and it finds every wrong ack. Runs are seeded so that a failure can be replayed.
 */

const SEED = 20240611;
const SEQ_MODULUS = 2 ** 32;

function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, seed: SEED };
}

function assertInside(text: string, span: Span, what: string): void {
  assert.ok(
    Number.isInteger(span.start) &&
      Number.isInteger(span.end) &&
      span.start >= 0 &&
      span.start <= span.end &&
      span.end <= text.length,
    `${what} [${span.start}, ${span.end}) is outside the text of length ${text.length}`,
  );
}

/** Analyzes `text` (any exception fails the property) and checks every offset it hands out. */
function analyzeChecked(text: string): Analysis {
  const analysis = analyze(text);
  for (const d of analysis.diagnostics) {
    assertInside(text, d.span, `${d.code} span`);
    for (const related of d.related) assertInside(text, related.span, `${d.code} related span`);
    for (const edit of d.fix?.edits ?? []) assertInside(text, edit.span, `${d.code} fix edit`);
  }
  for (const step of analysis.trace.steps) assertInside(text, step.span, `${step.kind} step`);
  return analysis;
}

function problems(analysis: Analysis): string[] {
  return analysis.diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d) => `${analysis.lines.positionAt(d.span.start).line}: ${d.code} ${d.message}`);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const NAMES = ['client', 'server', 'alice', 'intruder', 'x', 'y'];
const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'syn', 'NOPE'];
const STATES = ['ESTABLISHED', 'TIME_WAIT', 'SYN-SENT', 'CLOSED', 'LISTEN', 'FIN_WAIT_1', 'BOGUS'];
const NUMBERS = ['0', '1', '5', '1000', '4294967295', '4294967296', '99999999999', '1e9', '007'];
const HUGE = '9'.repeat(400);
const STRINGS = [
  '"hello"',
  '"a\\"b"',
  '"\\x41\\n\\r\\t\\0\\\\"',
  '"\\q"',
  '"\\x4"',
  '"unterminated',
  '"🤝"',
  '""',
  '"\\',
];

/** Every piece of the language, and a few that only look like it. */
const VOCABULARY = [
  'scenario',
  'endpoint',
  'let',
  'expect',
  'wait',
  'simultaneous',
  'listen',
  'close',
  ...NAMES,
  ...FLAGS,
  ...STATES,
  ...NUMBERS,
  HUGE,
  ...STRINGS,
  'seq=',
  'ack=',
  'win=',
  'len=',
  'seq',
  'ack',
  'mss=',
  '->',
  '-x',
  '-',
  '=',
  '+',
  ',',
  '{',
  '}',
  '10.0.0.1:80',
  '[::1]:443',
  '[2001:db8::1]:50000',
  '256.1.1.1:80',
  '1.2.3.4:99999',
  '[zz]:1',
  '2MSL',
  '3MSL',
  '# comment',
  '// comment',
  '\n',
  '\r\n',
  '\t',
  '\u00a0',
  '\ufeff',
  '\ud83e',
  '@',
];

const separator = fc.constantFrom('', ' ', ' ', '  ', '\n');

/** Random sequences of the language's tokens, glued with blanks, nothing, or newlines. */
const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), separator), { maxLength: 80 })
  .map((pairs) => pairs.map(([token, sep]) => token + sep).join(''));

const value = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.nat().map(String),
  fc
    .tuple(fc.constantFrom('x', 'y', 'z'), fc.constantFrom('', '+', '-'), fc.nat(3000))
    .map(([symbol, sign, n]) => (sign ? `${symbol}${sign}${n}` : symbol)),
);

const segmentLine = fc
  .record({
    from: fc.constantFrom(...NAMES),
    arrow: fc.constantFrom('->', '->', '-x'),
    to: fc.constantFrom(...NAMES),
    flags: fc.subarray(FLAGS, { maxLength: 3 }),
    seq: fc.option(value),
    ack: fc.option(value),
    len: fc.option(fc.constantFrom('0', '10', '1460', '1073741825', '99999999999')),
    win: fc.option(fc.constantFrom('0', '65535', '9999999999')),
    payload: fc.option(fc.constantFrom(...STRINGS)),
  })
  .map((s) =>
    [
      `${s.from} ${s.arrow} ${s.to} ${s.flags.join(' ')}`,
      s.seq === null ? '' : ` seq=${s.seq}`,
      s.ack === null ? '' : ` ack=${s.ack}`,
      s.len === null ? '' : ` len=${s.len}`,
      s.win === null ? '' : ` win=${s.win}`,
      s.payload === null ? '' : ` ${s.payload}`,
    ].join(''),
  );

/** Well-formed lines in random order: drives the simulator through states no test plans. */
const statementLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: segmentLine },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES).map((n) => `endpoint ${n} 10.0.0.1:80`) },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES).map((n) => `${n} listen`) },
  { weight: 1, arbitrary: fc.constantFrom(...NAMES).map((n) => `${n} close`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...STATES))
      .map(([n, s]) => `expect ${n} ${s}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('wait 2MSL', 'wait 1s', 'scenario "t"', '}') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'y', 'z'), fc.constantFrom(...NUMBERS))
      .map(([n, v]) => `let ${n} = ${v}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(segmentLine, { maxLength: 3 })
      .chain((lines) =>
        fc
          .boolean()
          .map((closed) => ['simultaneous {', ...lines, ...(closed ? ['}'] : [])].join('\n')),
      ),
  },
);

const declarations = 'endpoint client 10.0.0.1:50000\nendpoint server 10.0.0.2:80\n';
const statementSoup = fc
  .tuple(fc.boolean(), fc.array(statementLine, { maxLength: 30 }))
  .map(([declared, lines]) => (declared ? declarations : '') + lines.join('\n'));

const scenarioOptions = fc.record({
  seed: fc.nat(),
  segments: fc.integer({ min: MIN_SEGMENTS, max: 120 }),
  numbering: fc.constantFrom(...NUMBERINGS),
  wrap: fc.boolean(),
});

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
      fc.constantFrom('"', '\\', '{', '}', '-x', '->', '\n', '+', '=', '#'),
    ),
  }),
);

function mutate(text: string, change: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number): number => n % lines.length;
  switch (change.kind) {
    case 'delete':
      lines.splice(line(change.at), 1);
      return lines.join('\n');
    case 'duplicate': {
      const at = line(change.at);
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
    }
    case 'swap': {
      const a = line(change.at);
      const b = line(change.with);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, change.at % (text.length + 1));
    case 'insert': {
      const at = change.at % (text.length + 1);
      return text.slice(0, at) + change.text + text.slice(at);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Never throws, and every span lies inside the text

describe('analyze never throws and only points inside the text', () => {
  test('on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
        ),
        (text) => {
          analyzeChecked(text);
        },
      ),
      runs(400),
    );
  });

  test('on soups of the language’s tokens', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        analyzeChecked(text);
      }),
      runs(400),
    );
  });

  test('on well-formed lines in random order', () => {
    fc.assert(
      fc.property(statementSoup, (text) => {
        analyzeChecked(text);
      }),
      runs(400),
    );
  });

  test('on a correct scenario with lines deleted, duplicated, swapped, cut or garbled', () => {
    fc.assert(
      fc.property(
        scenarioOptions,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (options, changes) => {
          const text = changes.reduce(mutate, generateScenario(options).text);
          analyzeChecked(text);
        },
      ),
      runs(300),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Correct scenarios are silent

describe('a correct scenario has no errors or warnings', () => {
  test('for any seed, size and numbering, with and without wraparound', () => {
    fc.assert(
      fc.property(scenarioOptions, (options) => {
        const scenario = generateScenario(options);
        const analysis = analyzeChecked(scenario.text);
        assert.deepEqual(problems(analysis), [], scenario.text);
        const segments = analysis.trace.steps.filter((step) => step.kind === 'segment');
        assert.equal(segments.length, options.segments);
        assert.ok(segments.every((step) => step.outcome === 'delivered' && !step.faulty));
      }),
      runs(150),
    );
  });

  for (const numbering of NUMBERINGS) {
    test(`a long ${numbering} scenario that wraps past 2^32`, () => {
      const scenario = generateScenario({ seed: 7, segments: 2000, numbering, wrap: true });
      const analysis = analyzeChecked(scenario.text);
      assert.deepEqual(problems(analysis), []);
      assert.ok(analysis.trace.steps.every((step) => step.kind !== 'expect' || step.passed));
    });
  }

  test('numeric wrap scenarios really cross 2^32 (so the property above covers it)', () => {
    const scenario = generateScenario({ seed: 3, segments: 40, numbering: 'numeric', wrap: true });
    const seqs = [...scenario.text.matchAll(/seq=(\d+)/g)].map((m) => Number(m[1]));
    assert.ok(seqs.some((seq) => seq >= SEQ_MODULUS - 3000));
    assert.ok(seqs.some((seq) => seq < 2 ** 31));
  });

  test('the generator is deterministic and exact in size', () => {
    const a = generateScenario({ seed: 99, segments: 501 });
    const b = generateScenario({ seed: 99, segments: 501 });
    assert.equal(a.text, b.text);
    assert.equal(a.segments.length, 501);
    assert.throws(() => generateScenario({ seed: 1, segments: MIN_SEGMENTS - 1 }), RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// A wrong ack is always found, on its own line

function withAck(scenario: GeneratedScenario, segment: GeneratedSegment, next: string): string {
  const span = segment.ack?.span;
  assert.ok(span);
  return scenario.text.slice(0, span.start) + next + scenario.text.slice(span.end);
}

/** The same value moved by `delta` (modulo 2^32), written the same way. */
function shifted(value: WrittenValue, delta: number): string {
  return format({ ...value, offset: value.offset + delta });
}

function assertErrorOnLine(text: string, line: number, context: string): void {
  const analysis = analyzeChecked(text);
  const errorsOnLine = analysis.diagnostics.filter(
    (d) => d.severity === 'error' && analysis.lines.positionAt(d.span.start).line === line,
  );
  if (errorsOnLine.length === 0 && isOlderAck(analysis, line)) return;
  assert.ok(errorsOnLine.length > 0, `no error on line ${line} (${context}):\n${text}`);
}

/**
 * RFC 9293 §3.10.7.4: an ACK without data below what its receiver already had acknowledged is
 * an older ACK arriving late, valid and ignored (not a wrong ack).
 */
function isOlderAck(analysis: Analysis, line: number): boolean {
  const step = analysis.trace.steps.find(
    (s) => s.kind === 'segment' && analysis.lines.lineOf(s.span) === line,
  );
  if (step?.kind !== 'segment' || step.len > 0 || step.flags.some((f) => f !== 'ACK')) return false;
  const { iss, sndUna } = step.receiver.before;
  const symbols = symbolValues(analysis);
  return (
    !!step.ack &&
    !!iss &&
    !!sndUna &&
    before(iss, step.ack, symbols) &&
    before(step.ack, sndUna, symbols)
  );
}

describe('changing one ack= yields an error on that line', () => {
  test('for any scenario, any ack, by +1, -1 or a random other value', () => {
    fc.assert(
      fc.property(
        scenarioOptions,
        fc.nat(),
        fc.oneof(fc.constant(1), fc.constant(-1), fc.integer({ min: 2, max: SEQ_MODULUS - 2 })),
        (options, index, delta) => {
          const scenario = generateScenario(options);
          const acked = scenario.segments.filter((s) => s.ack);
          const segment = acked[index % acked.length] as GeneratedSegment;
          const next = shifted(segment.ack?.value as WrittenValue, delta);
          assertErrorOnLine(withAck(scenario, segment, next), segment.line, `ack=${next}`);
        },
      ),
      runs(200),
    );
  });

  test('a symbolic ack replaced by a number', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 20, max: 80 }),
        fc.nat(),
        fc.nat(SEQ_MODULUS - 1),
        (seed, segments, index, number) => {
          const scenario = generateScenario({ seed, segments, numbering: 'symbolic' });
          const acked = scenario.segments.filter((s) => s.ack);
          const segment = acked[index % acked.length] as GeneratedSegment;
          assertErrorOnLine(withAck(scenario, segment, String(number)), segment.line, 'number');
        },
      ),
      runs(50),
    );
  });

  for (const numbering of NUMBERINGS) {
    for (const wrap of [false, true]) {
      test(`every ack of a ${numbering} scenario${wrap ? ' that wraps' : ''}, one at a time`, () => {
        const scenario = generateScenario({ seed: 11, segments: 24, numbering, wrap });
        for (const segment of scenario.segments) {
          if (!segment.ack) continue;
          for (const delta of [1, -1]) {
            const next = shifted(segment.ack.value, delta);
            assertErrorOnLine(withAck(scenario, segment, next), segment.line, `ack=${next}`);
          }
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Linear work, counted rather than timed (timing lives in bench/run.ts)

/** Puts a wrong ack (+1) on every `every`-th acknowledging segment. */
function withWrongAcks(
  scenario: GeneratedScenario,
  every: number,
): { text: string; wrong: number } {
  const acked = scenario.segments.filter((s) => s.ack);
  const chosen = acked.filter((_, i) => i % every === every - 1);
  let text = scenario.text;
  // From the end, so that earlier offsets stay valid.
  for (const segment of [...chosen].reverse()) {
    const ack = segment.ack as NonNullable<GeneratedSegment['ack']>;
    text = text.slice(0, ack.span.start) + shifted(ack.value, 1) + text.slice(ack.span.end);
  }
  return { text, wrong: chosen.length };
}

describe('work grows linearly with the scenario', () => {
  test('4 times the segments gives 4 times the trace steps and diagnostics', () => {
    const measure = (segments: number) => {
      const scenario = generateScenario({ seed: 5, segments, numbering: 'numeric', wrap: true });
      const correct = analyze(scenario.text);
      const { text, wrong } = withWrongAcks(scenario, 50);
      const mutated = analyze(text);
      return {
        segmentSteps: correct.trace.steps.filter((s) => s.kind === 'segment').length,
        steps: correct.trace.steps.length,
        problems: problems(correct).length,
        wrong,
        errors: mutated.diagnostics.filter((d) => d.severity === 'error').length,
      };
    };
    const small = measure(2000);
    const large = measure(8000);
    assert.equal(small.segmentSteps, 2000);
    assert.equal(large.segmentSteps, 8000);
    // The fixed part (listen, expects, wait) is the same size in both.
    assert.equal(large.steps - large.segmentSteps, small.steps - small.segmentSteps);
    assert.equal(small.problems + large.problems, 0);
    // One wrong ack, one error: no cascade, so the diagnostics scale with the mistakes.
    assert.equal(small.errors, small.wrong);
    assert.equal(large.errors, large.wrong);
    assert.ok(Math.abs(large.wrong / small.wrong - 4) < 0.1);
  });

  test('a 20,000-line text of random tokens finishes (the runner’s timeout catches a hang)', () => {
    const lines = fc.sample(fc.oneof(tokenSoup, statementLine), { numRuns: 20_000, seed: SEED });
    const text = lines.map((line) => line.replace(/\n/g, ' ')).join('\n');
    const analysis = analyzeChecked(text);
    assert.ok(analysis.lines.lineCount >= 20_000);
  });
});
