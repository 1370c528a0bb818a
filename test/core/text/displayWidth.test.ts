import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth } from '../../../src/core/text/displayWidth';

test('ASCII takes a column a character; CJK, full-width forms and emoji take two', () => {
  assert.equal(displayWidth('client'), 6);
  assert.equal(displayWidth('客户端'), 6);
  assert.equal(displayWidth('服务器A'), 7);
  assert.equal(displayWidth('ｘ＋１'), 6);
  assert.equal(displayWidth('🔑 key'), 6);
  assert.equal(displayWidth('𠀀'), 2);
});

test('combining marks and joiners take none; other scripts take one', () => {
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('Ωmega'), 5);
  assert.equal(displayWidth('Привет'), 6);
});
