import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze, type Analysis } from '../../../src/core/analysis/analyze';
import { importCapture } from '../../../src/core/capture/write/importCapture';
import { handshakeFenceHtml } from '../../../src/core/markdown/fenceHtml';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { traceTable } from '../../../src/core/render/traceTable';
import { completionList } from '../../../src/core/service/completion';
import { hover } from '../../../src/core/service/hover';
import { inlayHints } from '../../../src/core/service/inlayHints';
import { outline } from '../../../src/core/service/outline';
import { quickFixes } from '../../../src/core/service/fixes';
import { verdict } from '../../../src/core/service/verdict';
import { TCP_TEXT } from '../../../src/core/tcp/tcpText';
import { TLS_TEXT } from '../../../src/core/tls/tlsText';
import * as localeModule from '../../../src/core/text/locale';
import { LOCALES, type Locale } from '../../../src/core/text/locale';
import { joinText, word } from '../../../src/core/text/words';

test('a phrase is worded in the locale asked for, its argument phrases too', () => {
  const at = TCP_TEXT.causeAt({ from: 'client', line: 3, seq: 'x' });
  const phrase = TCP_TEXT.causeSyn({ at });
  assert.equal(
    word(phrase, 'en'),
    'the SYN client sent at line 3 (seq=x) consumes one sequence number',
  );
  assert.match(word(phrase, 'zh-cn'), /[\u4e00-\u9fff]/);
  assert.equal(word('plain', 'zh-cn'), 'plain');
  assert.equal(word(TCP_TEXT.phases.handshake, 'en'), 'Three-way handshake');
});

test('joinText joins strings as strings and phrases as a phrase', () => {
  assert.equal(joinText(['a', 'b'], ', '), 'a, b');
  const joined = joinText(['TLS 1.2', 'TLS 1.3'], TLS_TEXT.and);
  assert.equal(word(joined, 'en'), 'TLS 1.2 and TLS 1.3');
  assert.equal(word(joined, 'zh-cn'), 'TLS 1.2 和 TLS 1.3');
});

test('the locale is an argument: text/locale.ts holds no setting and no src file sets one', () => {
  assert.deepEqual(Object.keys(localeModule).sort(), ['LOCALES', 'localeOf']);
  const source = readFileSync('src/core/text/locale.ts', 'utf8');
  assert.doesNotMatch(source, /^\s*(let|var)\s/m, 'a module-level variable in locale.ts');
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(
      text,
      /\b(setLocale|currentLocale|liveTable|localized)\b/,
      `${file} uses a removed locale API`,
    );
    assert.doesNotMatch(text, /^(let|var)\s+\w+\s*:\s*Locale\b/m, `${file} keeps a locale`);
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** What a phrase put into `+`, a template literal or `join` writes, and what a missing argument does. */
const BROKEN = /\[object |undefined/;

/** Every worded text a user can see for one scenario: problems, hovers, the diagram, the rest. */
function wordedTexts(analysis: Analysis): string[] {
  const texts: string[] = [];
  for (const d of analysis.diagnostics) {
    texts.push(d.message, ...d.related.map((r) => r.message));
    if (d.fix) texts.push(d.fix.title);
    texts.push(...quickFixes(analysis, d.span).map((f) => f.title));
  }
  const text = analysis.document.text;
  // A hover at the start of every word, and completion at the end of every line.
  for (const match of text.matchAll(/\S+/g)) {
    const found = hover(analysis, match.index);
    if (found) texts.push(found.markdown);
  }
  for (const match of text.matchAll(/\n/g)) {
    for (const item of completionList(analysis, match.index).items) {
      texts.push(item.detail ?? '', String(item.documentation ?? ''));
    }
  }
  texts.push(renderMermaid(analysis).text, verdict(analysis));
  texts.push(...inlayHints(analysis).map((h) => h.label));
  texts.push(...outline(analysis).flatMap((s) => [s.name, s.detail]));
  texts.push(JSON.stringify(traceTable(analysis)));
  return texts;
}

function assertWorded(name: string, texts: readonly string[]): void {
  for (const text of texts) assert.doesNotMatch(text, BROKEN, `${name}: ${text.slice(0, 300)}`);
}

const SCENARIOS = [
  ...readdirSync('examples')
    .filter((f) => f.endsWith('.handshake'))
    .map((f) => join('examples', f)),
  ...sourceFiles('test').filter((f) => f.endsWith('.handshake')),
];

for (const locale of LOCALES) {
  test(`every example and fixture is worded in ${locale} without [object or undefined`, () => {
    for (const file of SCENARIOS) {
      assertWorded(
        `${file} (${locale})`,
        wordedTexts(analyze(readFileSync(file, 'utf8'), { locale })),
      );
    }
  });

  test(`every Markdown example and imported capture fixture is worded in ${locale}`, () => {
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.md'))) {
      const markdown = readFileSync(join('examples', file), 'utf8');
      const check = checkMarkdown(markdown, undefined, locale);
      assertWorded(
        file,
        check.diagnostics.map((d) => d.message),
      );
      for (const fence of check.fences) assertWorded(file, wordedTexts(fence.analysis));
      assertWorded(file, [handshakeFenceHtml(markdown, { locale })]);
    }
    const captures = readdirSync('test/core/capture/fixtures').filter((f) =>
      /\.(pcap|pcapng|txt)$/.test(f),
    );
    const examples = readdirSync('examples').filter((f) => f.endsWith('.pcap'));
    for (const path of [
      ...captures.map((f) => join('test/core/capture/fixtures', f)),
      ...examples.map((f) => join('examples', f)),
    ]) {
      const bytes = readFileSync(path);
      const result = importCapture(() => [bytes], { locale });
      if (!result.ok) {
        assertWorded(path, [word(result.error.message, locale)]);
        continue;
      }
      assertWorded(path, [result.text]);
      assertWorded(path, wordedTexts(analyze(result.text, { locale })));
    }
  });
}

test('one analysis per locale: the same text is worded in each without a setting', () => {
  const text = readFileSync('examples/mistakes.handshake', 'utf8');
  const byLocale = new Map<Locale, string[]>(
    LOCALES.map((locale) => [locale, analyze(text, { locale }).diagnostics.map((d) => d.message)]),
  );
  const en = byLocale.get('en') ?? [];
  const zh = byLocale.get('zh-cn') ?? [];
  assert.equal(en.length, zh.length);
  assert.ok(en.length > 0);
  assert.ok(en.every((m, i) => m !== zh[i]));
  // And again in English afterwards: nothing was left set.
  assert.deepEqual(
    analyze(text).diagnostics.map((d) => d.message),
    en,
  );
});
