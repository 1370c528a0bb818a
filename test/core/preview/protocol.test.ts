import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import {
  isTableRow,
  parseHostMessage,
  parseWebviewMessage,
} from '../../../src/core/preview/protocol';
import { stepTable } from '../../../src/core/preview/stepTable';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { traceTable, type TraceTableRow } from '../../../src/core/render/traceTable';

/** The render message the host builds for a scenario. */
function renderOf(text: string): Record<string, unknown> {
  const analysis = analyze(text);
  const diagram = renderMermaid(analysis);
  return {
    type: 'render',
    version: 1,
    source: diagram.text,
    messages: diagram.messages,
    rows: traceTable(analysis).rows,
    notice: '',
    problems: { errors: 0, warnings: 0 },
    resource: 'file:///work/example.handshake',
    locked: false,
  };
}

const mistakes = readFileSync('examples/mistakes.handshake', 'utf8');
/** A faulty segment row with a problem: every field is set. */
const ROW = traceTable(analyze(mistakes)).rows.find((r) => r.problems.length > 0) as TraceTableRow;

describe('render messages the host builds pass as they are', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    test(file, () => {
      const message = renderOf(readFileSync(`examples/${file}`, 'utf8'));
      assert.deepEqual(parseHostMessage(message), message);
    });
  }
});

describe('a malformed row is rejected, and the render with it', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: { name: string; change: Record<string, unknown> }[] = [
    { name: 'a negative line', change: { line: -1 } },
    { name: 'a fractional line', change: { line: 1.5 } },
    { name: 'a line as text', change: { line: '3' } },
    { name: 'a line past the limit', change: { line: 10_000_001 } },
    { name: 'an unknown kind', change: { kind: 'udp' } },
    { name: 'a sender that is not text', change: { from: 7 } },
    { name: 'an endpoint name of 1001 characters', change: { to: long(1001) } },
    { name: 'a message of 2001 characters', change: { message: long(2001) } },
    { name: 'a detail that is not text', change: { detail: ['a'] } },
    { name: 'a missing seq', change: { seq: undefined } },
    { name: 'an ack of 2001 characters', change: { ack: long(2001) } },
    { name: 'a negative len', change: { len: -1 } },
    { name: 'a len past 2^32', change: { len: 2 ** 32 + 1 } },
    { name: 'a len as text', change: { len: '5' } },
    { name: 'states that are not a list', change: { states: 'ESTABLISHED' } },
    {
      name: 'three states',
      change: { states: [ROW.states[0], ROW.states[0], ROW.states[0]] },
    },
    {
      name: 'a state that is no TCP state',
      change: { states: [{ endpoint: 'a', state: '<b>OPEN</b>', changed: false }] },
    },
    {
      name: 'a state without its endpoint',
      change: { states: [{ state: 'LISTEN', changed: false }] },
    },
    {
      name: 'a changed flag as text',
      change: { states: [{ endpoint: 'a', state: 'LISTEN', changed: 'yes' }] },
    },
    { name: 'a missing faulty', change: { faulty: undefined } },
    { name: 'a lost flag as a number', change: { lost: 0 } },
    { name: 'problems that are not a list', change: { problems: {} } },
    {
      name: 'a problem with a code that is not HSnnn',
      change: { problems: [{ code: '<i>', severity: 'error', message: 'm' }] },
    },
    {
      name: 'a problem of an unknown severity',
      change: { problems: [{ code: 'HS101', severity: 'fatal', message: 'm' }] },
    },
    {
      name: 'a problem message of 10001 characters',
      change: { problems: [{ code: 'HS101', severity: 'error', message: long(10_001) }] },
    },
    {
      name: '1001 problems on one row',
      change: {
        problems: Array.from({ length: 1001 }, () => ({
          code: 'HS101',
          severity: 'error',
          message: 'm',
        })),
      },
    },
  ];
  test('the row as the core makes it is accepted', () => {
    assert.equal(isTableRow(ROW), true);
    assert.ok(ROW.len !== undefined && ROW.states.length === 2 && ROW.problems.length > 0);
  });
  for (const { name, change } of cases) {
    test(name, () => {
      const row = { ...ROW, ...change };
      assert.equal(isTableRow(row), false);
      const message = renderOf(mistakes);
      const rows = message.rows as TraceTableRow[];
      assert.equal(parseHostMessage({ ...message, rows: [...rows, row] }), undefined);
    });
  }
  test('a row that is not an object', () => {
    const message = renderOf(mistakes);
    for (const row of [null, 'row', 3, [ROW]]) {
      assert.equal(parseHostMessage({ ...message, rows: [row] }), undefined, String(row));
    }
  });
  test('a render without rows, or with rows that are not a list', () => {
    const { rows: _rows, ...message } = renderOf(mistakes);
    assert.equal(parseHostMessage(message), undefined);
    assert.equal(parseHostMessage({ ...message, rows: { 0: ROW } }), undefined);
  });
  test('a TLS row has no len', () => {
    const tls = traceTable(analyze(readFileSync('examples/tls13.handshake', 'utf8'))).rows[0];
    assert.equal(tls?.len, undefined);
    assert.equal(isTableRow(tls), true);
  });
});

