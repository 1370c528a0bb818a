import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
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

test('an IPv4 address is read when its four parts and its port are in range, and only then', () => {
  const octet = fc.oneof(
    fc.integer({ min: 0, max: 300 }).map(String),
    fc.stringMatching(/^\d{1,4}$/),
  );
  const valid = (octets: string[], port: string): boolean =>
    octets.length === 4 &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255) &&
    /^\d+$/.test(port) &&
    Number(port) <= 65535;
  fc.assert(
    fc.property(
      fc.array(octet, { minLength: 3, maxLength: 5 }),
      fc.stringMatching(/^\d{0,7}$/),
      (octets, port) => {
        const text = `${octets.join('.')}:${port}`;
        const result = parseAddress(text, span);
        if (!valid(octets, port)) return assert.equal(result.ok, false, text);
        assert.deepEqual(result, {
          ok: true,
          address: { ...span, text, host: octets.join('.'), port: Number(port), family: 4 },
        });
      },
    ),
  );
});
