import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import type { Diagnostic } from '../../../src/core/check/diagnostic';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';

/**
 * The diagnostics (code, span, message) of every example and of every capture fixture once
 * imported, against a golden file written before capture annotations became syntax (issue 16
 * item 2): reading them from the tree must not change a single diagnostic.
 * `UPDATE_GOLDEN=1` rewrites the file; do that only for a change that means to alter them.
 */

const GOLDEN = 'test/core/analysis/fixtures/capturedDiagnostics.golden.json';
const EXAMPLES = 'examples';
const FIXTURES = 'test/core/capture/fixtures';

type Row = readonly [code: string, start: number, end: number, message: string];

function rows(diagnostics: readonly Diagnostic[]): Row[] {
  return diagnostics.map((d) => [d.code, d.span.start, d.span.end, d.message] as const);
}

function imported(path: string, name: string): Row[] | string {
  const bytes = readFileSync(path);
  const result = importCapture(() => [bytes], { name });
  return result.ok
    ? rows(analyze(result.text).diagnostics)
    : `not imported: ${result.error.message}`;
}

function everything(): Record<string, Row[] | string> {
  const out: Record<string, Row[] | string> = {};
  for (const name of readdirSync(EXAMPLES).sort()) {
    const path = `${EXAMPLES}/${name}`;
    if (name.endsWith('.handshake'))
      out[path] = rows(analyze(readFileSync(path, 'utf8')).diagnostics);
    else if (name.endsWith('.md'))
      out[path] = rows(checkMarkdown(readFileSync(path, 'utf8')).diagnostics);
    else if (name.endsWith('.pcap') || name.endsWith('.pcapng')) out[path] = imported(path, name);
  }
  for (const name of readdirSync(FIXTURES).sort()) {
    if (/\.(pcap|pcapng|txt)$/.test(name))
      out[`${FIXTURES}/${name}`] = imported(`${FIXTURES}/${name}`, name);
  }
  return out;
}

test('every example and imported capture fixture gives the diagnostics of the golden file', () => {
  const now = everything();
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
  const before = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Row[] | string>;
  assert.deepEqual(Object.keys(now), Object.keys(before));
  for (const [file, expected] of Object.entries(before))
    assert.deepEqual(now[file], expected, file);
});
