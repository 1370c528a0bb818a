import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCondition } from '../../../src/core/debug/condition';

test('reads comparisons, sums, negation and logic, with the usual precedence', () => {
  const read = parseCondition(
    '!(client.state == TIME_WAIT) && client.SND.NXT == x+1 || seq != expected',
  );
  assert.ok(read.ok);
  assert.equal(read.value.kind, 'logical');
  assert.equal(read.value.kind === 'logical' && read.value.op, '||');
});

test('a dotted name is one path', () => {
  const read = parseCondition('client.SND.NXT == 1');
  assert.ok(read.ok && read.value.kind === 'compare');
  assert.deepEqual(read.value.kind === 'compare' && read.value.left, {
    kind: 'name',
    path: ['client', 'SND', 'NXT'],
  });
});

const ERRORS: [string, string, string][] = [
  ['a single = says to write ==', 'client.state = CLOSED', 'singleEquals'],
  ['a stray character', 'seq # 1', 'unexpected'],
  ['a condition cut short', 'seq ==', 'end'],
  ['an unclosed parenthesis', '(seq == 1', 'end'],
  ['words after a whole condition', 'seq == 1 2', 'unexpected'],
  ['a dot with no name after it', 'client. == 1', 'unexpected'],
];

for (const [name, text, kind] of ERRORS) {
  test(`an error, not an exception: ${name}`, () => {
    const read = parseCondition(text);
    assert.equal(read.ok, false);
    assert.equal(!read.ok && read.error.kind, kind);
  });
}

test('the column of an unexpected token is 1-based', () => {
  const read = parseCondition('seq == 1 2');
  assert.deepEqual(!read.ok && read.error, { kind: 'unexpected', found: '2', column: 10 });
});

test('never throws, whatever the text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (text) => {
      parseCondition(text);
    }),
  );
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('(', ')', '!', '==', '&&', '||', '+', '-', 'a', '.', '1', ' '), {
        maxLength: 30,
      }),
      (parts) => {
        parseCondition(parts.join(''));
      },
    ),
  );
});
