import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  flagBit,
  formatFlagBits,
  formatFlags,
  parseTcpFlag,
  TCP_FLAG,
  TCP_FLAG_WRITING_ORDER,
  TCP_FLAGS,
  type TcpFlag,
} from '../../../src/core/protocol/tcpFlags';

/** RFC 9293 §3.1 (and RFC 3168 §6.1 for ECE and CWR): the flags byte of the header. */
const WIRE: readonly [TcpFlag, number][] = [
  ['FIN', 0x01],
  ['SYN', 0x02],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
  ['ECE', 0x40],
  ['CWR', 0x80],
];

for (const [flag, bit] of WIRE) {
  test(`${flag} is bit 0x${bit.toString(16).padStart(2, '0')} of the header's flags byte`, () => {
    assert.equal(TCP_FLAG[flag], bit);
    assert.equal(flagBit(flag), bit);
  });
}

test('there are eight flags, one bit each', () => {
  assert.equal(TCP_FLAGS.length, 8);
  assert.equal(new Set(TCP_FLAGS.map(flagBit)).size, 8);
  assert.equal(
    TCP_FLAGS.reduce((bits, flag) => bits | flagBit(flag), 0),
    0xff,
  );
});

test('TCP_FLAGS lists the flags in header order, highest bit first', () => {
  assert.deepEqual(TCP_FLAGS, ['CWR', 'ECE', 'URG', 'ACK', 'PSH', 'RST', 'SYN', 'FIN']);
});

test('the writing order puts SYN, FIN, RST and PSH before ACK, and ECE and CWR after it', () => {
  assert.deepEqual(TCP_FLAG_WRITING_ORDER, [
    'SYN',
    'FIN',
    'RST',
    'PSH',
    'URG',
    'ACK',
    'ECE',
    'CWR',
  ]);
  assert.deepEqual([...TCP_FLAG_WRITING_ORDER].sort(), [...TCP_FLAGS].sort());
});

const WRITTEN: readonly [string, number][] = [
  ['SYN', 0x02],
  ['SYN ACK', 0x12],
  ['FIN ACK', 0x11],
  ['PSH ACK', 0x18],
  ['RST ACK', 0x14],
  ['SYN ACK ECE', 0x52],
  ['SYN ECE CWR', 0xc2],
  ['', 0],
];

for (const [text, bits] of WRITTEN) {
  test(`bits 0x${bits.toString(16)} are written '${text}', from bits or from a set`, () => {
    assert.equal(formatFlagBits(bits), text);
    const set = new Set(TCP_FLAGS.filter((flag) => bits & flagBit(flag)));
    assert.equal(formatFlags(set), text);
  });
}

test('a flag name reads back to the flag, in any case, and its bit back to the name', () => {
  for (const flag of TCP_FLAGS) {
    assert.equal(parseTcpFlag(flag), flag);
    assert.equal(parseTcpFlag(flag.toLowerCase()), flag);
    assert.equal(parseTcpFlag(flag[0] + flag.slice(1).toLowerCase()), flag);
    assert.equal(formatFlagBits(flagBit(flag)), flag);
  }
  assert.equal(parseTcpFlag('SYNACK'), undefined);
  assert.equal(parseTcpFlag('NS'), undefined);
});
