import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../src/core/analysis/analyze';
import { fixAllTitle, fixAllSeqAck, quickFixes } from '../../../src/core/service/fixes';
import { applyEdits } from '../../../src/core/text/textEdits';
import { generateScenario } from '../../support/generateScenario';
import { lines, OPEN } from '../../helpers';

const errors = (text: string) => analyze(text).diagnostics.filter((d) => d.severity !== 'info');

test('a quick fix for a wrong ack changes that value and removes the diagnostic', () => {
  const text = lines(
    ...OPEN.slice(0, 4),
    'server -> client SYN ACK seq=y ack=x',
    OPEN[5] as string,
  );
  const analysis = analyze(text);
  const at = text.indexOf('ack=x') + 4;
  const [fix] = quickFixes(analysis, { start: at, end: at });
  assert.equal(fix?.title, 'Change ack to x+1');
  const fixed = applyEdits(text, fix?.edits ?? []);
  assert.equal(fixed, text.replace('ack=x\n', 'ack=x+1\n'));
  assert.deepEqual(errors(fixed), []);
});

test('a second delivery without again is fixed by adding again: a duplicate', () => {
  const text = lines(
    ...OPEN,
    'client ~> server PSH ACK seq=x+1 ack=y+1 len=10 as d1',
    'deliver d1',
    'deliver d1',
  );
  const at = text.lastIndexOf('d1');
  const [fix] = quickFixes(analyze(text), { start: at, end: at });
  assert.equal(fix?.title, 'Deliver d1 again (a duplicate)');
  const fixed = applyEdits(text, fix?.edits ?? []);
  assert.equal(fixed, text.replace(/deliver d1\n$/, 'deliver d1 again\n'));
  assert.deepEqual(errors(fixed), []);
});

test('quick fixes for a missing ACK flag and an undeclared endpoint', () => {
  const text = lines(...OPEN, 'client -> server PSH seq=x+1 "a"');
  const flag = quickFixes(analyze(text), { start: text.indexOf('PSH'), end: text.indexOf('PSH') });
  assert.equal(flag[0]?.title, 'Add the ACK flag');
  assert.match(applyEdits(text, flag[0]?.edits ?? []), /PSH ACK seq=x\+1 ack=y\+1 "a"/);

  const undeclared = lines('endpoint a', 'b listen', 'a -> b SYN seq=1');
  const at = undeclared.indexOf('b listen');
  const declare = quickFixes(analyze(undeclared), { start: at, end: at });
  assert.equal(declare[0]?.title, 'Declare endpoint b');
  assert.deepEqual(errors(applyEdits(undeclared, declare[0]?.edits ?? [])), []);
});

test('"Fix all seq/ack numbers" repairs every value of the mistakes file in one edit set', () => {
  const text = lines(
    ...OPEN,
    'client -> server PSH ACK seq=x+1 ack=y+1 "hello"',
    'server -> client ACK seq=y+2 ack=x+5',
    'client -> server FIN ACK seq=x+6 ack=y+1',
    'server -> client ACK seq=y+1 ack=x+6',
  );
  assert.equal(errors(text).length, 3);
  const at = text.indexOf('ack=x+5') + 4;
  const fixAll = quickFixes(analyze(text), { start: at, end: at }).find(
    (f) => f.title === fixAllTitle('en'),
  );
  assert.ok(fixAll);
  const fixed = applyEdits(text, fixAll.edits);
  assert.deepEqual(errors(fixed), []);
  // Only the wrong lines change; one edit per changed line.
  assert.equal(fixAll.edits.length, 2);
  assert.equal(fixed.split('\n').length, text.split('\n').length);
});

test('property: fix-all turns any scenario with wrong acks back into a correct one', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 3 }),
      (seed, wrong) => {
        const scenario = generateScenario({ seed, segments: 30, numbering: 'numeric' });
        let text = scenario.text;
        const targets = scenario.segments.filter((s) => s.ack).slice(0, wrong);
        for (const target of [...targets].reverse()) {
          const span = target.ack?.span;
          if (!span) continue;
          text = text.slice(0, span.start) + '7' + text.slice(span.end);
        }
        assert.ok(errors(text).length > 0);
        assert.deepEqual(errors(applyEdits(text, fixAllSeqAck(text))), []);
      },
    ),
    { numRuns: 40, seed: 7 },
  );
});

test('fix-all changes nothing in a correct file', () => {
  assert.deepEqual(fixAllSeqAck(readFileSync('examples/four-way-close.handshake', 'utf8')), []);
});
