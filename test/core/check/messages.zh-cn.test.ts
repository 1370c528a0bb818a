import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { DIAGNOSTIC_CODES, type DiagnosticKind } from '../../../src/core/check/codes';
import { MESSAGES } from '../../../src/core/check/messages';
import { MESSAGES_ZH_CN } from '../../../src/core/check/messages.zh-cn';
import { localeOf } from '../../../src/core/text/locale';
import { lines, OPEN } from '../../helpers';

/** Arguments that answer any property with a marker naming it, to see which facts a text uses. */
const MARKERS = new Proxy({}, { get: (_target, name) => `⟦${String(name)}⟧` });

function factsIn(text: string): string[] {
  return [...text.matchAll(/⟦(\w+)⟧/g)].map((m) => m[1] as string).sort();
}

const kinds = Object.keys(DIAGNOSTIC_CODES) as DiagnosticKind[];

for (const kind of kinds) {
  test(`${DIAGNOSTIC_CODES[kind].code} ${kind} has a 简体中文 translation with the same facts`, () => {
    const zh = MESSAGES_ZH_CN[kind] as ((p: unknown) => string) | undefined;
    assert.ok(zh, `no zh-cn message for ${kind}`);
    const english = (MESSAGES[kind] as (p: unknown) => string)(MARKERS);
    const chinese = zh(MARKERS);
    assert.match(chinese, /[\u4e00-\u9fff]/, 'written in Chinese');
    assert.deepEqual(factsIn(chinese), factsIn(english));
  });
}

test('language tags from VS Code, browsers and LANG', () => {
  for (const tag of ['zh-cn', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'zh_CN.UTF-8', 'zh']) {
    assert.equal(localeOf(tag), 'zh-cn', tag);
  }
  for (const tag of ['en', 'en-US', 'C.UTF-8', 'fr', 'zh-TW', 'zh-Hant', '', undefined]) {
    assert.equal(localeOf(tag), 'en', String(tag));
  }
});

test('under zh-cn the engine reports in Chinese', () => {
  const analysis = analyze(lines(...OPEN.slice(0, 5), 'client -> server ACK seq=x+1 ack=y'), {
    locale: 'zh-cn',
  });
  assert.match(analysis.diagnostics[0]?.message ?? '', /^确认号应为 y\+1：/);
});
