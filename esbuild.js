// Bundles each runtime of the extension into dist/:
//   dist/extension.js  the VS Code extension host side (cjs, node, `vscode` external)
//   dist/web/extension.js  the same extension for VS Code for the Web (cjs, browser, `vscode` external),
//                      from its own entry, webExtension.ts, which reads capture files without Node
//   dist/cli.js        the command-line entry (`handshake`)
//   dist/webview/      the preview panel's page script, and the script VS Code's Markdown preview
//                      loads to draw ```handshake blocks (both with Mermaid bundled)
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
    // VS Code for the Web loads the `browser` entry in a web worker: no Node built-ins there
    // (its own entry leaves out the Node-only capture reader; esbuild fails if any creeps in).
    entryPoints: ['src/extension/webExtension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    // Loaded only by `render`, from node_modules: it cannot be bundled (it finds its own files).
    external: ['playwright-core'],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The preview webview: Mermaid and our script in one file, nothing loaded at run time.
    entryPoints: {
      preview: 'src/webview/main.ts',
      'preview-style': 'src/webview/preview.css',
      'markdown-preview': 'src/webview/markdown/main.ts',
      'markdown-preview-style': 'src/webview/markdown/markdown.css',
    },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    // Mostly Mermaid: always minified, without a source map, to keep the panel quick to load.
    minify: true,
    sourcemap: false,
  },
];

async function main() {
  // Start from an empty dist/ so no file of an older build is shipped or tested.
  if (!watch) require('node:fs').rmSync('dist', { recursive: true, force: true });
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
