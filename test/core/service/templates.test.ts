import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/check/analyze';
import { MISTAKE_TEMPLATE, TEMPLATES } from '../../../src/core/service/templates';

test('every New Scenario template checks with no problems', () => {
  assert.deepEqual(
    TEMPLATES.map((t) => t.id),
    [
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
