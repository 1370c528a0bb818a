import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { readFullWidthAsAscii } from '../../../src/core/syntax/fullWidth';
import { applyEdits } from '../../../src/core/text/textEdits';
import { OPEN } from '../../helpers';

test('full-width forms outside strings and comments read as ASCII, every offset kept', () => {
  const text = 'a -> b ACK seq＝x＋１\u3000"，" # （注）\nb -> a ACK ack＝1';
  const read = readFullWidthAsAscii(text);
  assert.equal(read.text, 'a -> b ACK seq=x+1 "，" # （注）\nb -> a ACK ack=1');
  assert.equal(read.text.length, text.length);
  assert.deepEqual(
    read.lines.map((l) => l.offsets.length),
    [4, 1],
  );
  assert.deepEqual(read.lines[0]?.span, { start: 14, end: 19 });
});

test('a text without them is returned as it is', () => {
  const text = OPEN.join('\n');
  assert.equal(readFullWidthAsAscii(text).text, text);
  assert.deepEqual(readFullWidthAsAscii(text).lines, []);
});

test('a full-width ＃ starts a comment, as # does: nothing after it is read', () => {
  assert.equal(readFullWidthAsAscii('x＝1 ＃ ＝').text, 'x=1 # ＝');
});

test('one warning per line, the value read as meant, and the fix writes the ASCII', () => {
  const text = [...OPEN.slice(0, 5), 'client -> server ACK seq＝x＋1 ack＝y＋1'].join('\n');
  const analysis = analyze(text);
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    ['HS017'],
  );
  const fixed = applyEdits(text, analysis.diagnostics[0]?.fix?.edits ?? []);
  assert.equal(fixed, OPEN.join('\n'));
  assert.deepEqual(analyze(fixed).diagnostics, []);
});

test('a remark in parentheses, full-width or not: one warning, and the fix makes it a comment', () => {
  for (const remark of ['(第三次握手)', '（第三次握手）']) {
    const text = [...OPEN, `client -> server PSH ACK seq=x+1 ack=y+1 len=2 ${remark}`].join('\n');
    const analysis = analyze(text);
    assert.deepEqual(
      analysis.diagnostics.map((d) => d.code),
      ['HS018'],
      remark,
    );
    const fixed = applyEdits(text, analysis.diagnostics[0]?.fix?.edits ?? []);
    assert.deepEqual(analyze(fixed).diagnostics, [], remark);
  }
});

test('a comment written ／／ is a comment; a string ending in \\ ends with its line', () => {
  assert.equal(readFullWidthAsAscii('a -> b SYN ／／ ＝ note').text, 'a -> b SYN // ＝ note');
  const text = [...OPEN.slice(0, 5), 'client -> server ACK seq=x+1 ack=y+1 ／／ 第三次握手'].join(
    '\n',
  );
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.code),
    ['HS017'],
  );
  const read = readFullWidthAsAscii('a -> b SYN "a\\\na -> b SYN seq＝1');
  assert.equal(read.text, 'a -> b SYN "a\\\na -> b SYN seq=1');
});

test('// in a URL after = is no comment here either: full-width forms after it are read', () => {
  assert.equal(
    readFullWidthAsAscii('sni=https://bank.example\u3000versions＝1.2').text,
    'sni=https://bank.example versions=1.2',
  );
  assert.equal(readFullWidthAsAscii('a -> b SYN // ＝').text, 'a -> b SYN // ＝');
});
