import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

/**
 * docs/architecture.md and the README describe the layout as it is: every layer the lint rule
 * knows is drawn and named, in the same order, and every file the page points to exists.
 */
const layersModule = import('../scripts/lint/coreLayers.mjs');
const page = readFileSync('docs/architecture.md', 'utf8');
const readme = readFileSync('README.md', 'utf8');

test('the picture draws every layer, ground floor first, in the lint rule’s order', async () => {
  const { CORE_LAYERS } = await layersModule;
  const drawn = [...page.matchAll(/\["([a-z/]+)\/<br\/>/g)].map((m) => m[1]);
  assert.deepEqual(
    drawn,
    CORE_LAYERS.map((l) => l.folder),
    'the flowchart nodes, bottom-up',
  );
});

test('the README names every layer of the core', async () => {
  const { CORE_LAYERS } = await layersModule;
  for (const { folder } of CORE_LAYERS) {
    assert.ok(readme.includes(`\`${folder}/\``), `README: ${folder}/`);
  }
  assert.ok(readme.includes('docs/architecture.md'));
});

test('every source file the page points to exists', () => {
  const paths = [...page.matchAll(/`((?:[a-z]+\/)+[A-Za-z.-]+\.(?:ts|mjs))`/g)].map((m) => m[1]!);
  assert.ok(paths.length > 10, `${paths.length} paths`);
  for (const path of paths) {
    const candidates = [path, `src/core/${path}`, `src/${path}`];
    assert.ok(
      candidates.some((p) => existsSync(p)),
      `docs/architecture.md names ${path}, which does not exist`,
    );
  }
});
