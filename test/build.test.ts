import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { previewHtml } from '../src/extension/preview/previewHtml';

/**
 * What esbuild.js leaves in dist/webview: Mermaid once, in mermaid.js, and page scripts that
 * share it. Two copies of Mermaid doubled the .vsix (1.6 MB to 3.1 MB).
 */
const WEBVIEW = 'dist/webview';
/** A message of Mermaid's own (its UnknownDiagramError), kept verbatim by minification. */
const MERMAID_MARKER = 'No diagram type detected matching given configuration';
/** The page scripts are our code only: tens of kilobytes, where Mermaid is megabytes. */
const PAGE_SCRIPT_LIMIT = 100_000;

function builtScripts(): string[] {
  assert.ok(existsSync(WEBVIEW), `${WEBVIEW} is missing: run \`npm run build\` first`);
  return readdirSync(WEBVIEW)
    .filter((file) => file.endsWith('.js'))
    .sort();
}

test('Mermaid is in dist/webview/mermaid.js and in no other file there', () => {
  const withMermaid = builtScripts().filter((file) =>
    readFileSync(join(WEBVIEW, file), 'utf8').includes(MERMAID_MARKER),
  );
  assert.deepEqual(withMermaid, ['mermaid.js']);
});

test('the page scripts are small: the panel and the Markdown preview share mermaid.js', () => {
  assert.deepEqual(builtScripts(), ['markdown-preview.js', 'mermaid.js', 'preview.js']);
  for (const file of ['preview.js', 'markdown-preview.js']) {
    const size = statSync(join(WEBVIEW, file)).size;
    assert.ok(size < PAGE_SCRIPT_LIMIT, `${file} is ${size} bytes`);
  }
});

test('mermaid.js holds sequence diagrams only: no other kind, no ELK or Cytoscape layout', () => {
  const text = readFileSync(join(WEBVIEW, 'mermaid.js'), 'utf8');
  // The other kinds are stubs that fail with esbuild.js's message (sequenceDiagramsOnly).
  assert.match(text, /draws sequence diagrams only/);
  // ELK's and Cytoscape's own names, kept verbatim by minification.
  for (const marker of ['org.eclipse.elk', 'cytoscape']) {
    assert.ok(!text.includes(marker), `mermaid.js contains ${marker}`);
  }
  // Five megabytes with every kind of diagram; about one with sequence diagrams only.
  const size = statSync(join(WEBVIEW, 'mermaid.js')).size;
  assert.ok(size < 2_000_000, `mermaid.js is ${size} bytes`);
});

test('the panel and the Markdown preview load mermaid.js first, with the same nonce', () => {
  const previewScripts = JSON.parse(readFileSync('package.json', 'utf8')).contributes[
    'markdown.previewScripts'
  ];
  assert.deepEqual(previewScripts, [
    './dist/webview/mermaid.js',
    './dist/webview/markdown-preview.js',
  ]);
  const html = previewHtml({
    cspSource: 'https://local',
    mermaidUri: 'https://local/mermaid.js',
    scriptUri: 'https://local/preview.js',
    styleUri: 'https://local/preview-style.css',
    nonce: 'n0nce',
    title: 'Handshake Preview',
  });
  assert.deepEqual(
    [...html.matchAll(/<script [^>]*>/g)].map(([tag]) => tag),
    [
      '<script nonce="n0nce" src="https://local/mermaid.js">',
      '<script nonce="n0nce" src="https://local/preview.js">',
    ],
  );
  assert.match(html, /content="default-src &#39;none&#39;; script-src &#39;nonce-n0nce&#39;;/);
});
