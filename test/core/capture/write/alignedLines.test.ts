import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeCaptureFile, type CaptureShape } from '../../../../bench/captureFile';
import { scanCapture } from '../../../../src/core/capture/write/captureScan';
import {
  afterListing,
  WritePass,
  type ImportOptions,
} from '../../../../src/core/capture/write/importCapture';
import { formatDocument } from '../../../../src/core/format/format';
import { applyEdits } from '../../../../src/core/text/textEdits';
import { FIXTURES, fixture } from '../support';

/** What the import gave before it laid out its own lines: its text through Format Document. */
function formatted(lines: readonly string[]): string {
  const text = lines.join('\n') + '\n';
  return applyEdits(text, formatDocument(text));
}

/** The import of `bytes` laid out by `layout` (the writer's own layout when undefined). */
function imported(
  bytes: Uint8Array,
  options: ImportOptions,
  layout?: (lines: readonly string[]) => string,
): string | undefined {
  const next = afterListing(scanCapture([bytes]), false, options);
  if (!(next instanceof WritePass)) return undefined;
  next.scan.push(bytes);
  const result = next.finish(layout);
  return result.ok ? result.text : undefined;
}

function sameAsFormatted(name: string, bytes: Uint8Array, options: ImportOptions = {}): void {
  const own = imported(bytes, { name, ...options });
  const reference = imported(bytes, { name, ...options }, formatted);
  assert.ok(own !== undefined && reference !== undefined, name);
  // Byte for byte: a first difference is easier to read than two whole texts.
  const ownLines = own.split('\n');
  const referenceLines = reference.split('\n');
  const at = ownLines.findIndex((line, i) => line !== referenceLines[i]);
  assert.equal(at < 0 ? undefined : ownLines[at], referenceLines[at], `${name}, line ${at + 1}`);
  assert.equal(own, reference, name);
}

const CAPTURES = readdirSync(FIXTURES).filter((f) => /\.(pcap|pcapng|txt)$/.test(f));

test('every fixture imports as Format Document laid it out, whole and connection by connection', () => {
  assert.ok(CAPTURES.length >= 30);
  for (const name of CAPTURES) {
    const bytes = fixture(name);
    if (imported(bytes, { name }) === undefined) continue; // not a capture (notes)
    sameAsFormatted(name, bytes);
    const connections = scanCapture([bytes]).connections.length;
    for (let c = 1; c <= Math.min(connections, 5); c++)
      sameAsFormatted(name, bytes, { connection: c });
  }
});

test('generated captures of every shape import as Format Document laid them out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-aligned-'));
  try {
    const shapes: CaptureShape[] = ['web', 'lossy', 'one-direction', 'syn-scan'];
    for (const shape of shapes) {
      const path = join(dir, `${shape}.pcap`);
      writeCaptureFile(path, 6000, 40, shape);
      sameAsFormatted(`${shape}.pcap`, readFileSync(path));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
