import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { checkMarkdown } from '../../../src/core/markdown/checkMarkdown';
import { handshakeFenceHtml } from '../../../src/core/markdown/fenceHtml';
import { escapeHtml } from '../../../src/core/render/escapeHtml';
import { handshakeMarkdownIt } from '../../../src/extension/markdown/markdownItPlugin';

const SCENARIO = [
  'scenario "Refused <script>alert(1)</script>"',
  'endpoint client 10.0.0.1:1',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=100 "<img src=x onerror=alert(1)>"',
  'server -> client SYN ACK seq=300 ack=100',
];

function render(markdown: string, options?: Parameters<typeof handshakeMarkdownIt>[0]): string {
  return new MarkdownIt().use(handshakeMarkdownIt(options)).render(markdown);
}

const NOTE = [
  '# 三次握手',
  '',
  '```handshake',
  ...SCENARIO,
  '```',
  '',
  '```js',
  'x < 1',
  '```',
].join('\n');

test('a handshake block becomes a container with the Mermaid text, the source and the problems', () => {
  const html = render(NOTE);
  assert.match(html, /<div class="handshake-fence">\n<pre class="handshake-mermaid" hidden /);
  const mermaid = /<pre class="handshake-mermaid"[^>]*>([^]*?)<\/pre>/.exec(html)?.[1] ?? '';
  assert.match(mermaid, /^sequenceDiagram\n/);
  assert.match(mermaid, /participant p0 as client/);
  // One arrow per segment, the wrong ack drawn with the value it should have.
  assert.equal(mermaid.match(/p\d-&gt;&gt;p\d: /g)?.length, 2);
  // The label in two lines (Mermaid's <br/>, HTML-escaped in the <pre>), the correction on its own.
  assert.match(mermaid, /SYN ACK seq=300 ack=100&lt;br\/&gt;✗ should be 101\n/);
  // The problem under the diagram: severity, code, its line in the note (9: line 6 of the
  // block, whose fence is on line 3), message.
  assert.match(
    html,
    /<li class="handshake-problem handshake-error"><span class="handshake-severity">error<\/span> <code>HS101<\/code> <span class="handshake-line">line 9<\/span>: ack should be 101/,
  );
  assert.match(html, /<pre class="handshake-source"><code>scenario &quot;Refused &lt;script&gt;/);
});

test('other fences are rendered as before', () => {
  const html = render(NOTE);
  assert.match(html, /<pre><code class="language-js">x &lt; 1\n<\/code><\/pre>/);
  assert.equal(html.match(/handshake-fence/g)?.length, 1);
});

test('no user text reaches the HTML unescaped', () => {
  const html = render(NOTE);
  assert.doesNotMatch(html, /<script|<img/i);
  // The only tags are the plugin's own and markdown-it's.
  const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
  assert.deepEqual([...tags].sort(), ['code', 'div', 'h1', 'li', 'p', 'pre', 'span', 'ul']);
});

test('the attributes VS Code puts on the fence token are kept, for scroll sync', () => {
  const md = new MarkdownIt().use(handshakeMarkdownIt());
  md.core.ruler.push('source_line', (state) => {
    for (const token of state.tokens) {
      if (token.map) {
        token.attrSet('data-line', String(token.map[0]));
        token.attrJoin('class', 'code-line');
      }
    }
  });
  const html = md.render(NOTE);
  assert.match(html, /<div data-line="2" class="code-line handshake-fence">/);
});

test('settings reach the diagram at each render', () => {
  let numbers: 'asWritten' | 'relative' = 'asWritten';
  const md = new MarkdownIt().use(
    handshakeMarkdownIt(() => ({ diagram: { numbers, showStates: false } })),
  );
  assert.match(md.render(NOTE), /seq=300/);
  numbers = 'relative';
  const html = md.render(NOTE);
  assert.match(html, /SYN ACK seq=0 ack=100&lt;br\/&gt;✗ should be 1\n/);
  assert.doesNotMatch(html, /SYN_SENT/);
});

test('a scenario without problems says so and lists none', () => {
  const ok = [
    '```handshake',
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server SYN seq=x',
    'server -> client SYN ACK seq=y ack=x+1',
    'client -> server ACK seq=x+1 ack=y+1',
    '```',
  ].join('\n');
  const html = render(ok);
  assert.match(html, /<p class="handshake-verdict">3-way handshake ✓ · no problems<\/p>/);
  assert.doesNotMatch(html, /handshake-problems/);
});

test('the preview names the lines the editor and the Problems list name', () => {
  const markdown = readFileSync('examples/tcp-notes.md', 'utf8');
  const html = render(markdown);
  const shown = [
    ...html.matchAll(/<span class="handshake-line">line (\d+)<\/span>: ([^<]*)<\/li>/g),
  ];
  // What the Markdown editor underlines: line (1-based) and message, as the Problems list has them.
  const problems = checkMarkdown(markdown).diagnostics.map((d) => [
    String(markdown.slice(0, d.span.start).split('\n').length),
    escapeHtml(d.message),
  ]);
  assert.deepEqual(
    shown.map((m) => [m[1], m[2]]),
    problems,
  );
  assert.deepEqual(
    problems.map(([line]) => line),
    ['33'],
  );
  // The arrows are numbered by document line too: the second block's first segment is line 29.
  const autonumbers = [...html.matchAll(/autonumber (\d+)/g)].map((m) => Number(m[1]));
  assert.ok(autonumbers.includes(29), autonumbers.join(', '));
  assert.ok(!autonumbers.includes(6), 'no line of the block alone');
});

test('a block drawn without its place in a document (the CLI) counts lines in the block', () => {
  const block = [
    'endpoint a',
    'endpoint b',
    'b listen',
    'a -> b SYN seq=1',
    'b -> a SYN ACK seq=9 ack=1',
  ];
  assert.match(handshakeFenceHtml(block.join('\n')), /<span class="handshake-line">line 5<\/span>/);
});
