import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { importStream } from '../../../src/core/capture/write/importStream';
import { nodeFileChunks, readableFileSize } from '../../../src/extension/capture/nodeFileChunks';
import { fixture } from '../../core/capture/support';

const dir = mkdtempSync(join(tmpdir(), 'handshake-chunks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * How many of this process's file descriptors are open on `path`, where Linux shows them.
 * Counting only those of the file itself: the runtime opens and closes descriptors of its own
 * at any time, so the count of all of them changes under a test (Node 24 showed 37 → 38).
 */
function openOn(path: string): number | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count++;
    } catch {
      // closed while we looked
    }
  }
  return count;
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

test('a file is read in chunks of the given size, the last one short', async () => {
  const bytes = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);
  const path = file('bytes.bin', bytes);
  const sizes: number[] = [];
  const read: number[] = [];
  for await (const chunk of nodeFileChunks(path, 1000)) {
    sizes.push(chunk.length);
    read.push(...chunk);
  }
  assert.deepEqual(sizes, [1000, 1000, 500]);
  assert.deepEqual(read, [...bytes]);
  assert.equal(await readableFileSize(path), 2500);
});

test('stopping after one chunk reads no further and closes the file', async () => {
  const path = file('stop.bin', new Uint8Array(10_000));
  let chunks = 0;
  let whileReading: number | undefined;
  for await (const _chunk of nodeFileChunks(path, 1000)) {
    chunks++;
    whileReading = openOn(path);
    break;
  }
  assert.equal(chunks, 1);
  if (whileReading !== undefined) assert.equal(whileReading, 1, 'the file is open while read');
  assert.equal(openOn(path) ?? 0, 0);
});

test('a missing file or a directory is refused before any reading', async () => {
  await assert.rejects(readableFileSize(join(dir, 'missing.pcap')), { code: 'ENOENT' });
  await assert.rejects(readableFileSize(dir), { code: 'EISDIR' });
});

test('a capture streamed from disk imports as the whole file does, and is closed', async () => {
  const bytes = fixture('zoo.pcap');
  const path = file('zoo.pcap', bytes);
  const result = await importStream(() => nodeFileChunks(path, 4096), { name: 'zoo.pcap' });
  assert.deepEqual(
    result,
    importCapture(() => [bytes], { name: 'zoo.pcap' }),
  );
  assert.equal(openOn(path) ?? 0, 0);
});
