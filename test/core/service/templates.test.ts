import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { BLANK_TEMPLATE, MISTAKE_TEMPLATE, TEMPLATES } from '../../../src/core/service/templates';

test('every New Scenario template checks with no problems', () => {
  assert.deepEqual(
    TEMPLATES.map((t) => t.id),
    [
      'blank',
      'three-way-handshake',
      'four-way-close',
      'simultaneous-open',
      'connection-refused',
      'https',
      'man-in-the-middle',
    ],
  );
  for (const template of TEMPLATES) {
    // The man in the middle is caught: the client's rejection is information, not a problem.
    const problems = analyze(template.text).diagnostics.filter((d) => d.severity !== 'info');
    assert.deepEqual(problems, [], template.id);
  }
});

test('the walkthrough exercise has exactly one mistake: the ack that forgot the SYN', () => {
  const analysis = analyze(MISTAKE_TEMPLATE.text);
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    ['HS101'],
  );
});

test('the blank scenario is a title, two endpoints and a listening server, cursor after them', () => {
  const analysis = analyze(BLANK_TEMPLATE.text);
  assert.deepEqual(
    analysis.document.statements.map((s) => s.kind),
    ['scenario', 'endpoint', 'endpoint', 'listen'],
  );
  // On the empty last line, after `server listen` and its line break: where the SYN goes.
  const lines = BLANK_TEMPLATE.text.split('\n');
  assert.deepEqual(BLANK_TEMPLATE.cursor, { line: lines.length - 1, character: 0 });
  assert.equal(lines[lines.length - 2], 'server listen');
  assert.equal(lines[lines.length - 1], '');
  // Typing the first segment there gives a scenario that checks.
  const typed = BLANK_TEMPLATE.text + 'client -> server  SYN  seq=x\n';
  assert.deepEqual(
    analyze(typed).diagnostics.filter((d) => d.severity !== 'info'),
    [],
  );
});
