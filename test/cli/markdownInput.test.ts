import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../src/core/analysis/analyze';
import { renderMermaid } from '../../src/core/render/mermaid';
import { noteBlocks } from '../../src/cli/markdownInput';

/** `mermaid` and `render` of a Markdown note: its blocks, not the note read as a scenario. */
const CLI = 'dist/cli.js';
const NOTE = readFileSync('examples/tcp-notes.md', 'utf8');

function cli(...args: string[]) {
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', CHROME_PATH: '/nonexistent' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a note’s blocks are found with their lines, placed at the note’s lines', () => {
  const blocks = noteBlocks(NOTE);
  assert.deepEqual(
    blocks.map((b) => [b.index, b.line]),
    [
      [1, 6],
      [2, 23],
    ],
  );
  // Analysed alone, with its lines numbered as the note's: messages and arrows name them.
  const second = blocks[1];
  assert.ok(second && !second.text.startsWith('\n'));
  assert.equal(second.firstLine, 23);
  const syn = NOTE.split('\n').findIndex((l, i) => i >= 23 && /^client -> server +SYN /.test(l));
  const diagram = renderMermaid(analyze(second.text, { firstLine: second.firstLine })).text;
  assert.match(diagram, new RegExp(`autonumber ${syn + 1}\\n.*SYN`));
});

test('mermaid of a note prints each block’s diagram as a Markdown mermaid block', () => {
  const result = cli('mermaid', 'examples/tcp-notes.md');
  const blocks = noteBlocks(NOTE);
  const expected = blocks
    .map((b) =>
      [
        `<!-- Handshake block ${b.index}, line ${b.line} -->`,
        '```mermaid',
        renderMermaid(analyze(b.text, { firstLine: b.firstLine })).text.trimEnd(),
        '```',
      ].join('\n'),
    )
    .join('\n\n');
  assert.equal(result.stdout, `${expected}\n`);
  const errors = blocks.some((b) =>
    analyze(b.text, { firstLine: b.firstLine }).diagnostics.some((d) => d.severity === 'error'),
  );
  assert.equal(result.status, errors ? 1 : 0);
});

test('mermaid --block N prints that block’s diagram alone', () => {
  const result = cli('mermaid', 'examples/tcp-notes.md', '--block', '2');
  const second = noteBlocks(NOTE)[1];
  assert.ok(second);
  assert.equal(
    result.stdout,
    `${renderMermaid(analyze(second.text, { firstLine: second.firstLine })).text.trimEnd()}\n`,
  );
  assert.match(result.stdout, /^sequenceDiagram\n {2}title 四次挥手/);
});

test('a block that does not exist, a note with none, a bad --block: status 2 and which exist', () => {
  const missing = cli('mermaid', 'examples/tcp-notes.md', '--block', '3');
  assert.equal(missing.status, 2);
  assert.equal(
    missing.stderr,
    'handshake: examples/tcp-notes.md has no block 3: it has 2 (block 1 at line 6, block 2 at line 23)\n',
  );
  const dir = mkdtempSync(join(tmpdir(), 'handshake-note-'));
  const empty = join(dir, 'empty.md');
  writeFileSync(empty, '# Nothing to draw\n\n```js\nconsole.log(1)\n```\n');
  const none = cli('mermaid', empty);
  assert.equal(none.status, 2);
  assert.equal(none.stderr, `handshake: ${empty} has no \`\`\`handshake block\n`);
  const bad = cli('mermaid', 'examples/tcp-notes.md', '--block', 'two');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^handshake: --block takes a whole number of at least 1\n/);
});

test('render of a note with several blocks asks which, before it looks for a browser', () => {
  const result = cli('render', 'examples/tcp-notes.md', '-o', join(tmpdir(), 'never.svg'));
  assert.equal(result.status, 2);
  assert.equal(
    result.stderr,
    'handshake: examples/tcp-notes.md has 2 handshake blocks (block 1 at line 6, block 2 at line 23): choose one with --block N\n',
  );
  // With a block chosen it goes on to the browser (here: none).
  const chosen = cli(
    'render',
    'examples/tcp-notes.md',
    '--block',
    '1',
    '-o',
    join(tmpdir(), 'never.svg'),
  );
  assert.equal(chosen.status, 2);
  assert.match(chosen.stderr, /nonexistent/);
});

test('--block on a scenario is a usage error, not ignored', () => {
  for (const command of ['mermaid', 'render']) {
    const result = cli(command, 'examples/tls13.handshake', '--block', '2');
    assert.equal(result.status, 2, command);
    assert.equal(
      result.stderr,
      'handshake: --block names a block of a Markdown note (.md), and examples/tls13.handshake is a scenario\n',
      command,
    );
  }
});
