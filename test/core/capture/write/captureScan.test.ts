import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { CaptureScan, scanCapture } from '../../../../src/core/capture/write/captureScan';
import type { Connection } from '../../../../src/core/capture/write/connectionTable';
import { ConnectionTable } from '../../../../src/core/capture/write/connectionTable';
import { CaptureReader } from '../../../../src/core/capture/read/captureReader';
import { Conversation, pcapFile } from '../../../support/pcapWriter';
import { FIXTURES, fixture } from '../support';

const CAPTURES = readdirSync(FIXTURES).filter((f) => /\.(pcap|pcapng|txt)$/.test(f));

/** Three connections on one four-tuple, each closed before a SYN reuses its ports. */
function reusedPorts(): Uint8Array {
  const ends = [
    { ip: '10.0.0.1', port: 50000 },
    { ip: '10.0.0.2', port: 80 },
  ] as const;
  const segments = [];
  let time = 0;
  for (let i = 0; i < 3; i++) {
    const c = new Conversation(ends, [1000 + 90_000 * i, 5000 + 7000 * i], time + 1).handshake();
    c.emit(0, 'PA', 100);
    c.emit(1, 'A', 0);
    c.emit(0, 'FA', 0);
    c.emit(1, 'FA', 0);
    c.emit(0, 'A', 0);
    segments.push(...c.segments);
    time = c.time;
  }
  return pcapFile(segments);
}

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
      // The listed connection itself, not a copy of its addresses and counts.
      assert.equal(replayed, c, name);
    }
  }
});

test('a replay sees reused ports as the listing did, though it let the earlier connection go', () => {
  const bytes = reusedPorts();
  const listing = scanCapture([bytes]);
  assert.deepEqual(
    listing.connections.map((c) => c.reusedFrom),
    [undefined, 1, 2],
  );
  assert.deepEqual(visits(bytes, listing.connections), visits(bytes));
});

test('a table cleared at the end of its pass holds no slot and keeps the connections it found', () => {
  const bytes = reusedPorts();
  const table = new ConnectionTable();
  const reader = new CaptureReader((packet) => void table.lookup(packet));
  reader.push(bytes);
  reader.end();
  const found = table.connections.length;
  assert.ok(table.held > 0 && found > 0);
  table.clear();
  assert.equal(table.held, 0);
  assert.equal(table.connections.length, found);
});

test('a replay holds only the connections still open: each is let go after its last packet', () => {
  const bytes = reusedPorts();
  const listing = scanCapture([bytes]);
  const table = new ConnectionTable(listing.connections);
  let most = 0;
  const reader = new CaptureReader((packet) => {
    const { connection } = table.lookup(packet);
    most = Math.max(most, table.held);
    if (packet.frame === connection.lastFrame) table.release(connection);
  });
  reader.push(bytes);
  reader.end();
  assert.equal(most, 1);
  assert.equal(table.held, 0);
  assert.deepEqual(table.connections, []);
});
