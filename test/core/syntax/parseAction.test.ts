import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines, OPEN } from '../../helpers';

test('an unknown state near one: one HS010 naming it, and the fix writes it', () => {
  const text = lines(...OPEN, 'expect client CLOSED_WAIT');
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS010');
  assert.equal(
    d?.message,
    "Unknown state 'CLOSED_WAIT': write CLOSE_WAIT, the RFC 9293 state it is nearest to.",
  );
  assert.equal(d?.fix?.title, 'Write CLOSE_WAIT');
  assert.equal(applyEdits(text, d?.fix?.edits ?? []), lines(...OPEN, 'expect client CLOSE_WAIT'));
  const zh = analyze(text, { locale: 'zh-cn' }).diagnostics[0];
  assert.match(zh?.message ?? '', /请写 CLOSE_WAIT/);
});

test('an unknown state near none: the list of the states, and no fix', () => {
  const [d] = analyze(lines(...OPEN, 'expect client OPEN')).diagnostics;
  assert.equal(d?.code, 'HS010');
  assert.match(d?.message ?? '', /the RFC 9293 states are CLOSED, LISTEN/);
  assert.equal(d?.fix, undefined);
});
