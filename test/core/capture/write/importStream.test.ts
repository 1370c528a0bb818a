import { word } from '../../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCapture, listConnections } from '../../../../src/core/capture/write/importCapture';
import {
  importStream,
  listConnectionsStream,
  type AsyncChunkSource,
} from '../../../../src/core/capture/write/importStream';
import type { ImportStep } from '../../../../src/core/capture/write/importCapture';
import { Conversation, pcapFile } from '../../../support/pcapWriter';
import { fixture } from '../support';

const CHUNK = 1 << 16;

/** A capture of about 3 MB: one connection sending 2,000 full segments, then closing. */
function bigCapture(): Uint8Array {
  const c = new Conversation([
    { ip: '10.0.0.1', port: 50000 },
    { ip: '10.0.0.2', port: 80 },
  ]).handshake();
  for (let i = 0; i < 2000; i++) {
    c.emit(0, 'A', 1448);
    if (i % 2) c.emit(1, 'A', 0);
  }
  c.emit(0, 'FA', 0);
  c.emit(1, 'FA', 0);
  c.emit(0, 'A', 0);
  return pcapFile(c.segments);
}

/**
 * `bytes` read as a file would be: one chunk at a time, each after an await, into one reused
 * buffer (so that a reader keeping a chunk would see it overwritten). Counts what is read and
 * whether the reading was closed.
 */
function fileLike(bytes: Uint8Array, chunk = CHUNK) {
  const log = { opened: 0, closed: 0, chunksRead: 0 };
  const source: AsyncChunkSource = async function* () {
    log.opened++;
    const buffer = new Uint8Array(chunk);
    try {
      for (let at = 0; at < bytes.length; at += chunk) {
        await new Promise((resolve) => setImmediate(resolve));
        const piece = bytes.subarray(at, at + chunk);
        buffer.set(piece);
        log.chunksRead++;
        yield buffer.subarray(0, piece.length);
      }
    } finally {
      log.closed++;
    }
  };
  return { source, log };
}

test('a streamed import writes what the whole-file import writes', async () => {
  for (const name of ['http.pcap', 'tls13.pcap', 'http6.pcapng', 'http.txt', 'zoo.pcap']) {
    const bytes = fixture(name);
    const { source } = fileLike(bytes, 1000);
    assert.deepEqual(
      await importStream(source, { name }),
      importCapture(() => [bytes], { name }),
      name,
    );
  }
});

test('a capture of many chunks: every chunk is read twice, and the files are closed', async () => {
  const bytes = bigCapture();
  assert.ok(bytes.length > 40 * CHUNK);
  const { source, log } = fileLike(bytes);
  const result = await importStream(source, { name: 'big.pcap' });
  assert.deepEqual(
    result,
    importCapture(() => [bytes], { name: 'big.pcap' }),
  );
  assert.equal(result.ok && result.summary.tcpPackets, 3006);
  assert.deepEqual(log, { opened: 2, closed: 2, chunksRead: 2 * Math.ceil(bytes.length / CHUNK) });
});

test('progress: the list pass then the write pass, each up to the size of the file', async () => {
  const bytes = bigCapture();
  const steps: ImportStep[] = [];
  await importStream(fileLike(bytes).source, { onStep: (step) => void steps.push(step) });
  const list = steps.filter((s) => s.pass === 'list').map((s) => s.bytes);
  const write = steps.filter((s) => s.pass === 'write').map((s) => s.bytes);
  assert.deepEqual(
    steps.map((s) => s.pass),
    [...list.map(() => 'list'), ...write.map(() => 'write')],
  );
  for (const pass of [list, write]) {
    assert.equal(pass.length, Math.ceil(bytes.length / CHUNK));
    assert.ok(pass.every((n, i) => i === 0 || n > (pass[i - 1] as number)));
    assert.equal(pass.at(-1), bytes.length);
  }
});

test('cancelling while listing stops the reading at once and closes the file', async () => {
  const { source, log } = fileLike(bigCapture());
  let steps = 0;
  const result = await importStream(source, {
    onStep: () => void steps++,
    cancelled: () => steps >= 2,
  });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : word(result.error.message, 'en'), /cancelled/);
  assert.equal(result.summary.cancelled, true);
  assert.deepEqual(log, { opened: 1, closed: 1, chunksRead: 2 });
});

test('cancelling while writing stops the second reading too', async () => {
  const bytes = bigCapture();
  const { source, log } = fileLike(bytes);
  const chunks = Math.ceil(bytes.length / CHUNK);
  let steps = 0;
  const result = await importStream(source, {
    onStep: () => void steps++,
    cancelled: () => steps >= chunks + 3,
  });
  assert.equal(result.ok, false);
  assert.equal(result.summary.cancelled, true);
  assert.deepEqual(log, { opened: 2, closed: 2, chunksRead: chunks + 3 });
});

test('a file that cannot be read rejects with its error, and is closed', async () => {
  let closed = false;
  const failing: AsyncChunkSource = async function* () {
    try {
      yield fixture('http.pcap').subarray(0, 100);
      throw new Error('EIO: i/o error, read');
    } finally {
      closed = true;
    }
  };
  await assert.rejects(importStream(failing), /EIO/);
  assert.equal(closed, true);
});

test('a file that is not a capture is read no further than its first chunk', async () => {
  // Control bytes from the start: neither libpcap, pcapng nor text.
  const junk = new Uint8Array(10 * CHUNK).fill(1);
  const { source, log } = fileLike(junk);
  const result = await importStream(source);
  assert.equal(result.ok, false);
  assert.deepEqual(log, { opened: 1, closed: 1, chunksRead: 1 });
});

test('listing a streamed capture lists what listing the whole file lists', async () => {
  for (const name of ['zoo.pcap', 'http6.pcapng', 'tls12-hex.txt']) {
    const bytes = fixture(name);
    const { source, log } = fileLike(bytes, 999);
    assert.deepEqual(await listConnectionsStream(source()), listConnections([bytes]), name);
    assert.equal(log.closed, 1);
  }
});
