import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  flagBit,
  headerBitsOf,
  TCP_FLAGS,
  TCP_HEADER_BITS,
} from '../../../src/core/protocol/tcpFlags';

test("every flag's written bit becomes its bit in the header's flags byte", () => {
  for (const flag of TCP_FLAGS)
    assert.equal(headerBitsOf(flagBit(flag)), TCP_HEADER_BITS[flag], flag);
});

test('a set of flags keeps all of its bits', () => {
  const synAck = flagBit('SYN') | flagBit('ACK');
  assert.equal(headerBitsOf(synAck), TCP_HEADER_BITS.SYN | TCP_HEADER_BITS.ACK);
  assert.equal(headerBitsOf(0), 0);
  assert.equal(headerBitsOf(0xff), 0xff);
});
