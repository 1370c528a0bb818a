import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch } from '../webview/browser';
import { startCodeServer, type CodeServer } from './codeServer';
import {
  openFile,
  previewFrame,
  problems,
  runCommand,
  squiggles,
  waitForWorkbench,
  waitUntil,
} from './workbench';

/**
 * The extension in VS Code's web extension host: code-server runs the workbench in the browser,
 * and the user setting `remote.extensionKind` = ["web"] moves the extension from the server's
 * Node extension host into the browser's Web Worker extension host, which loads the manifest's
 * `browser` entry (dist/web/extension.js), as vscode.dev and github.dev do.
 *
 * VS Code's own Markdown extension stays in the server's Node host here: code-server ships only
 * its Node build (lib/vscode/extensions/markdown-language-features/dist/extension.js, no
 * dist/browser/), so it cannot be moved to the web worker, and an extension host cannot hand
 * `extendMarkdownIt` to an extension in another host. The Markdown preview with our plugin is
 * tested in the Node host (markdown.e2e.test.ts) and our plugin's bundle in a worker (test/web).
 */
const OUTPUT = 'test-output/e2e';
let server: CodeServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(OUTPUT, `${name}.png`) });
}

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startCodeServer({
    settings: { 'remote.extensionKind': { 'handshake-tools.handshake': ['web'] } },
  });
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // The worker fetches extension files through code-server as vscode-remote-resource?path=…
  context.on('request', (request) => requests.push(decodeURIComponent(request.url())));
  page = await context.newPage();
  await page.goto(server.url);
  await waitForWorkbench(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the web worker extension host loads the browser entry and checks a file', async () => {
  await openFile(page, 'mistakes.handshake');
  await waitUntil(
    async () => (await problems(page)).startsWith('Errors: 8'),
    'Errors: 8 in the status bar',
    60_000,
  );
  await waitUntil(async () => (await squiggles(page)) >= 8, '8 squiggles in the editor');
  const loaded = requests.filter((url) => /\/dist\/(web\/)?extension\.js([?&]|$)/.test(url));
  assert.ok(
    loaded.some((url) => url.includes('/dist/web/extension.js')),
    `the browser entry was fetched by the worker: ${loaded.join(', ') || 'no extension.js'}`,
  );
  assert.ok(!loaded.some((url) => /\/dist\/extension\.js/.test(url)), loaded.join(', '));
  await shot('web-1-squiggles');
});

test('the preview panel draws from the web extension host', async () => {
  await runCommand(page, 'Handshake: Open Preview to the Side');
  const frame = await previewFrame(page);
  await waitUntil(
    async () =>
      (await frame.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) === 10,
    '10 arrows in the preview',
    60_000,
  );
  await shot('web-2-preview');
});

test('a Markdown note gets its squiggle from the web extension host', async () => {
  await openFile(page, 'tcp-notes.md');
  await waitUntil(
    async () => (await problems(page)).includes('Errors: 9'),
    'Errors: 9 (8 in mistakes.handshake, 1 in the note)',
  );
  await shot('web-3-markdown');
});
