import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { MAX_DIAGNOSTICS } from '../../../src/core/analysis/diagnosticLimit';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import { codesAt, lines } from '../../helpers';

const MEGABYTE = 1 << 20;

test('a megabyte of "@ " reports the first MAX_DIAGNOSTICS and one HS901 that counts the rest', () => {
  const text = '@ '.repeat(MEGABYTE / 2);
  const { diagnostics, stepDiagnostics } = analyze(text);
  assert.ok(diagnostics.length <= MAX_DIAGNOSTICS + 1);
  assert.equal(diagnostics.length, MAX_DIAGNOSTICS + 1);
  const last = diagnostics[diagnostics.length - 1];
  assert.equal(last?.code, 'HS901');
  assert.equal(last?.severity, 'error');
  assert.equal(last?.span.start, 2 * MAX_DIAGNOSTICS); // the first '@' left out
  assert.match(last?.message ?? '', new RegExp(`^${MEGABYTE / 2 - MAX_DIAGNOSTICS} more`));
  // Only what is reported is placed on the statements.
  let placed = 0;
  for (const list of stepDiagnostics.byStatement.values()) placed += list.length;
  assert.ok(placed <= MAX_DIAGNOSTICS + 1);
});

test('a megabyte of "@" lines, of one-word lines and a megabyte-long line stay under the limit', () => {
  for (const text of [
    '@\n'.repeat(MEGABYTE / 2),
    'x\n'.repeat(MEGABYTE / 2),
    '@'.repeat(MEGABYTE),
  ]) {
    assert.ok(analyze(text).diagnostics.length <= MAX_DIAGNOSTICS + 1);
  }
});

test('HS901 takes the highest severity left out: errors past the limit still fail the check', () => {
  // A warning (an unfinished line), then an error (an unexpected character).
  const text = lines('endpoint client', 'endpoint server', 'client -> server', '@');
  assert.deepEqual(codesAt(analyze(text)), ['HS016@3:17', 'HS001@4:1']);
  const limited = analyze(text, { maxDiagnostics: 1 });
  assert.deepEqual(codesAt(limited), ['HS016@3:17', 'HS901@4:1']);
  assert.equal(limited.diagnostics[1]?.severity, 'error');
  const warningsLeft = analyze(
    lines('endpoint client', 'endpoint server', 'client ->', 'client -> server'),
    {
      maxDiagnostics: 1,
    },
  );
  assert.deepEqual(
    warningsLeft.diagnostics.map((d) => `${d.code} ${d.severity}`),
    ['HS016 warning', 'HS901 warning'],
  );
});

test('maxDiagnostics: Infinity reports all, 0 only the count; both languages word HS901', () => {
  const text = '@ '.repeat(3000);
  assert.equal(analyze(text, { maxDiagnostics: Infinity }).diagnostics.length, 3000);
  assert.deepEqual(
    analyze(text, { maxDiagnostics: 0 }).diagnostics.map((d) => d.code),
    ['HS901'],
  );
  const zh = analyze(text, { locale: 'zh-cn' }).diagnostics.at(-1);
  assert.equal(
    zh?.message,
    '另有 2000 个诊断未显示：一个文件只报告前 1000 个。请先修正这些，再重新检查。',
  );
});

test('a Markdown note is limited block by block', () => {
  const block = '```handshake\n' + '@ '.repeat(1500) + '\n```\n';
  const { diagnostics } = checkMarkdown(block + '\n' + block);
  assert.equal(diagnostics.length, 2 * (MAX_DIAGNOSTICS + 1));
  assert.equal(diagnostics.filter((d) => d.code === 'HS901').length, 2);
});
