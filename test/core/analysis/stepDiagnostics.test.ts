import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type Analysis } from '../../../src/core/analysis/analyze';
import { NO_DIAGNOSTICS } from '../../../src/core/analysis/stepDiagnostics';
import type { TraceStep } from '../../../src/core/analysis/trace';
import type { Statement } from '../../../src/core/syntax/tree';
import { lines, OPEN } from '../../helpers';
import { HELLO, pki } from '../check/tlsCodeCases';

/** `CODE@LINE` (1-based) for each of a list of diagnostics. */
function placed(analysis: Analysis, list: readonly { code: string; span: { start: number } }[]) {
  return list.map((d) => `${d.code}@${analysis.lines.positionAt(d.span.start).line + 1}`);
}

/** Each step with problems as `kind@LINE: CODE@LINE ...`, in trace order. */
function steps(analysis: Analysis): string[] {
  return analysis.trace.steps
    .filter((step) => analysis.stepDiagnostics.byStep.has(step))
    .map((step) => `${step.kind}@${line(analysis, step.span)}: ${problemsOf(analysis, step)}`);
}

/** Each statement with problems as `kind@LINE: CODE@LINE ...`, in source order. */
function statements(analysis: Analysis): string[] {
  return [...analysis.stepDiagnostics.byStatement]
    .sort(([a], [b]) => a.start - b.start)
    .map(([s, list]) => `${s.kind}@${line(analysis, s)}: ${placed(analysis, list).join(' ')}`);
}

function problemsOf(analysis: Analysis, step: TraceStep): string {
  return placed(analysis, analysis.stepDiagnostics.byStep.get(step) ?? NO_DIAGNOSTICS).join(' ');
}

function line(analysis: Analysis, span: { start: number }): number {
  return analysis.lines.positionAt(span.start).line + 1;
}

function documentLevel(analysis: Analysis): string[] {
  return placed(analysis, analysis.stepDiagnostics.documentLevel);
}

test('a wrong number on a segment line belongs to that segment’s step', () => {
  const analysis = analyze(
    lines(
      'endpoint client',
      'endpoint server',
      'server listen',
      'client -> server SYN seq=x',
      'server -> client SYN ACK seq=y ack=x',
    ),
  );
  assert.deepEqual(steps(analysis), ['segment@5: HS101@5']);
  assert.deepEqual(documentLevel(analysis), []);
});

test('a stray word after a statement is on its line, so it belongs to its step too', () => {
  const analysis = analyze(lines(...OPEN, 'client -> server ACK seq=x+1 ack=y+1 junk # comment'));
  assert.deepEqual(steps(analysis), ['segment@7: HS006@7']);
});

test('a problem on a TLS line belongs to its TLS step, with every other problem there in order', () => {
  const analysis = analyze(lines(...pki(), ...HELLO, 'client -> server Finished'));
  assert.deepEqual(steps(analysis), ['tls@11: HS620@11 HS619@11']);
});

test('a parse error on a line with no statement, or a lone unknown word, is document-level', () => {
  const analysis = analyze(lines(...OPEN, '', 'bogus words here', 'frob', '# comment'));
  assert.deepEqual(documentLevel(analysis), ['HS004@8', 'HS005@9']);
  assert.equal(analysis.stepDiagnostics.byStep.size, 0);
  assert.equal(analysis.stepDiagnostics.byStatement.size, 0);
});

test('a declaration’s problem belongs to its statement, and to no step (declarations have none)', () => {
  const analysis = analyze(lines('endpoint client', 'endpoint server', 'endpoint client'));
  assert.deepEqual(statements(analysis), ['endpoint@3: HS402@3']);
  assert.equal(analysis.stepDiagnostics.byStep.size, 0);
});

test('a delivered segment’s step has its deliver’s problems; the line it was sent from keeps its own', () => {
  const analysis = analyze(
    lines(
      ...OPEN,
      'client ~> server PSH ACK seq=x+1 ack=y+7 len=5 as d1',
      'client ~> server PSH ACK seq=x+6 ack=y+1 len=5 as d2',
      'deliver d2',
      'deliver d1',
    ),
  );
  assert.deepEqual(steps(analysis), ['segment@9: HS111@9']);
  const delivered = analysis.trace.steps.find(
    (s) => s.kind === 'segment' && line(analysis, s.span) === 10,
  );
  assert.ok(delivered?.kind === 'segment');
  assert.equal(analysis.stepDiagnostics.byStep.get(delivered), undefined);
  assert.deepEqual(
    placed(analysis, analysis.stepDiagnostics.byStatement.get(delivered.statement) ?? []),
    ['HS105@7'],
  );
});

test('a segment never delivered has its step on its own line, with its problems', () => {
  const analysis = analyze(lines(...OPEN, 'client ~> server PSH ACK seq=x+1 ack=y+1 len=5 as d1'));
  assert.deepEqual(steps(analysis), ['segment@7: HS214@7']);
});

test('a segment in a simultaneous block is a statement of its own; the block keeps the rest', () => {
  const analysis = analyze(
    lines(
      'endpoint client',
      'endpoint server',
      'simultaneous {',
      'client -> server SYN seq=x',
      'server -> client SYN ACK seq=y ack=x',
      'client listen',
      '}',
    ),
  );
  assert.deepEqual(steps(analysis), ['segment@5: HS201@5']);
  assert.deepEqual(statements(analysis), ['simultaneous@3: HS011@6', 'segment@5: HS201@5']);
});

test('an unclosed block’s error is on its keyword line: the block’s, not its first segment’s', () => {
  const analysis = analyze(
    lines('endpoint client', 'endpoint server', 'simultaneous {', 'client -> server SYN seq=x'),
  );
  assert.deepEqual(statements(analysis), ['simultaneous@3: HS012@3']);
  assert.equal(analysis.stepDiagnostics.byStep.size, 0);
});

test('every diagnostic is placed exactly once, and a step shares its statement’s list', () => {
  const analysis = analyze(
    lines(
      ...OPEN,
      'client -> server ACK seq=x+1 ack=y+9',
      'frob',
      'client ~> server PSH ACK seq=x+1 ack=y+1 len=5 as d1',
      'endpoint client',
    ),
  );
  const { byStatement, byStep, documentLevel: rest } = analysis.stepDiagnostics;
  const all = [...[...byStatement.values()].flat(), ...rest];
  assert.equal(all.length, analysis.diagnostics.length);
  assert.deepEqual(new Set(all), new Set(analysis.diagnostics));
  const shared = new Set<readonly unknown[]>(byStatement.values());
  for (const list of byStep.values()) assert.ok(shared.has(list));
  assert.ok(byStep.size > 0);
});

test('a step or statement without problems has no entry: the maps grow with the problems', () => {
  const text = lines(
    ...OPEN,
    ...Array.from({ length: 200 }, (_, i) =>
      i === 150 ? 'client -> server ACK seq=x+1 ack=y+2' : 'client -> server ACK seq=x+1 ack=y+1',
    ),
  );
  const analysis = analyze(text);
  assert.ok(analysis.trace.steps.length > 200);
  assert.deepEqual(steps(analysis), ['segment@157: HS105@157']);
  const statement: Statement | undefined = analysis.document.statements[6];
  assert.ok(statement);
  assert.equal(analysis.stepDiagnostics.byStatement.get(statement), undefined);
});
