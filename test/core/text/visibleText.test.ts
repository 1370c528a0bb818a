import assert from 'node:assert/strict';
import { test } from 'node:test';
import { visibleText } from '../../../src/core/text/visibleText';

test('control characters become escapes, so a quoted line stays one harmless line', () => {
  assert.equal(visibleText('\u001b[31mred\u001b[0m'), '\\x1b[31mred\\x1b[0m');
  assert.equal(visibleText('a\rclient -> server RST'), 'a\\rclient -> server RST');
  assert.equal(visibleText('a\nb\u2028c\u0085d\u007f'), 'a\\nb\\u2028c\\x85d\\x7f');
  assert.equal(visibleText('\u0007bell\u0000'), '\\x07bell\\x00');
});

test('tabs, text and every other character stay as they are', () => {
  const text = 'seq 1:5, ack 9\twin 502, 三次握手 "GET /" ✓';
  assert.equal(visibleText(text), text);
});
