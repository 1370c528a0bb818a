// Bundles each runtime of the extension into dist/:
//   dist/extension.js  the VS Code extension host side (cjs, node, `vscode` external)
//   dist/web/extension.js  the same extension for VS Code for the Web (cjs, browser, `vscode` external),
//                      from its own entry, webExtension.ts, which reads capture files without Node
//   dist/cli.js        the command-line entry (`handshake`)
//   dist/debugAdapter.js  the debug adapter as a process over stdio (VS Code runs it inline; the
//                      adapter tests and other DAP clients spawn this)
//   dist/webview/      mermaid.js (Mermaid, bundled once, on a global), the preview panel's page
//                      script and the script VS Code's Markdown preview loads to draw
//                      ```handshake blocks; both page scripts are small and load mermaid.js beside
//                      them (src/webview/mermaid/sharedMermaid.ts)
// `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Fails the build of a page script that imports Mermaid itself instead of sharing mermaid.js. */
const mermaidOnlyInItsOwnFile = {
  name: 'mermaid-only-in-its-own-file',
  setup(build) {
    build.onResolve({ filter: /^mermaid(\/|$)/ }, (args) => ({
      errors: [
        {
          text: `${path.relative(process.cwd(), args.importer)} imports '${args.path}': page scripts use the Mermaid of dist/webview/mermaid.js through sharedMermaid() and may only \`import type\` from 'mermaid'`,
        },
      ],
    }));
  },
};

/** Both webview targets: always minified, without a source map, to keep pages quick to load. */
const webview = {
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  minify: true,
  sourcemap: false,
};

/**
 * Mermaid loads each kind of diagram, and the layout engines some of them use (ELK, Cytoscape),
 * through a dynamic `import()`; an IIFE bundle cannot split, so every one of them would be in
 * mermaid.js (5.4 MB). Handshake draws sequence diagrams only (the preview, the Markdown
 * preview's ```handshake blocks and `handshake render` all draw the sequence diagram the engine
 * wrote), so the other kinds are left out: loading one fails with this message, shown in place
 * like any render error. KaTeX stays: a sequence diagram's label may hold `$$…$$` math.
 * mermaid.js is then about 1.1 MB, which the page parses on every Open Preview.
 */
const sequenceDiagramsOnly = {
  name: 'sequence-diagrams-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      if (!/[\\/]node_modules[\\/]mermaid[\\/]dist[\\/]/.test(args.importer)) return undefined;
      if (/sequenceDiagram-|katex/.test(args.path)) return undefined;
      return { path: path.basename(args.path), namespace: 'not-in-handshake-mermaid' };
    });
    build.onLoad({ filter: /.*/, namespace: 'not-in-handshake-mermaid' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`Handshake's Mermaid draws sequence diagrams only (${args.path} is not bundled)`)});`,
    }));
  },
};

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
    // @vscode/debugadapter needs `events` and `url`; the worker has neither (src/extension/debug/web/).
    alias: {
      events: './src/extension/debug/web/events.ts',
      url: './src/extension/debug/web/url.ts',
    },
  },
  {
    entryPoints: ['src/extension/debug/adapterMain.ts'],
    outfile: 'dist/debugAdapter.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    // Loaded only by `render`, from node_modules: it cannot be bundled (it finds its own files).
    external: ['playwright-core'],
    banner: { js: '#!/usr/bin/env node' },
    // `handshake --version` (src/cli/version.ts).
    define: { HANDSHAKE_VERSION: JSON.stringify(require('./package.json').version) },
  },
  {
    // Mermaid, once, for every page that draws; nothing is loaded at run time.
    ...webview,
    entryPoints: { mermaid: 'src/webview/mermaid/main.ts' },
    plugins: [sequenceDiagramsOnly],
  },
  {
    // The pages' own scripts and styles, without Mermaid.
    ...webview,
    entryPoints: {
      preview: 'src/webview/main.ts',
      'preview-style': 'src/webview/preview.css',
      'markdown-preview': 'src/webview/markdown/main.ts',
      'markdown-preview-style': 'src/webview/markdown/markdown.css',
    },
    plugins: [mermaidOnlyInItsOwnFile],
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
