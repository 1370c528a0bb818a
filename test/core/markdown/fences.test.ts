import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import {
  findHandshakeFences,
  isHandshakeInfo,
  toDocumentOffset,
} from '../../../src/core/markdown/fences';
import { handshakeFenceHtml } from '../../../src/core/markdown/fenceHtml';
import { analyze } from '../../../src/core/analysis/analyze';
import { MISTAKE_TEMPLATE } from '../../../src/core/service/templates';
import { verdict } from '../../../src/core/service/verdict';

const SCENARIO = [
  'endpoint client 10.0.0.1:1',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=100',
  'server -> client SYN ACK seq=300 ack=100',
];

/** markdown-it's content of every fence whose language is handshake: the reference. */
function markdownItFences(markdown: string): { content: string; line: number }[] {
  return new MarkdownIt()
    .parse(markdown, {})
    .filter((t) => t.type === 'fence' && isHandshakeInfo(t.info))
    .map((t) => ({ content: t.content, line: t.map?.[0] ?? -1 }));
}

const DOCUMENTS: Record<string, string> = {
  'a fence at the top level': ['# Notes', '', '```handshake', ...SCENARIO, '```', 'after'].join(
    '\n',
  ),
  'tildes and a longer fence': ['~~~~ handshake title', ...SCENARIO, '~~~', '~~~~~'].join('\n'),
  'an info string in capitals with more words': ['```Handshake {x}', ...SCENARIO, '```'].join('\n'),
  'an indented fence strips its indentation from the content': [
    '  ```handshake',
    ...SCENARIO.map((l, i) => (i % 2 ? '  ' : ' ') + l),
    '  ```',
  ].join('\n'),
  'a fence in a list item': [
    '1. Trace:',
    '',
    '   ```handshake',
    ...SCENARIO.map((l) => '   ' + l),
    '   ```',
  ].join('\n'),
  'an unclosed fence runs to the end of the document': ['```handshake', ...SCENARIO].join('\n'),
  'a closing fence needs the same character and at least the length': [
    '````handshake',
    'endpoint a',
    '```',
    '~~~~',
    'endpoint b',
    '````',
  ].join('\n'),
  'two blocks and a fence of another language between them': [
    '```handshake',
    'endpoint a',
    '```',
    '```markdown',
    '```handshake',
    'not a block: an example inside another fence',
    '```',
    '',
    '```handshake',
    'endpoint b',
    '```',
  ].join('\n'),
  'an empty block': ['```handshake', '```'].join('\n'),
  'Windows line ends': ['```handshake', ...SCENARIO, '```', ''].join('\r\n'),
  'a backtick fence whose info has a backtick is no fence': ['```handshake `x`', 'a', '```'].join(
    '\n',
  ),
};

describe('fences are found as markdown-it finds them', () => {
  for (const [name, markdown] of Object.entries(DOCUMENTS)) {
    test(name, () => {
      const ours = findHandshakeFences(markdown).map((f) => ({ content: f.text, line: f.line }));
      assert.deepEqual(ours, markdownItFences(markdown));
    });
  }
});

test('isHandshakeInfo reads the first word only', () => {
  assert.equal(isHandshakeInfo('handshake'), true);
  assert.equal(isHandshakeInfo('  HANDSHAKE  title'), true);
  assert.equal(isHandshakeInfo('handshakes'), false);
  assert.equal(isHandshakeInfo('mermaid handshake'), false);
  assert.equal(isHandshakeInfo(''), false);
});

describe('offsets in a block map to the document', () => {
  test('every character of the content lands on the same character in the document', () => {
    for (const markdown of Object.values(DOCUMENTS)) {
      for (const fence of findHandshakeFences(markdown)) {
        for (let offset = 0; offset < fence.text.length; offset++) {
          const char = fence.text[offset];
          if (char === '\n') continue;
          assert.equal(markdown[toDocumentOffset(fence, offset)], char);
        }
      }
    }
  });

  test('the end of a line stays before its line end, also with \\r\\n', () => {
    const markdown = ['```handshake', 'endpoint a', 'endpoint b', '```'].join('\r\n');
    const [fence] = findHandshakeFences(markdown);
    assert.ok(fence);
    const endOfFirst = toDocumentOffset(fence, 'endpoint a'.length);
    assert.equal(markdown.slice(endOfFirst, endOfFirst + 2), '\r\n');
    const endOfText = toDocumentOffset(fence, fence.text.length);
    assert.equal(markdown.slice(endOfText, endOfText + 5), '\r\n```');
  });

  test('an empty block maps to the line after its opening fence', () => {
    const [fence] = findHandshakeFences('intro\n```handshake\n```\n');
    assert.ok(fence);
    assert.equal(toDocumentOffset(fence, 0), 'intro\n```handshake\n'.length);
  });
});

