/**
 * The injection grammar that colours ```handshake blocks in Markdown, tokenized as VS Code does
 * it: vscode-textmate on vscode-oniguruma, with VS Code's own Markdown grammar (the copy that
 * tm-grammars ships) and the injection and embedded language read from package.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../..');
const MARKDOWN = 'text.html.markdown';
const HANDSHAKE = 'source.handshake';
const EMBEDDED = 'meta.embedded.block.handshake';

interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
  readonly embeddedLanguages?: Readonly<Record<string, string>>;
}

const contributions: GrammarContribution[] = JSON.parse(
  readFileSync(path.join(ROOT, 'package.json'), 'utf8'),
).contributes.grammars;
const injection = contributions.find((g) => g.injectTo?.includes(MARKDOWN));

test('package.json injects a grammar into Markdown whose blocks are the handshake language', () => {
  assert.ok(injection, 'a grammar with injectTo text.html.markdown');
  assert.equal(injection.scopeName, 'markdown.handshake.codeblock');
  assert.deepEqual(injection.embeddedLanguages, { [EMBEDDED]: 'handshake' });
});

/** The Markdown grammar with every grammar package.json injects into it, as VS Code loads them. */
const grammar = (async (): Promise<textmate.IGrammar> => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files = new Map<string, string>([
    [MARKDOWN, require.resolve('tm-grammars/grammars/markdown.json')],
    ...contributions.map((g): [string, string] => [g.scopeName, path.join(ROOT, g.path)]),
  ]);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) =>
      contributions.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
  const loaded = await registry.loadGrammar(MARKDOWN);
  assert.ok(loaded, 'the Markdown grammar loads');
  return loaded;
})();

/** Each line's tokens as `[text, full scope stack]`, blank ones left out. */
async function tokenize(text: string): Promise<[string, string[]][][]> {
  const loaded = await grammar;
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = loaded.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .map((t): [string, string[]] => [line.slice(t.startIndex, t.endIndex), t.scopes])
      .filter(([token]) => token.trim() !== '');
  });
}

/** The scope stack of the first token `needle` on line `line`. */
function scopesOf(lines: [string, string[]][][], line: number, needle: string): string[] {
  const token = lines[line]?.find(([text]) => text === needle);
  assert.ok(token, `no token '${needle}' on line ${line}: ${JSON.stringify(lines[line])}`);
  return token[1];
}

const NOTE = [
  '# Handshake', // 0
  '',
  'client -> server SYN seq=x in prose', // 2
  '',
  '```handshake title', // 4
  'scenario "three-way"', // 5
  'endpoint client', // 6
  'client -> server SYN seq=x # the first', // 7
  '```', // 8
  '',
  'after the block: client -> server SYN', // 10
  '',
  '~~~Handshake', // 12
  'expect client ESTABLISHED', // 13
  '~~~', // 14
  '',
  '```text', // 16
  'client -> server SYN', // 17
  '```', // 18
].join('\n');

test('inside a ```handshake block the Handshake grammar colours, as an embedded language', async () => {
  const lines = await tokenize(NOTE);
  for (const [line, needle, innermost] of [
    [5, 'scenario', 'keyword.control.scenario.handshake'],
    [6, 'client', 'entity.name.type.endpoint.handshake'],
    [7, '->', 'keyword.operator.arrow.handshake'],
    [7, 'SYN', 'constant.language.flag.tcp.handshake'],
    [7, 'seq', 'variable.other.field.handshake'],
    [13, 'ESTABLISHED', 'support.constant.state.tcp.handshake'],
  ] as const) {
    const scopes = scopesOf(lines, line, needle);
    assert.equal(scopes.at(-1), innermost, `${needle} on line ${line}: ${scopes.join(' ')}`);
    // VS Code maps the embedded scope to the handshake language (comments, brackets, snippets).
    assert.ok(scopes.includes(EMBEDDED), scopes.join(' '));
    assert.ok(scopes.includes('markup.fenced_code.block.markdown'), scopes.join(' '));
  }
  assert.equal(scopesOf(lines, 7, ' the first').at(-1), 'comment.line.number-sign.handshake');
});

test('the fences themselves are Markdown, with the language named', async () => {
  const lines = await tokenize(NOTE);
  assert.deepEqual(scopesOf(lines, 4, 'handshake'), [
    MARKDOWN,
    'markup.fenced_code.block.markdown',
    'fenced_code.block.language.markdown',
  ]);
  for (const [line, fence] of [
    [4, '```'],
    [8, '```'],
    [14, '~~~'],
  ] as const) {
    assert.deepEqual(scopesOf(lines, line, fence), [
      MARKDOWN,
      'markup.fenced_code.block.markdown',
      'punctuation.definition.markdown',
    ]);
  }
});

test('outside the blocks nothing is Handshake: prose, after the block, another language', async () => {
  const lines = await tokenize(NOTE);
  for (const line of [0, 2, 10, 16, 17, 18]) {
    for (const [text, scopes] of lines[line] ?? []) {
      assert.ok(
        !scopes.some((s) => s === EMBEDDED || s.endsWith('.handshake')),
        `line ${line} '${text}': ${scopes.join(' ')}`,
      );
    }
  }
});

test('a handshake block shown inside another fence, or a block quote, is not coloured', async () => {
  const lines = await tokenize(
    [
      '````markdown',
      '```handshake',
      'client -> server SYN',
      '```',
      '````',
      '',
      '> ```handshake',
      '> a -> b SYN',
      '> ```',
    ].join('\n'),
  );
  for (const line of [2, 7]) {
    for (const [text, scopes] of lines[line] ?? []) {
      assert.ok(!scopes.includes(EMBEDDED), `line ${line} '${text}': ${scopes.join(' ')}`);
    }
  }
});

test('a block in a list item is coloured too: the list takes the indentation first', async () => {
  const lines = await tokenize(
    [
      '1. The trace:',
      '',
      '   ```handshake',
      '   scenario "in a list"',
      '   endpoint client',
      '   client -> server SYN seq=x',
      '   simultaneous {',
      '     client -> server FIN seq=x+1',
      '   }',
      '   ```',
    ].join('\n'),
  );
  for (const [line, needle, innermost] of [
    [3, 'scenario', 'keyword.control.scenario.handshake'],
    [4, 'endpoint', 'keyword.control.endpoint.handshake'],
    [5, 'SYN', 'constant.language.flag.tcp.handshake'],
    [6, 'simultaneous', 'keyword.control.simultaneous.handshake'],
    [7, 'FIN', 'constant.language.flag.tcp.handshake'],
    [8, '}', 'punctuation.section.block.end.handshake'],
  ] as const) {
    const scopes = scopesOf(lines, line, needle);
    assert.equal(scopes.at(-1), innermost, `${needle} on line ${line}: ${scopes.join(' ')}`);
    assert.ok(scopes.includes(EMBEDDED));
  }
});

test('the grammar is the same as in a .handshake file', async () => {
  const lines = await tokenize(NOTE);
  const inFence = scopesOf(lines, 7, 'SYN');
  assert.deepEqual(inFence.slice(inFence.indexOf(EMBEDDED) + 1), [
    'meta.segment.handshake',
    'constant.language.flag.tcp.handshake',
  ]);
  assert.ok(!inFence.includes(HANDSHAKE) || inFence.indexOf(HANDSHAKE) > inFence.indexOf(EMBEDDED));
});
