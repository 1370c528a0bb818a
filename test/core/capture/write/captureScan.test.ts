import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { CaptureScan, scanCapture } from '../../../../src/core/capture/write/captureScan';
import type { Connection } from '../../../../src/core/capture/write/connectionTable';
import { FIXTURES, fixture } from '../support';

const CAPTURES = readdirSync(FIXTURES).filter((f) => /\.(pcap|pcapng|txt)$/.test(f));

/** What a pass says of each packet: frame, connection, direction and analysis bits. */
function visits(bytes: Uint8Array, listed?: readonly Connection[]): string[] {
  const seen: string[] = [];
  const scan = new CaptureScan((packet, connection, direction, bits) => {
    seen.push(`${packet.frame} ${connection.index} ${direction} ${bits}`);
  }, listed);
  scan.push(bytes);
  scan.end();
  return seen;
}

test('a pass that replays the listing sees every packet as the listing did', () => {
  for (const name of CAPTURES) {
    const bytes = fixture(name);
    const listing = scanCapture([bytes]);
    assert.deepEqual(visits(bytes, listing.connections), visits(bytes), name);
  }
});

test('a replay keeps one record of each connection and leaves its counts alone', () => {
  for (const name of CAPTURES) {
    const bytes = fixture(name);
    const listing = scanCapture([bytes]);
    const counts = (): string[] =>
      listing.connections.map(
        (c) => `${c.index} ${c.packets} ${c.bytes} ${c.lastFrame} ${c.lostAcks.length}`,
      );
    const before = counts();
    const again = new Map<number, Connection>();
    const scan = new CaptureScan(
      (_packet, connection) => void again.set(connection.index, connection),
      listing.connections,
    );
    scan.push(bytes);
    scan.end();
    assert.deepEqual(counts(), before, name);
    for (const c of listing.connections) {
      const replayed = again.get(c.index);
      if (!replayed) continue;
      // The same ends (addresses, ports), not copies; an analyzer of its own.
      assert.equal(replayed.first, c.first, name);
      assert.equal(replayed.second, c.second, name);
      assert.notEqual(replayed.analyzer, c.analyzer, name);
    }
  }
});