describe('checkMarkdown', () => {
  test('the wrong ack inside an indented fence is underlined in the document', () => {
    const markdown = [
      '# TCP',
      '',
      '- the handshake:',
      '',
      '  ```handshake',
      ...SCENARIO.map((l) => '  ' + l),
      '  ```',
      '',
    ].join('\r\n');
    const { fences, diagnostics } = checkMarkdown(markdown);
    assert.equal(fences.length, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['HS101'],
    );
    const [d] = diagnostics;
    assert.ok(d);
    assert.equal(markdown.slice(d.span.start, d.span.end), '100');
    const before = markdown.slice(0, d.span.start);
    assert.equal(before.split('\r\n').length - 1, 9, 'on line 10 of the document');
    assert.ok(before.endsWith('  server -> client SYN ACK seq=300 ack='));
    // The related span (the SYN) and the fix's edit move too.
    assert.equal(
      markdown.slice(d.related[0]!.span.start, d.related[0]!.span.end).includes('SYN'),
      true,
    );
    assert.equal(markdown.slice(d.fix!.edits[0]!.span.start, d.fix!.edits[0]!.span.end), '100');
  });

  test('blocks are checked each on their own', () => {
    const block = ['```handshake', ...SCENARIO, '```'].join('\n');
    const { fences, diagnostics } = checkMarkdown(`${block}\n\ntext\n\n${block}\n`);
    assert.equal(fences.length, 2);
    assert.equal(diagnostics.length, 2);
    assert.ok(diagnostics[1]!.span.start > diagnostics[0]!.span.start);
  });

  test('a document without blocks has no problems', () => {
    assert.deepEqual(checkMarkdown('# nothing\n\n```js\nx\n```\n').diagnostics, []);
  });
});

test('the example note examples/tcp-notes.md has exactly its one deliberate mistake', () => {
  const markdown = readFileSync('examples/tcp-notes.md', 'utf8');
  const { fences, diagnostics } = checkMarkdown(markdown);
  assert.equal(fences.length, 2);
  assert.deepEqual(
    diagnostics.map((d) => {
      const before = markdown.slice(0, d.span.start).split('\n');
      return `${d.code}@${before.length}:${(before.at(-1) as string).length + 1}`;
    }),
    ['HS101@33:41'],
  );
});

test('a re-check keeps the analysis of unchanged blocks; moved ones name their new lines', () => {
  const block = ['```handshake', ...SCENARIO, '```'].join('\n');
  const other = block.replace('seq=300', 'seq=302');
  const first = checkMarkdown(`${block}\n\n${other}\n`);
  const edited = checkMarkdown(`${block}\n\n${other.replace('302', '301')}\n`, first);
  assert.equal(edited.fences[0]!.analysis, first.fences[0]!.analysis, 'unchanged: reused');
  assert.notEqual(edited.fences[1]!.analysis, first.fences[1]!.analysis, 'edited: checked again');
  const title = '# added a title\n\n';
  const moved = checkMarkdown(`${title}${block}\n\n${other}\n`, first);
  assert.notEqual(moved.fences[0]!.analysis, first.fences[0]!.analysis, 'moved: checked again');
  // The problem is at its new place in the document, and its message names the new lines.
  assert.equal(moved.diagnostics[0]!.span.start, first.diagnostics[0]!.span.start + title.length);
  const lineIn = (message: string) => Number(/line (\d+)/.exec(message)?.[1]);
  assert.equal(lineIn(moved.diagnostics[0]!.message), lineIn(first.diagnostics[0]!.message) + 2);
});

test("messages name the document's lines, as the Problems list does", () => {
  const markdown = ['# Notes', '', 'Some text.', '', '```handshake', ...SCENARIO, '```', ''].join(
    '\n',
  );
  const [d] = checkMarkdown(markdown).diagnostics;
  assert.ok(d);
  const synLine = markdown.split('\n').findIndex((l) => /-> server\s+SYN\b/.test(l)) + 1;
  assert.match(d.message, new RegExp(`line ${synLine}\\b`));
});

test('the verdict line beside the problems is the CodeLens verdict: ✗ where an error lies', () => {
  const html = handshakeFenceHtml(MISTAKE_TEMPLATE.text);
  assert.equal(
    verdict(analyze(MISTAKE_TEMPLATE.text)),
    '3-way handshake ✗ (1 problem) · 1 problem',
  );
  assert.match(
    html,
    /<p class="handshake-verdict">3-way handshake ✗ \(1 problem\) · 1 problem<\/p>/,
  );
  assert.match(html, /HS101/);
});
