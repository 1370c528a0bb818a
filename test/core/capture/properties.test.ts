import { word } from '../../../src/core/text/words';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { importCapture, listConnections } from '../../../src/core/capture/write/importCapture';
import { parse } from '../../../src/core/syntax/parser';
import { analyze } from '../../../src/core/analysis/analyze';
import { fixture } from './support';

/**
 * Bad input never throws and never hangs: random bytes, every prefix of real captures, and
 * real captures with random bytes overwritten, pushed in random chunk sizes. Each run must end
 * within a time bound that no real input this small comes near.
 */
const SEED = 7;
const CAPTURES = [
  'http.pcap',
  'tls12.pcap',
  'http6.pcapng',
  'tls13-verbose.txt',
  'zoo.pcap',
  // Certificate chains, a rejected handshake and a HelloRetryRequest to corrupt.
  'tls12-rsa.pcap',
  'tls12-rejected.pcap',
  'tls13-hrr.pcap',
].map((name) => fixture(name));

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

/** Imports and checks; fails the property on a throw or when it takes far too long. */
function survives(bytes: Uint8Array, size: number): boolean {
  const start = performance.now();
  const result = importCapture(() => chunks(bytes, size));
  if (result.ok) analyze(result.text);
  else assert.ok(word(result.error.message, 'en').length > 0);
  listConnections(chunks(bytes, size));
  assert.ok(performance.now() - start < 2000, 'took too long');
  return true;
}

test('random bytes never throw', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 2000 }),
      fc.integer({ min: 1, max: 600 }),
      (bytes, size) => survives(bytes, size),
    ),
    { numRuns: 300, seed: SEED },
  );
});

test('random bytes after a valid pcap or pcapng header never throw', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...CAPTURES.slice(0, 3)),
      fc.uint8Array({ maxLength: 1500 }),
      fc.integer({ min: 1, max: 300 }),
      (capture, tail, size) => {
        const head = capture.subarray(0, capture[0] === 0x0a ? 48 : 24);
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        return survives(bytes, size);
      },
    ),
    { numRuns: 300, seed: SEED },
  );
});

test('every truncation of a real capture imports what comes before the cut', () => {
  for (const capture of CAPTURES) {
    for (let length = 0; length <= capture.length; length += 17) {
      survives(capture.subarray(0, length), 64);
    }
  }
});

test('real captures with random bytes overwritten never throw', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...CAPTURES),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 20,
      }),
      fc.integer({ min: 1, max: 4096 }),
      (capture, edits, size) => {
        const bytes = capture.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return survives(bytes, size);
      },
    ),
    { numRuns: 400, seed: SEED },
  );
});

test('random text lines that look like tcpdump never throw', () => {
  const piece = fc.constantFrom(
    'IP ',
    'IP6 ',
    '10.0.0.1.80',
    ' > ',
    '::1.443',
    ': ',
    'Flags [S.]',
    ', seq ',
    '1:19',
    ', ack ',
    '4294967295',
    ', win ',
    '0',
    ', length ',
    '99999999999',
    ' S ',
    '1:1(0)',
    ' ack 1',
    '\n',
    '\t0x0000:  4500 003c',
    '12:00:00.000001 ',
    '<mss 1460>',
    'options [wscale 99]',
  );
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 60 }),
      fc.integer({ min: 1, max: 50 }),
      (pieces, size) => survives(new TextEncoder().encode(pieces.join('')), size),
    ),
    { numRuns: 300, seed: SEED },
  );
});

test('corrupted TLS captures still import as lines the parser reads without a syntax error', () => {
  const tls = ['tls12-rsa.pcap', 'tls12.pcap', 'tls13-hrr.pcap'].map((name) => fixture(name));
  fc.assert(
    fc.property(
      fc.constantFrom(...tls),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      }),
      (capture, edits) => {
        // Past the file and first packet headers, mostly into the TLS payloads.
        const bytes = capture.slice();
        for (const [at, value] of edits) bytes[300 + (at % (bytes.length - 300))] = value;
        const result = importCapture(() => [bytes]);
        if (!result.ok) return true;
        assert.deepEqual(
          parse(result.text).diagnostics.map((d) => d.code),
          [],
        );
        return true;
      },
    ),
    { numRuns: 300, seed: SEED },
  );
});
