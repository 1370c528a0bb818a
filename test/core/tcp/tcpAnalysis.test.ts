import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { ourVerdicts as ours, tsharkVerdicts as tsharks } from '../../support/tsharkVerdicts';
import { TCP_FLAG } from '../../../src/core/protocol/tcpFlags';
import { ANALYSIS, TcpAnalyzer } from '../../../src/core/tcp/tcpAnalysis';

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

test('a window a line does not give is unknown: no window update, zero window or window full', () => {
  const analyzer = new TcpAnalyzer();
  let frame = 0;
  const flags = (direction: 0 | 1, bits: number, seq: number, ack: number, win: number) =>
    analyzer.analyze({
      direction,
      frame: ++frame,
      time: frame * 1_000_000,
      seq,
      ack,
      flags: bits,
      win,
      len: 0,
      wscale: -1,
    });
  flags(0, TCP_FLAG.SYN, 100, 0, 1000);
  flags(1, TCP_FLAG.SYN | TCP_FLAG.ACK, 500, 101, 1000);
  flags(0, TCP_FLAG.ACK, 101, 501, 1000);
  const again = flags(0, TCP_FLAG.ACK, 101, 501, -1);
  assert.equal(again & ANALYSIS.WINDOW_UPDATE, 0);
  assert.equal(again & ANALYSIS.ZERO_WINDOW, 0);
  assert.notEqual(again & ANALYSIS.DUPLICATE_ACK, 0, 'the same seq and ack: a duplicate ACK');
});
