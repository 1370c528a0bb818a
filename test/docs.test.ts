import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatLine, locate } from '../src/cli/formatDiagnostic';
import { importCapture } from '../src/core/capture/write/importCapture';
import { analyze, type AnalyzeOptions } from '../src/core/analysis/analyze';
import { CODE_MEANINGS } from '../src/core/check/codeMeanings';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../src/core/check/codes';
import { CAPTURED, OPEN } from './helpers';
import { HELLO, MITM_PKI, pki } from './core/check/tlsCodeCases';

/**
 * The language reference stays true: every `<!-- check: NAME -->` block is checked as the CLI
 * would and must print exactly the lines the doc shows for NAME, and every row of the
 * diagnostics table, run in its context, reports its code as shown.
 */
const doc = readFileSync('docs/language.md', 'utf8');
const blocks = [...doc.matchAll(/(?:<!-- check: (\S+) -->\n\n)?```(\w*)\n([\s\S]*?)```/g)].map(
  (m) => ({ name: m[1], lang: m[2] ?? '', body: m[3] ?? '' }),
);
const shown = blocks
  .filter((b) => b.lang === 'text')
  .flatMap((b) => b.body.split('\n'))
  .filter(Boolean);

function check(name: string, text: string, options: AnalyzeOptions = {}): string[] {
  const analysis = analyze(text, options);
  return analysis.diagnostics.map((d) => formatLine(locate(name, analysis, d)));
}

function documented(name: string): string[] {
  return shown.filter((line) => line.startsWith(`${name}:`));
}

test('every handshake block in the reference is checked', () => {
  const unmarked = blocks.filter((b) => b.lang === 'handshake' && !b.name);
  assert.deepEqual(
    unmarked.map((b) => b.body.split('\n')[0]),
    [],
  );
  assert.ok(blocks.filter((b) => b.name).length >= 10);
});

for (const block of blocks.filter((b) => b.name)) {
  const name = block.name as string;
  test(`docs: ${name} reports what the reference shows`, () => {
    assert.deepEqual(check(name, block.body), documented(name));
    if (existsSync(`examples/${name}`)) {
      assert.equal(block.body, readFileSync(`examples/${name}`, 'utf8'), 'differs from examples/');
    }
  });
}

const CONTEXTS: Record<string, string[]> = {
  H: OPEN,
  H5: OPEN.slice(0, 5),
  L: ['endpoint a', 'endpoint b', 'b listen'],
  N: ['endpoint a', 'endpoint b'],
  P: pki(),
  T: [...pki(), ...HELLO],
  M: MITM_PKI,
  C: CAPTURED,
  '—': [],
  max2: [],
};
/** Contexts checked with other options than analyze's defaults. */
const OPTIONS: Record<string, AnalyzeOptions> = { max2: { maxDiagnostics: 2 } };
const rows = [...doc.matchAll(/^\| (HS\d{3}) \| (\w+) \| (.*?) \| (\S+) \| (.*) \|$/gm)].map(
  (m) => ({
    code: m[1] as string,
    severity: m[2] as string,
    meaning: m[3] as string,
    context: m[4] as string,
    example: m[5] as string,
  }),
);

test('the diagnostics table lists every code with its severity', () => {
  const table = rows.map((r) => `${r.code} ${r.severity}`).sort();
  const codes = Object.values(DIAGNOSTIC_CODES)
    .map((c) => `${c.code} ${c.severity}`)
    .sort();
  assert.deepEqual(table, codes);
});

test('the Meaning column is the meaning the core gives each code (src/core/check/codeMeanings.ts)', () => {
  assert.deepEqual(
    Object.fromEntries(rows.map((r) => [r.code, r.meaning])),
    Object.fromEntries(
      Object.values(DIAGNOSTIC_CODES).map((c) => [c.code, CODE_MEANINGS[c.code as DiagnosticCode]]),
    ),
  );
});

for (const row of rows) {
  test(`docs: the ${row.code} row reports ${row.code}`, () => {
    const context = CONTEXTS[row.context];
    assert.ok(context, `unknown context ${row.context}`);
    const lines = row.example.split('<br>').map((part) => part.replace(/^`|`$/g, ''));
    const name = `${row.code}.handshake`;
    const out = check(name, [...context, ...lines].join('\n') + '\n', OPTIONS[row.context]);
    assert.ok(
      out.some((line) => line.includes(` ${row.code}: `)),
      out.join('\n'),
    );
    assert.deepEqual(out, documented(name));
  });
}

test('docs/capture.md: each import example is what the import writes (… cuts a long line)', () => {
  const capture = readFileSync('docs/capture.md', 'utf8');
  const examples = [...capture.matchAll(/<!-- import: (\S+) -->\n\n```text\n([\s\S]*?)```/g)];
  assert.ok(examples.length >= 1);
  for (const [, name, body] of examples) {
    const bytes = readFileSync(`test/core/capture/fixtures/${name}`);
    const result = importCapture(() => [bytes], { name });
    assert.ok(result.ok);
    const written = result.text.split('\n');
    (body ?? '')
      .trimEnd()
      .split('\n')
      .forEach((line, i) => {
        const cut = line.endsWith('…');
        const actual = written[i] ?? '';
        if (cut) assert.ok(actual.startsWith(line.slice(0, -1)), `${name} line ${i + 1}`);
        else assert.equal(line, actual, `${name} line ${i + 1}`);
      });
  }
});

test('docs/language.zh-cn.md: every example is the checked one of the same name in language.md', () => {
  const zh = readFileSync('docs/language.zh-cn.md', 'utf8');
  const zhBlocks = [...zh.matchAll(/<!-- check: (\S+) -->\n\n```handshake\n([\s\S]*?)```/g)];
  assert.ok(zhBlocks.length >= 6);
  for (const [, name, body] of zhBlocks) {
    assert.equal(body, blocks.find((b) => b.name === name)?.body, name);
  }
  const zhShown = [...zh.matchAll(/```text\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] ?? '').split('\n').filter(Boolean),
  );
  for (const line of zhShown) assert.ok(shown.includes(line), line);
});
