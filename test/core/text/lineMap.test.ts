import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineMap } from '../../../src/core/text/lineMap';

test('positions and offsets convert both ways, a \\r belonging to its line', () => {
  const lines = new LineMap('ab\r\ncd\nef');
  assert.deepEqual(lines.positionAt(5), { line: 1, column: 1 });
  assert.equal(lines.offsetAt({ line: 2, column: 1 }), 8);
  assert.equal(lines.lineEnd(0), 2);
  assert.equal(lines.lineStart(1), 4);
  assert.equal(lines.lineCount, 3);
});

test('a text numbered from its file’s line 10: lines in and out are the file’s', () => {
  const lines = new LineMap('ab\ncd\nef', 10);
  assert.deepEqual(lines.positionAt(4), { line: 11, column: 1 });
  assert.equal(lines.lineOf({ start: 6, end: 8 }), 12);
  assert.equal(lines.offsetAt({ line: 11, column: 1 }), 4);
  assert.equal(lines.lineStart(12), 6);
  assert.equal(lines.lineEnd(lines.lineOf({ start: 3, end: 3 })), 5);
  // Lines before the text are empty, at its start, as the padded text had them.
  assert.equal(lines.offsetAt({ line: 3, column: 2 }), 0);
  assert.equal(lines.lineStart(3), 0);
  assert.equal(lines.lineEnd(3), 0);
  assert.equal(lines.lineCount, 3);
});
