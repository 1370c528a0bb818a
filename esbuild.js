// Bundles each runtime of the extension into dist/:
//   dist/extension.js  the VS Code extension host side (cjs, node, `vscode` external)
//   dist/cli.js        the command-line entry (`handshake`)
// `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

async function main() {
  const contexts = await Promise.all(
    targets.map((target) =>
      esbuild.context({
        bundle: true,
        target: 'node20',
        sourcemap: !production,
        sourcesContent: false,
        minify: production,
        logLevel: 'warning',
        ...target,
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
