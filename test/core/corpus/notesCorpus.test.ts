import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import type { Diagnostic } from '../../../src/core/check/diagnostic';
import { applyEdits } from '../../../src/core/text/textEdits';

/**
 * Issue 18, "the notes as they are written": scenarios a student writes from Chinese study notes
 * (/work/shared/reference/tcp-https-notes.zh.md) — 客户端 and 服务器, Chinese comments and
 * payloads, textbook notation — each either correct or with one typical mistake. The first line
 * of each file says what it expects:
 *
 *   # expect: clean                    no error and no warning (infos are the check at work)
 *   # expect: HS101 "x+1"              exactly one diagnostic, HS101, whose message names x+1
 *
 * Errors and warnings all count; an info counts only when it is the one expected (HS613: the
 * client rejecting a forged certificate is what the scenario shows). When the diagnostic has a
 * quick fix, applying it must leave the file clean.
 */
const DIR = 'test/core/corpus/notes';

/**
 * Files where the engine does not yet give one diagnostic per mistake, with what it gives
 * instead. A gap that closes makes its test fail: move the file out of this list then.
 */
const KNOWN_GAPS: Record<string, { readonly codes: readonly string[]; readonly why: string }> = {};

interface Expectation {
  readonly code?: string;
  readonly names?: string;
}

function expectationOf(file: string, text: string): Expectation {
  const first = text.split('\n', 1)[0] ?? '';
  if (first === '# expect: clean') return {};
  const m = /^# expect: (HS\d{3}) "(.+)"$/.exec(first);
  assert.ok(m, `${file}: the first line must be '# expect: clean' or '# expect: HSnnn "TEXT"'`);
  return { code: m[1] as string, names: m[2] as string };
}

/** The diagnostics that count: errors, warnings, and infos with the expected code. */
function counted(text: string, code?: string): Diagnostic[] {
  return analyze(text).diagnostics.filter((d) => d.severity !== 'info' || d.code === code);
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.handshake'))
  .sort();

test('the corpus has clean files and at least 15 with a mistake', () => {
  const headers = files.map((f) => readFileSync(`${DIR}/${f}`, 'utf8').split('\n', 1)[0]);
  const clean = headers.filter((h) => h === '# expect: clean').length;
  assert.ok(clean >= 8, `${clean} clean`);
  assert.ok(files.length - clean >= 15, `${files.length - clean} with a mistake`);
});

for (const file of files) {
  const text = readFileSync(`${DIR}/${file}`, 'utf8');
  const expected = expectationOf(file, text);
  const gap = KNOWN_GAPS[file];
  const title = expected.code ? `one ${expected.code} naming ${expected.names}` : 'clean';
  test(`notes corpus: ${file} is ${title}${gap ? ' (known gap)' : ''}`, () => {
    const found = counted(text, expected.code);
    if (gap) {
      // Still a gap: the expected diagnostic is among them, with the others listed above.
      assert.deepEqual(
        found.map((d) => d.code),
        gap.codes,
      );
      assert.ok(found.some((d) => d.code === expected.code));
      return;
    }
    assert.deepEqual(
      found.map((d) => d.code),
      expected.code ? [expected.code] : [],
      found.map((d) => `${file}: ${d.code}: ${d.message}`).join('\n'),
    );
    if (!expected.code) return;
    const [diagnostic] = found;
    assert.ok(
      diagnostic?.message.includes(expected.names ?? ''),
      `${file}: '${diagnostic?.message}' does not name ${expected.names}`,
    );
    if (!diagnostic?.fix) return;
    const fixed = applyEdits(text, diagnostic.fix.edits);
    const remains = counted(fixed).map((d) => d.code);
    assert.deepEqual(remains, [], `${file} after '${diagnostic.fix.title}'`);
  });
}

test('every known gap names a file of the corpus', () => {
  for (const file of Object.keys(KNOWN_GAPS)) {
    assert.ok(files.includes(file), file);
  }
});
