import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddress } from '../../../src/core/syntax/parseAddress';

const span = { start: 0, end: 0 };

for (const [text, host, port, family] of [
  ['192.168.1.116:3337', '192.168.1.116', 3337, 4],
  ['[::1]:443', '::1', 443, 6],
  ['[2001:db8::2]:8080', '2001:db8::2', 8080, 6],
  ['[::ffff:192.0.2.1]:80', '::ffff:192.0.2.1', 80, 6],
  ['[1:2:3:4:5:6:7:8]:1', '1:2:3:4:5:6:7:8', 1, 6],
] as const) {
  test(`reads ${text}`, () => {
    const result = parseAddress(text, span);
    assert.ok(result.ok);
    if (result.ok)
      assert.deepEqual(
        [result.address.host, result.address.port, result.address.family],
        [host, port, family],
      );
  });
}

for (const [text, reason] of [
  ['192.168.1.300:80', 'not an IPv4'],
  ['10.0.0.1', 'ADDRESS:PORT'],
  ['10.0.0.1:70000', 'above 65535'],
  ['[::1::2]:80', 'not an IPv6'],
  ['[1:2:3:4:5:6:7:8:9]:80', 'not an IPv6'],
  ['::1:80', 'ADDRESS:PORT'],
] as const) {
  test(`rejects ${text}`, () => {
    const result = parseAddress(text, span);
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.match(result.reason, new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
}
