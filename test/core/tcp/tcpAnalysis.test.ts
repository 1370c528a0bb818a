import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { ourVerdicts as ours, tsharkVerdicts as tsharks } from '../../support/tsharkVerdicts';

/**
 * Our analysis against Wireshark's on the same files: tshark's verdict (`make-fixtures.sh`)
 * is stored beside each capture, so this runs without tshark. One row per frame: the stream
 * and the analysis flags, as `tshark -2 -T fields -e tcp.stream -e tcp.analysis.*` prints them.
 */
const FIXTURES = 'test/core/capture/fixtures';

const captures = readdirSync(FIXTURES).filter((name) => /\.pcap(ng)?$/.test(name));

test('every capture fixture has tshark output beside it', () => {
  assert.ok(captures.length >= 8);
  for (const name of captures) assert.ok(tsharks(`${FIXTURES}/${name}`).length > 0, name);
});

for (const name of captures) {
  test(`${name}: the same analysis flags as tshark on every frame`, () => {
    const file = `${FIXTURES}/${name}`;
    assert.deepEqual(ours(file), tsharks(file));
  });
}