describe('the timeline table travels with the render and is validated', () => {
  const analysis = analyze(readFileSync('examples/https-rsa.handshake', 'utf8'));
  const withSteps = (): Record<string, unknown> => {
    const message = renderOf(readFileSync('examples/https-rsa.handshake', 'utf8'));
    const lines = (message.messages as { line: number }[]).map((m) => m.line);
    return { ...message, steps: stepTable(analysis, lines) };
  };

  test('a render with one entry per arrow passes as it is', () => {
    const message = withSteps();
    assert.deepEqual(parseHostMessage(message), message);
  });

  const cases: { name: string; change: (steps: Record<string, unknown>[]) => unknown }[] = [
    { name: 'one entry too few', change: (steps) => steps.slice(1) },
    { name: 'steps that are not a list', change: () => 'steps' },
    {
      name: 'an unknown state',
      change: (steps) => [
        { ...steps[0], endpoints: [{ ...(steps[0]?.endpoints as object[])[0], state: 'OPEN' }] },
        ...steps.slice(1),
      ],
    },
    {
      name: 'a secret that is not text',
      change: (steps) => [
        { ...steps[0], endpoints: [{ ...(steps[0]?.endpoints as object[])[0], knows: [1] }] },
        ...steps.slice(1),
      ],
    },
    {
      name: 'nine endpoints',
      change: (steps) => [
        { ...steps[0], endpoints: Array(9).fill((steps[0]?.endpoints as object[])[0]) },
        ...steps.slice(1),
      ],
    },
    {
      name: 'a negative in-flight count',
      change: (steps) => [
        { ...steps[0], endpoints: [{ ...(steps[0]?.endpoints as object[])[0], inFlight: -1 }] },
        ...steps.slice(1),
      ],
    },
  ];
  for (const { name, change } of cases) {
    test(`rejects ${name}`, () => {
      const message = withSteps();
      const steps = change(message.steps as Record<string, unknown>[]);
      assert.equal(parseHostMessage({ ...message, steps }), undefined);
    });
  }
});

describe('reveal messages from the timeline keep the focus in the preview', () => {
  test('preserveFocus passes when true, is dropped when false, rejected when not boolean', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', line: 3, preserveFocus: true }), {
      type: 'reveal',
      line: 3,
      preserveFocus: true,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', line: 3, preserveFocus: false }), {
      type: 'reveal',
      line: 3,
    });
    assert.equal(parseWebviewMessage({ type: 'reveal', line: 3, preserveFocus: 'yes' }), undefined);
  });
});

describe('a debugger stop travels as a highlight that moves the timeline', () => {
  test('debugStop passes when true; anything else is a plain highlight', () => {
    assert.deepEqual(parseHostMessage({ type: 'highlight', lines: [4], debugStop: true }), {
      type: 'highlight',
      lines: [4],
      debugStop: true,
    });
    for (const debugStop of [false, 'yes', 1, undefined]) {
      assert.deepEqual(parseHostMessage({ type: 'highlight', lines: [4], debugStop }), {
        type: 'highlight',
        lines: [4],
      });
    }
  });
});
