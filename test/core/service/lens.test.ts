import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/check/analyze';
import { inlayHints } from '../../../src/core/service/inlayHints';
import { MISTAKE_TEMPLATE, TEMPLATES } from '../../../src/core/service/templates';
import { verdict } from '../../../src/core/service/verdict';

const example = (name: string) => analyze(readFileSync(`examples/${name}.handshake`, 'utf8'));

test('verdicts read the trace', () => {
  assert.equal(verdict(example('tcpdump-handshake')), '3-way handshake ✓ · no problems');
  assert.equal(verdict(example('four-way-close')), '3-way handshake ✓ · close ✓ · no problems');
  assert.equal(
    verdict(example('connection-refused')),
    'handshake incomplete · reset · no problems',
  );
  assert.equal(verdict(example('lost-segment')), '3-way handshake ✓ · 1 lost · no problems');
  assert.equal(verdict(example('mistakes')), '3-way handshake ✓ · close incomplete · 8 problems');
});

test('inlay hints: the number behind a symbol bound by let, and the states entered', () => {
  const text =
    'let x = 100\nendpoint a\nendpoint b\nb listen\na -> b SYN seq=x\nb -> a SYN ACK seq=7 ack=x+1\n';
  const hints = inlayHints(analyze(text)).map(
    (h) => `${text.slice(0, h.offset).split('\n').length}:${h.label}`,
  );
  assert.deepEqual(hints, [
    '5:= 100',
    '5:→ a SYN_SENT, b SYN_RECEIVED',
    '6:= 101',
    '6:→ a ESTABLISHED',
  ]);
});

test('inlay hints: no number for a purely symbolic value', () => {
  const hints = inlayHints(example('four-way-close'));
  assert.ok(hints.every((h) => h.kind === 'state'));
  assert.ok(hints.length > 5);
});

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
