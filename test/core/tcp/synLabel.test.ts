import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { lines } from '../../helpers';

/*
 * A SYN's payload that ends its line is a label or Fast Open data (synLabel.ts): HS305 says so
 * once, and the lines after it decide how many sequence numbers the SYN took.
 */

const OPEN = ['endpoint a', 'endpoint b', 'b listen'];

function codes(...text: string[]): string[] {
  return analyze(lines(...OPEN, ...text)).diagnostics.map((d) => d.code);
}

test('a label on a SYN followed by the textbook handshake: HS305 alone, the label took no number', () => {
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100 "第一次握手"',
      'b -> a SYN ACK seq=300 ack=101',
      'a -> b ACK seq=101 ack=301',
      'a -> b PSH ACK seq=101 ack=301 len=5',
      'expect a ESTABLISHED',
      'expect b ESTABLISHED',
    ),
    ['HS305'],
  );
});

test('Fast Open data acknowledged by the SYN ACK: HS305 alone, and the client goes on after it', () => {
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100 "GET /"',
      'b -> a SYN ACK seq=300 ack=106',
      'a -> b ACK seq=106 ack=301',
      'expect a ESTABLISHED',
    ),
    ['HS305'],
  );
  // One error either way (the ACK resends the data, or the SYN ACK acknowledges data never
  // sent): a tie keeps the label, as every tie keeps the typo reading (language.md §5).
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100 "GET /"',
      'b -> a SYN ACK seq=300 ack=106',
      'a -> b ACK seq=101 ack=301',
    ),
    ['HS305', 'HS105'],
  );
});

test('a label on a SYN ACK: the client acknowledging y+1 reads it as a label', () => {
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=300 ack=101 "第二次握手"',
      'a -> b ACK seq=101 ack=301',
      'b -> a PSH ACK seq=301 ack=101 len=3',
      'a -> b ACK seq=101 ack=304',
    ),
    ['HS305'],
  );
});

test('data on a SYN ACK that the client acknowledges: counted after the SYN', () => {
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=300 ack=101 "second"',
      'a -> b ACK seq=101 ack=307',
      'b -> a PSH ACK seq=307 ack=101 len=3',
      'a -> b ACK seq=101 ack=310',
    ),
    ['HS305'],
  );
});

test('with len= the payload is data, never a label', () => {
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100 len=6',
      'b -> a SYN ACK seq=300 ack=101',
      'a -> b ACK seq=101 ack=301',
    ),
    ['HS305', 'HS102'],
  );
});

test('a SYN label alone, with nothing after it to decide: read as a label', () => {
  const analysis = analyze(lines(...OPEN, 'a -> b SYN seq=100 "hello"', 'expect b SYN_RECEIVED'));
  assert.deepEqual(
    analysis.diagnostics.map((d) => d.code),
    ['HS305'],
  );
});

test('in a simultaneous block or left in flight, the payload is data, as written', () => {
  assert.deepEqual(
    codes(
      'simultaneous {',
      '  a -> b SYN seq=100 "GET /"',
      '}',
      'b -> a SYN ACK seq=300 ack=106',
      'a -> b ACK seq=106 ack=301',
    ),
    ['HS305'],
  );
  assert.deepEqual(
    codes(
      'a ~> b SYN seq=100 "GET /" as s1',
      'deliver s1',
      'b -> a SYN ACK seq=300 ack=106',
      'a -> b ACK seq=106 ack=301',
    ),
    ['HS305'],
  );
});

test('a label on a SYN that changes nothing (HS203) does not move its sender either', () => {
  assert.deepEqual(
    codes(
      'a -> b SYN seq=100',
      'b -> a SYN ACK seq=300 ack=101',
      'a -> b ACK seq=101 ack=301',
      'a -> b SYN seq=500 "hi"',
      'a -> b ACK seq=503 ack=301',
    ),
    ['HS203', 'HS102'],
  );
});
