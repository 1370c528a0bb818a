import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { applyEdits } from '../../../src/core/text/textEdits';
import { lines } from '../../helpers';

test('a SYN ACK from an endpoint that never listened: the message says to write listen', () => {
  const text = lines(
    'endpoint client',
    'endpoint server',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
  );
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS205');
  assert.ok(
    d?.message.endsWith(
      "To accept the connection, server must listen first: write 'server listen' before line 3.",
    ),
    d?.message,
  );
  assert.match(
    analyze(text, { locale: 'zh-cn' }).diagnostics[0]?.message ?? '',
    /请在第 3 行之前写 'server listen'/,
  );
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.equal(
    fixed,
    lines(
      'endpoint client',
      'endpoint server',
      'server listen',
      'client -> server SYN seq=x',
      'server -> client SYN ACK seq=y ack=x+1',
    ),
  );
  assert.deepEqual(analyze(fixed).diagnostics, []);
});

const LISTEN = [
  'endpoint client',
  'endpoint server',
  'server listen',
  'client -> server SYN seq=x',
];

test('data on a SYN ACK: HS305, counted, and the client acknowledges past it', () => {
  const text = lines(
    ...LISTEN,
    'server -> client SYN ACK seq=y ack=x+1 len=5',
    'client -> server ACK seq=x+1 ack=y+6',
    'server -> client ACK seq=y+6 ack=x+1',
  );
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS305');
  assert.equal(
    d?.message,
    'Data on a SYN ACK is only delivered with TCP Fast Open; a textbook handshake carries no data before ESTABLISHED. Its 5 bytes follow the SYN in the sequence space, so client acknowledges y+6.',
  );
  // With len= the payload is not a label: no fix.
  assert.equal(d?.fix, undefined);
  const forgot = analyze(
    lines(
      ...LISTEN,
      'server -> client SYN ACK seq=y ack=x+1 len=5',
      'client -> server ACK seq=x+1 ack=y+1',
    ),
  );
  assert.deepEqual(
    forgot.diagnostics.map((e) => e.code),
    ['HS305', 'HS101'],
  );
});

test('a payload that ends a SYN ACK line is a label: the fix makes it a comment', () => {
  const text = lines(
    ...LISTEN,
    'server -> client SYN ACK seq=y ack=x+1 "第二次握手"',
    'client -> server ACK seq=x+1 ack=y+16',
  );
  const [d, ...rest] = analyze(text).diagnostics;
  assert.deepEqual(rest, []);
  assert.equal(d?.code, 'HS305');
  assert.equal(d?.fix?.title, 'Make the payload a comment (#)');
  const fixed = applyEdits(text, d?.fix?.edits ?? []);
  assert.equal(
    fixed,
    lines(
      ...LISTEN,
      'server -> client SYN ACK seq=y ack=x+1 # 第二次握手',
      'client -> server ACK seq=x+1 ack=y+16',
    ),
  );
  // Without the data y+16 acknowledges bytes never sent: the client acknowledges y+1 again.
  assert.deepEqual(
    analyze(fixed).diagnostics.map((e) => e.code),
    ['HS105'],
  );
  assert.match(
    analyze(text, { locale: 'zh-cn' }).diagnostics[0]?.message ?? '',
    /SYN ACK 上携带的数据/,
  );
});

test('data on a SYN keeps its message, and a SYN payload that ends the line gets the fix too', () => {
  const [d] = analyze(
    lines('endpoint a', 'endpoint b', 'b listen', 'a -> b SYN seq=1 "第一次握手"'),
  ).diagnostics;
  assert.equal(
    d?.message,
    'Data on a SYN is only delivered with TCP Fast Open; a textbook handshake carries no data before ESTABLISHED. Its last word may be a label: the lines after it decide, counting its 15 bytes after the SYN when they acknowledge them. A label is written as a comment (#).',
  );
  assert.equal(d?.fix?.title, 'Make the payload a comment (#)');
});
