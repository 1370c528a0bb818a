import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditingLines } from '../../../src/core/service/editingLines';

test('an edited line is being typed until the cursor leaves it', () => {
  const lines = new EditingLines();
  assert.equal(lines.lineOf('a'), undefined);
  assert.equal(lines.edited('a', 4), true);
  assert.equal(lines.lineOf('a'), 4);
  // Typing on: still line 4; the cursor moving along the same line changes nothing.
  assert.equal(lines.edited('a', 4), false);
  assert.equal(lines.moved('a', 4), false);
  assert.equal(lines.lineOf('a'), 4);
  // Enter: the new line is the one being typed.
  assert.equal(lines.edited('a', 5), true);
  assert.equal(lines.lineOf('a'), 5);
  // Arrow up: line 5 is left, so its hints may show; nothing is being typed.
  assert.equal(lines.moved('a', 4), true);
  assert.equal(lines.lineOf('a'), undefined);
  assert.equal(lines.moved('a', 3), false);
});

test('documents are kept apart and forgotten when closed', () => {
  const lines = new EditingLines();
  lines.edited('a', 1);
  lines.edited('b', 7);
  assert.equal(lines.moved('b', 2), true);
  assert.equal(lines.lineOf('a'), 1);
  lines.forget('a');
  assert.equal(lines.lineOf('a'), undefined);
});
