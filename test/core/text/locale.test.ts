import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docsIn } from '../../../src/core/service/docs';
import { tlsDocsIn } from '../../../src/core/service/docsTls';
import { TLS_MESSAGE_DOCS } from '../../../src/core/protocol/tlsMessageTypes';
import type { Locale } from '../../../src/core/text/locale';
import { cliTextIn } from '../../../src/cli/cliText';
import { CAPTURE_MESSAGES_TABLES } from '../../../src/core/capture/read/captureMessages';
import { KEY_LOG_MESSAGES_TABLES } from '../../../src/core/capture/read/keyLogMessages';
import { renderTextIn } from '../../../src/core/render/renderText';
import { SYNTAX_TEXT_TABLES } from '../../../src/core/syntax/syntaxText';
import { TCP_TEXT_TABLES } from '../../../src/core/tcp/tcpText';
import { analyze } from '../../../src/core/analysis/analyze';
import { renderMermaid } from '../../../src/core/render/mermaid';
import { readdirSync, readFileSync } from 'node:fs';

const MARKERS = new Proxy({}, { get: (_target, name) => `⟦${String(name)}⟧` });
const facts = (text: string) => [...text.matchAll(/⟦(\w+)⟧/g)].map((m) => m[1]).sort();

/** A table's leaves in one language: path → text (functions called with markers). */
function leaves(table: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof table === 'string') out.set(path, table);
  else if (typeof table === 'function') out.set(path, String(table(MARKERS)));
  else if (table && typeof table === 'object') {
    for (const key of Object.keys(table)) {
      for (const [p, t] of leaves((table as Record<string, unknown>)[key], `${path}.${key}`)) {
        out.set(p, t);
      }
    }
  }
  return out;
}

function snapshot(locale: Locale, table: (locale: Locale) => unknown): Map<string, string> {
  return leaves(table(locale));
}

const TABLES: Record<string, (locale: Locale) => unknown> = {
  'hover and completion (docs)': docsIn,
  'TCP reasons and fixes (TCP_TEXT)': (locale) => TCP_TEXT_TABLES[locale],
  'parser words (SYNTAX_TEXT)': (locale) => SYNTAX_TEXT_TABLES[locale],
  'diagram words (renderText)': renderTextIn,
  'capture readers (CAPTURE_MESSAGES)': (locale) => CAPTURE_MESSAGES_TABLES[locale],
  'key log reader (KEY_LOG_MESSAGES)': (locale) => KEY_LOG_MESSAGES_TABLES[locale],
  'command line (cliText)': cliTextIn,
  'TLS hover (tlsDocs)': tlsDocsIn,
  'TLS message docs': (locale) => TLS_MESSAGE_DOCS[locale],
};

/** Entries that are only symbols or names, the same in every language. */
const SAME =
  /^(\.hover\.segmentTitle|\.hover\.variable|\.keywords\.\w+\.syntax|\.completion\.arrows)/;

for (const [name, table] of Object.entries(TABLES)) {
  test(`${name}: every entry has a 简体中文 translation with the same facts`, () => {
    const en = snapshot('en', table);
    const zh = snapshot('zh-cn', table);
    assert.deepEqual([...zh.keys()].sort(), [...en.keys()].sort());
    for (const [path, english] of en) {
      const chinese = zh.get(path) ?? '';
      assert.deepEqual(facts(chinese), facts(english), path);
      if (!SAME.test(path) && /[a-z]{3,} [a-z]{3,}/.test(english.replace(/`[^`]*`/g, ''))) {
        assert.match(chinese, /[\u4e00-\u9fff]/, `${path} is not translated: ${chinese}`);
      }
    }
  });
}

/** Three English words in a row: a sentence left untranslated (names stand alone). */
const ENGLISH = /\b[a-z]{3,} [a-z]{3,} [a-z]{3,}\b/;

test('under zh-cn every example is explained and drawn without English sentences', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    const analysis = analyze(readFileSync(`examples/${file}`, 'utf8'), { locale: 'zh-cn' });
    for (const d of analysis.diagnostics) {
      // Wireshark's own names stay in English so that they can be searched.
      const message = d.message.replace(/Wireshark[：:][^）)]*/g, '');
      assert.doesNotMatch(message, ENGLISH, `${file}: ${d.message}`);
      for (const r of d.related) assert.doesNotMatch(r.message, ENGLISH, `${file}: ${r.message}`);
      if (d.fix) assert.doesNotMatch(d.fix.title, ENGLISH, `${file}: ${d.fix.title}`);
    }
    const notes = renderMermaid(analysis)
      .text.split('\n')
      .filter((line) => /^\s*Note /.test(line))
      .map((line) => line.replace(/#\d+;/g, ' '));
    for (const note of notes) assert.doesNotMatch(note, ENGLISH, `${file}: ${note}`);
  }
});
