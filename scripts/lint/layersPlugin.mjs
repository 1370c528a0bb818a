/**
 * ESLint rules that keep src/core layered (see coreLayers.mjs):
 * - `handshake/layer-order`: an import may not run upward, nor leave src/core;
 * - `handshake/no-cycle`: no file of src/core may reach itself through its imports (type-only
 *   imports count: a cycle of types is still two files that cannot be read apart).
 * A picture that only a comment keeps true does not stay true; these make a wrong import fail
 * `npm run lint`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CORE_LAYERS, UPWARD_FOR_NOW, layerOf } from './coreLayers.mjs';

const ORDER = CORE_LAYERS.map((l) => l.folder).join(' → ');

/** src/core of the project this file belongs to. */
function coreRootOf(filename) {
  const marker = `${path.sep}src${path.sep}core${path.sep}`;
  const at = filename.lastIndexOf(marker);
  return at < 0 ? undefined : filename.slice(0, at + marker.length - 1);
}

/** The .ts file an import specifier names, or undefined for a package or a missing file. */
function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return `${base}.ts`;
}

const SPECIFIERS =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The text without its comments, so that an import written in a comment draws no edge. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Each file's imports as read from disk, once per lint run. */
const onDisk = new Map();
function importsOnDisk(file) {
  let found = onDisk.get(file);
  if (found) return found;
  found = [];
  if (existsSync(file)) {
    const text = withoutComments(readFileSync(file, 'utf8'));
    for (const m of text.matchAll(SPECIFIERS)) {
      const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
      if (target) found.push(target);
    }
  }
  onDisk.set(file, found);
  return found;
}

/** A path of imports from `start` back to `goal`, or undefined. */
function pathBack(start, goal, coreRoot) {
  const seen = new Set();
  const stack = [[start, [start]]];
  while (stack.length > 0) {
    const [file, trail] = stack.pop();
    if (file === goal) return trail;
    if (seen.has(file) || !file.startsWith(coreRoot)) continue;
    seen.add(file);
    for (const next of importsOnDisk(file)) stack.push([next, [...trail, next]]);
  }
  return undefined;
}

function importSources(node) {
  return node.source && typeof node.source.value === 'string' ? [node.source] : [];
}

function eachImport(context, check) {
  const visit = (node) => importSources(node).forEach((source) => check(node, source));
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    // `import('../x')` is an import too.
    ImportExpression: (node) => {
      if (node.source?.type === 'Literal' && typeof node.source.value === 'string') {
        check(node, node.source);
      }
    },
  };
}

const layerOrder = {
  meta: {
    type: 'problem',
    docs: { description: 'src/core imports only from its own layer and the layers below it' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const coreRoot = coreRootOf(file);
    if (!coreRoot) return {};
    const own = path.relative(coreRoot, file).split(path.sep).join('/');
    const ownLayer = layerOf(own);
    return eachImport(context, (node, source) => {
      const target = resolveImport(file, source.value);
      if (!target) return;
      const relative = path.relative(coreRoot, target).split(path.sep).join('/');
      if (relative.startsWith('..')) {
        context.report({
          node: source,
          message: `src/core is pure and stands below everything: '${source.value}' is outside it.`,
        });
        return;
      }
      const targetLayer = layerOf(relative);
      if (!ownLayer) {
        context.report({
          node: source,
          message: `${own} is in no layer: add its folder to scripts/lint/coreLayers.mjs.`,
        });
        return;
      }
      if (!targetLayer) {
        context.report({
          node: source,
          message: `${relative} is in no layer: add its folder to scripts/lint/coreLayers.mjs.`,
        });
        return;
      }
      if (targetLayer.index <= ownLayer.index) return;
      if (UPWARD_FOR_NOW.some((e) => e.from === own && e.to === relative)) return;
      context.report({
        node: source,
        message:
          `${ownLayer.folder}/ may not import ${relative}: ${targetLayer.folder}/ is above it ` +
          `(layers from the ground up: ${ORDER}).`,
      });
    });
  },
};

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle among the files of src/core' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const coreRoot = coreRootOf(file);
    if (!coreRoot) return {};
    return eachImport(context, (node, source) => {
      const target = resolveImport(file, source.value);
      if (!target || !target.startsWith(coreRoot)) return;
      const trail = target === file ? [file] : pathBack(target, file, coreRoot);
      if (!trail) return;
      const names = [file, ...trail].map((f) =>
        path.relative(coreRoot, f).split(path.sep).join('/'),
      );
      context.report({
        node: source,
        message: `import cycle: ${names.join(' → ')}. Move what both need into a file both import.`,
      });
    });
  },
};

export default { rules: { 'layer-order': layerOrder, 'no-cycle': noCycle } };
