import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOCS } from '../../../src/core/service/docs';
import { TLS_DOCS } from '../../../src/core/service/docsTls';
import { TLS_MESSAGE_DOCS } from '../../../src/core/protocol/tlsMessageTypes';
import { setLocale } from '../../../src/core/text/locale';
import { CLI_TEXT } from '../../../src/cli/cliText';
import { CAPTURE_MESSAGES } from '../../../src/core/capture/read/captureMessages';
import { RENDER_TEXT } from '../../../src/core/render/renderText';
import { SYNTAX_TEXT } from '../../../src/core/syntax/syntaxText';
import { TCP_TEXT } from '../../../src/core/tcp/tcpText';
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

function snapshot(locale: string, table: () => unknown): Map<string, string> {
  setLocale(locale);
  try {
    return leaves(table());
  } finally {
    setLocale('en');
  }
}

const TABLES: Record<string, () => unknown> = {
  'hover and completion (DOCS)': () => DOCS,
  'TCP reasons and fixes (TCP_TEXT)': () => TCP_TEXT,
  'parser words (SYNTAX_TEXT)': () => SYNTAX_TEXT,
  'diagram words (RENDER_TEXT)': () => RENDER_TEXT,
  'capture readers (CAPTURE_MESSAGES)': () => CAPTURE_MESSAGES,
  'command line (CLI_TEXT)': () => CLI_TEXT,
  'TLS hover (TLS_DOCS)': () => TLS_DOCS,
  'TLS message docs': () => TLS_MESSAGE_DOCS,
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
  setLocale('zh-cn');
  try {
    for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
      const analysis = analyze(readFileSync(`examples/${file}`, 'utf8'));
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
  } finally {
    setLocale('en');
  }
});
