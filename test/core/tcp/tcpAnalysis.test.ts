import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { scanCapture } from '../../../src/core/capture/write/captureScan';
import { ANALYSIS } from '../../../src/core/tcp/tcpAnalysis';

/**
 * Our analysis against Wireshark's on the same files: tshark's verdict (`make-fixtures.sh`)
 * is stored beside each capture, so this runs without tshark. One row per frame: the stream
 * and the analysis flags, as `tshark -2 -T fields -e tcp.stream -e tcp.analysis.*` prints them.
 */
const FIXTURES = 'test/core/capture/fixtures';

/** tshark's columns, in order, and the bits that set each (retransmission covers all three). */
const COLUMNS: readonly number[] = [
  ANALYSIS.RETRANSMISSION | ANALYSIS.FAST_RETRANSMISSION | ANALYSIS.SPURIOUS_RETRANSMISSION,
  ANALYSIS.FAST_RETRANSMISSION,
  ANALYSIS.SPURIOUS_RETRANSMISSION,
  ANALYSIS.OUT_OF_ORDER,
  ANALYSIS.LOST_SEGMENT,
  ANALYSIS.ACK_LOST_SEGMENT,
  ANALYSIS.DUPLICATE_ACK,
  ANALYSIS.ZERO_WINDOW,
  ANALYSIS.WINDOW_FULL,
  ANALYSIS.KEEP_ALIVE,
  ANALYSIS.REUSED_PORTS,
];

function ours(file: string): string[] {
  const rows: string[] = [];
  scanCapture([readFileSync(file)], (packet, connection, _direction, bits) => {
    const columns = COLUMNS.map((mask) => (bits & mask ? '1' : ''));
    rows.push([packet.frame, connection.index - 1, ...columns].join('\t'));
  });
  return rows;
}

function tsharks(file: string): string[] {
  return readFileSync(`${file}.tshark.tsv`, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => /^\d+\t\d+/.test(line));
}

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
