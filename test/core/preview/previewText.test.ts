import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PREVIEW_TEXT_TABLES, previewText } from '../../../src/core/preview/previewText';

/**
 * The preview panel's words in 简体中文: every entry of the English table, nested ones included,
 * has a Chinese one that says the same facts. The scenario's own words (`seq`, `ack`, `len`) and
 * the `#` of the line column stay as they are.
 */
const KEPT = new Set(['#', 'seq', 'ack', 'len']);
const MARKERS = new Proxy({}, { get: (_target, name) => `⟦${String(name)}⟧` });
const facts = (text: string) => [...text.matchAll(/⟦(\w+)⟧/g)].map((m) => m[1]).sort();
const CHINESE = /[\u4e00-\u9fff]/;

function entries(table: object, prefix = ''): [string, unknown][] {
  return Object.entries(table).flatMap(([key, value]): [string, unknown][] =>
    typeof value === 'object' && value !== null
      ? entries(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

const en = new Map(entries(PREVIEW_TEXT_TABLES.en));
const zh = new Map(entries(PREVIEW_TEXT_TABLES['zh-cn']));

test('the Chinese table has exactly the English keys', () => {
  assert.deepEqual([...zh.keys()].sort(), [...en.keys()].sort());
});

for (const [key, english] of en) {
  test(`preview text ${key} is in 简体中文 with the same facts`, () => {
    const chinese = zh.get(key);
    assert.equal(typeof chinese, typeof english);
    if (typeof english === 'function' && typeof chinese === 'function') {
      const a = String(english(MARKERS));
      const b = String(chinese(MARKERS));
      assert.deepEqual(facts(b), facts(a));
      assert.match(b, CHINESE);
    } else if (KEPT.has(String(english))) {
      assert.equal(chinese, english);
    } else {
      assert.match(String(chinese), CHINESE);
    }
  });
}

test('the page language picks the table', () => {
  assert.equal(previewText('zh-cn').tableView, '表格');
  assert.equal(previewText('en').tableView, 'Table');
  assert.equal(previewText('fr').tableView, 'Table');
});
