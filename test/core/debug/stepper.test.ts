import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { DebugTrace } from '../../../src/core/debug/debugTrace';
import { lineBreakpoints, run, step } from '../../../src/core/debug/stepper';

function example(name: string): DebugTrace {
  const text = readFileSync(`examples/${name}.handshake`, 'utf8');
  return new DebugTrace(text, analyze(text));
}

/** 1-based lines, as an editor numbers them. */
function at(...requested: { line: number; condition?: string }[]) {
  return requested.map((b) => ({ ...b, line: b.line - 1 }));
}

test('a breakpoint is verified on a line that holds a step, not on a comment or a blank', () => {
  const trace = example('tcpdump-handshake');
  const read = lineBreakpoints(trace, at({ line: 9 }, { line: 1 }, { line: 6 }));
  assert.deepEqual(
    read.map((b) => b.verified),
    [true, false, false],
  );
});

test('a condition that cannot be read leaves its breakpoint unverified, with the reason', () => {
  const trace = example('tcpdump-handshake');
  const [read] = lineBreakpoints(trace, at({ line: 9, condition: 'client.state = CLOSED' }));
  assert.equal(read?.verified, false);
  assert.equal(read?.conditionError?.kind, 'singleEquals');
});

test('continue runs to the next breakpoint whose condition holds, then to the end', () => {
  const trace = example('tcpdump-handshake');
  const breakpoints = lineBreakpoints(
    trace,
    at({ line: 9 }, { line: 10, condition: 'client.state == CLOSED' }, { line: 11 }),
  );
  const rules = { breakpoints, stopOnErrors: false };
  const first = run(trace, -1, 'forward', rules);
  assert.deepEqual(first, { kind: 'stopped', index: 2, reason: 'breakpoint' });
  // Line 10's condition does not hold: the run goes on to line 11.
  assert.deepEqual(run(trace, 2, 'forward', rules), {
    kind: 'stopped',
    index: 4,
    reason: 'breakpoint',
  });
  assert.deepEqual(run(trace, 4, 'forward', rules), { kind: 'ended' });
  // Backward: to the breakpoint behind, then to the first step.
  assert.deepEqual(run(trace, 4, 'backward', rules), {
    kind: 'stopped',
    index: 2,
    reason: 'breakpoint',
  });
  assert.deepEqual(run(trace, 2, 'backward', rules), {
    kind: 'stopped',
    index: 0,
    reason: 'entry',
  });
});

test('a condition that fails to evaluate stops, and says why', () => {
  const trace = example('tcpdump-handshake');
  const breakpoints = lineBreakpoints(trace, at({ line: 9, condition: 'nobody.state == CLOSED' }));
  const result = run(trace, -1, 'forward', { breakpoints, stopOnErrors: false });
  assert.equal(result.kind === 'stopped' && result.conditionError?.kind, 'unknownName');
});

test('the errors exception breakpoint stops at each step with an error', () => {
  const trace = example('mistakes');
  const rules = { breakpoints: [], stopOnErrors: true };
  const first = run(trace, -1, 'forward', rules);
  assert.equal(first.kind === 'stopped' && first.reason, 'exception');
  assert.equal(first.kind === 'stopped' && trace.stops[first.index]?.line, 7);
  assert.deepEqual(run(trace, -1, 'forward', { breakpoints: [], stopOnErrors: false }), {
    kind: 'ended',
  });
});

test('a step moves one stop either way; past the last the program ends', () => {
  const trace = example('tcpdump-handshake');
  assert.deepEqual(step(trace, 0, 'forward'), { kind: 'stopped', index: 1, reason: 'step' });
  assert.deepEqual(step(trace, 1, 'backward'), { kind: 'stopped', index: 0, reason: 'step' });
  assert.deepEqual(step(trace, 0, 'backward'), { kind: 'stopped', index: 0, reason: 'step' });
  assert.deepEqual(step(trace, trace.stops.length - 1, 'forward'), { kind: 'ended' });
});
