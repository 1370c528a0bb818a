import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines, OPEN } from '../../helpers';

/** The client closes first: its FIN, the server's ACK, the server's FIN, the client's ACK. */
const CLOSE = [
  'client -> server FIN ACK seq=x+1 ack=y+1',
  'server -> client ACK seq=y+1 ack=x+2',
  'server -> client FIN ACK seq=y+1 ack=x+2',
  'client -> server ACK seq=x+2 ack=y+2',
];

test('expect CLOSED while the client waits in TIME_WAIT: say wait 2MSL, and the fix inserts it', () => {
  const text = lines(...OPEN, ...CLOSE, 'expect client CLOSED');
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(
    d?.message,
    "Expected client to be CLOSED, but it is TIME_WAIT since line 9. client closed first (it sent the first FIN), so it waits 2MSL in TIME_WAIT before it is CLOSED: write 'wait 2MSL' before this line.",
  );
  assert.equal(d?.fix?.title, 'Insert wait 2MSL before this line');
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.equal(fixed, lines(...OPEN, ...CLOSE, 'wait 2MSL', 'expect client CLOSED'));
  assert.deepEqual(analyze(fixed).diagnostics, []);
  assert.match(analyze(text, { locale: 'zh-cn' }).diagnostics[0]?.message ?? '', /wait 2MSL/);
});

test('expect TIME_WAIT of the side that closes second: only the first closer waits', () => {
  const only = 'Only the endpoint that closes first (sends the first FIN) goes through TIME_WAIT';
  for (const [at, state] of [
    [1, 'CLOSE_WAIT'],
    [3, 'LAST_ACK'],
    [4, 'CLOSED'],
  ] as const) {
    const text = lines(...OPEN, ...CLOSE.slice(0, at), 'expect server TIME_WAIT');
    const [d] = analyze(text).diagnostics;
    assert.equal(d?.code, 'HS501', state);
    assert.ok(d?.message.includes(`it is ${state}`), d?.message);
    assert.ok(d?.message.includes(only), d?.message);
    assert.equal(d?.fix?.title, `Expect ${state}`);
  }
});

test('no TIME_WAIT hint where it would not be true', () => {
  // CLOSED after its own TIME_WAIT ran out, and a state far from the close.
  const waited = analyze(lines(...OPEN, ...CLOSE, 'wait 2MSL', 'expect client TIME_WAIT'));
  assert.equal(
    waited.diagnostics[0]?.message,
    'Expected client to be TIME_WAIT, but it is CLOSED since line 11.',
  );
  const open = analyze(lines(...OPEN, 'expect client SYN_SENT'));
  assert.equal(
    open.diagnostics[0]?.message,
    'Expected client to be SYN_SENT, but it is ESTABLISHED since line 5.',
  );
});
