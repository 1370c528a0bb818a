import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance } from '../../../src/core/text/editDistance';

test('one per character inserted, deleted or replaced', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('CLOSE_WAIT', 'CLOSE_WAIT'), 0);
  assert.equal(editDistance('CLOSED_WAIT', 'CLOSE_WAIT'), 1);
  assert.equal(editDistance('TIMEWAIT', 'TIME_WAIT'), 1);
  assert.equal(editDistance('SYN_RECIEVED', 'SYN_RECEIVED'), 2);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});
