import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupName, SUGGESTED_GROUPS, TLS_GROUPS } from '../../../src/core/protocol/tlsGroups';
import { isGrease } from '../../../src/core/protocol/tlsCodePoint';

test('groups have their NamedGroup code points (RFC 8446 §4.2.7)', () => {
  assert.equal(groupName(0x001d), 'x25519');
  assert.equal(groupName(0x0017), 'secp256r1');
  assert.equal(groupName(0x0018), 'secp384r1');
  assert.equal(groupName(0x001e), 'x448');
  assert.equal(groupName(0x0100), 'ffdhe2048');
  assert.equal(groupName(0x1234), '0x1234');
  assert.equal(new Set(TLS_GROUPS.map((g) => g.code)).size, TLS_GROUPS.length);
});

test('completion suggests the four usual elliptic curves', () => {
  assert.deepEqual(SUGGESTED_GROUPS, ['x25519', 'secp256r1', 'secp384r1', 'x448']);
});

test('GREASE values are 0x?a?a with both bytes equal (RFC 8701 §2)', () => {
  for (let high = 0; high < 16; high++) {
    const value = (high << 12) | 0x0a00 | (high << 4) | 0x0a;
    assert.equal(isGrease(value), true, value.toString(16));
  }
  assert.equal(isGrease(0x0a1a), false);
  assert.equal(isGrease(0x1301), false);
  assert.equal(isGrease(0x001d), false);
});
