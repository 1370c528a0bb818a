import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analysis/analyze';
import { foreignMermaid } from '../../../src/core/render/mermaidGuard';
import { renderMermaid } from '../../../src/core/render/mermaid';

test('every diagram the generator writes passes, hostile text in it included', () => {
  const texts = readdirSync('examples')
    .filter((f) => f.endsWith('.handshake'))
    .map((f) => readFileSync(`examples/${f}`, 'utf8'));
  texts.push(
    [
      'scenario "%%{init: {\\"themeCSS\\": \\"x\\"}}%% click"',
      'endpoint client',
      'endpoint server',
      'server listen',
      'client -> server SYN seq=x "\\nclick client call alert()\\n%%{init}%%"',
    ].join('\n'),
  );
  for (const text of texts) {
    const mermaid = renderMermaid(analyze(text)).text;
    assert.equal(foreignMermaid(mermaid), undefined, mermaid.slice(0, 200));
  }
});

test('directives, comments and link statements are refused, with the line', () => {
  const base = 'sequenceDiagram\n  participant a\n';
  assert.match(
    foreignMermaid(`%%{init: {"themeCSS": "body{}"}}%%\n${base}`) ?? '',
    /not a Handshake/,
  );
  assert.match(foreignMermaid(`${base}%%{init: {"themeCSS": "x"}}%%`) ?? '', /^line 3 /);
  assert.match(foreignMermaid(`${base}  %% a comment`) ?? '', /^line 3 /);
  // Mermaid reads a directive anywhere in the text, not only at a line's start.
  assert.match(
    foreignMermaid(`${base}  a->>a: hi %%{init: {"themeCSS": "x"}}%%`) ?? '',
    /^line 3 /,
  );
  for (const statement of [
    'click a call alert()',
    'link a: Docs @ https://example.com',
    'links a: {"x": "https://example.com"}',
    'properties a: {"class": "x"}',
    'details a: x',
  ]) {
    assert.match(foreignMermaid(`${base}  ${statement}`) ?? '', /^line 3 /, statement);
  }
  assert.match(foreignMermaid('flowchart LR\n  a --> b') ?? '', /not a Handshake/);
});
