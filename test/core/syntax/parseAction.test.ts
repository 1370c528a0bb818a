import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { parse } from '../../../src/core/syntax/parser';
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

test('wait 2 MSL, with a blank, is one HS014 with a fix, and the wait still happens', () => {
  const close = [
    'client -> server FIN ACK seq=x+1 ack=y+1',
    'server -> client ACK seq=y+1 ack=x+2',
    'server -> client FIN ACK seq=y+1 ack=x+2',
    'client -> server ACK seq=x+2 ack=y+2',
  ];
  const text = lines(...OPEN, ...close, 'wait 2 msl', 'expect client CLOSED');
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS014');
  assert.equal(
    d?.message,
    "Unknown wait '2 msl': write 'wait 2MSL' for the end of TIME_WAIT, or a time such as 'wait 30s' (ms, s, min).",
  );
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.equal(fixed, lines(...OPEN, ...close, 'wait 2MSL', 'expect client CLOSED'));
  assert.deepEqual(analyze(fixed).diagnostics, []);
  // Any other wait is still not played.
  assert.deepEqual(
    analyze(lines(...OPEN, ...close, 'wait forever', 'expect client CLOSED')).diagnostics.map(
      (d) => d.code,
    ),
    ['HS014', 'HS501'],
  );
});

test('wait takes a time in ms, s or min, read into seconds; 2MSL has none', () => {
  const waits = parse(
    lines('wait 500ms', 'wait 1.5s', 'wait 30S', 'wait 4min', 'wait 2MSL'),
  ).document.statements.map((s) => (s.kind === 'wait' ? (s.seconds ?? '2MSL') : s.kind));
  assert.deepEqual(waits, [0.5, 1.5, 30, 240, '2MSL']);
  assert.deepEqual(
    parse(lines('wait 30', 'wait 30sec', 'wait -1s')).diagnostics.map((d) => d.code),
    ['HS004', 'HS014', 'HS004'],
  );
});
