import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

/**
 * The core's layers are a lint rule, not a picture: an upward import, an import out of
 * src/core and a cycle each fail `npm run lint`, at the import, with the way out.
 */
const eslint = new ESLint({ cwd: process.cwd() });
// An ES module (ESLint's config loads it): imported, not required.
const layersModule = import('../../../scripts/lint/coreLayers.mjs');

async function layerProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('handshake/'))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

function coreFiles(dir = 'src/core', found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) coreFiles(path, found);
    else if (path.endsWith('.ts')) found.push(path);
  }
  return found;
}

test('every file of src/core stands in a layer, and the tree as it is passes both rules', async () => {
  const { layerOf } = await layersModule;
  const files = coreFiles();
  const outside = files.filter((f) => !layerOf(f.slice('src/core/'.length)));
  assert.deepEqual(outside, [], 'files in no layer');
  const results = await eslint.lintFiles(files);
  const problems = results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId?.startsWith('handshake/'))
      .map((m) => `${r.filePath}: ${m.message}`),
  );
  assert.deepEqual(problems, []);
});

test('an import from a higher layer fails, naming both layers', async () => {
  const problems = await layerProblems(
    'src/core/syntax/injected.ts',
    "import { simulate } from '../tcp/simulate';\nexport const s = simulate;\n",
  );
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(
    problems[0] ?? '',
    /^handshake\/layer-order: syntax\/ may not import tcp\/simulate\.ts: tcp\/ is above it/,
  );
});

test('an import from a lower layer or the same one passes', async () => {
  const problems = await layerProblems(
    'src/core/tcp/injected.ts',
    "import { parse } from '../syntax/parser';\nimport { TCP_TEXT } from './tcpText';\nexport const s = [parse, TCP_TEXT];\n",
  );
  assert.deepEqual(problems, []);
});

test('the core may not import the extension, the webview or the CLI', async () => {
  const problems = await layerProblems(
    'src/core/render/injected.ts',
    "import { main } from '../../cli/main';\nexport const m = main;\n",
  );
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0] ?? '', /outside it/);
});

test('a cycle fails at the import that closes it, with the whole loop', async () => {
  // lineMap.ts imports span.ts: span.ts importing lineMap.ts closes a loop.
  const span = readFileSync('src/core/text/span.ts', 'utf8');
  const problems = await layerProblems(
    'src/core/text/span.ts',
    `${span}\nexport type { LineMap } from './lineMap';\n`,
  );
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(
    problems[0] ?? '',
    /^handshake\/no-cycle: import cycle: text\/span\.ts → text\/lineMap\.ts → text\/span\.ts/,
  );
});

test('a type-only cycle is a cycle too', async () => {
  const nodes = readFileSync('src/core/syntax/nodes.ts', 'utf8');
  const problems = await layerProblems(
    'src/core/syntax/nodes.ts',
    `import type { ScenarioDocument } from './tree';\n${nodes}\nexport type D = ScenarioDocument;\n`,
  );
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0] ?? '', /no-cycle/);
});

test('the layers are listed once, ground floor first, and the exceptions name real imports', async () => {
  const { CORE_LAYERS, UPWARD_FOR_NOW } = await layersModule;
  assert.equal(CORE_LAYERS[0]?.folder, 'text');
  assert.equal(new Set(CORE_LAYERS.map((l) => l.folder)).size, CORE_LAYERS.length);
  for (const e of UPWARD_FOR_NOW) {
    const text = readFileSync(join('src/core', e.from), 'utf8');
    const stem = e.to.replace(/\.ts$/, '').split('/').slice(-2).join('/');
    assert.ok(text.includes(stem), `${e.from} no longer imports ${e.to}: remove the exception`);
  }
});

test('a dynamic import from a higher layer fails too', async () => {
  const problems = await layerProblems(
    'src/core/syntax/injected.ts',
    "export const later = () => import('../tcp/simulate');\n",
  );
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0] ?? '', /layer-order: syntax\/ may not import tcp\/simulate\.ts/);
});

test('an import written in a comment is no edge', async () => {
  const span = readFileSync('src/core/text/span.ts', 'utf8');
  const problems = await layerProblems(
    'src/core/text/span.ts',
    `${span}\n// import { LineMap } from './lineMap';\n/* export * from './lineMap'; */\n`,
  );
  assert.deepEqual(problems, []);
});
