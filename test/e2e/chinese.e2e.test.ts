import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../webview/browser';
import { startCodeServer, type CodeServer } from './codeServer';
import {
  goTo,
  openFile,
  previewFrame,
  runCommand,
  squiggles,
  waitForWorkbench,
  waitUntil,
} from './workbench';

/**
 * VS Code with 简体中文 as its display language: code-server --locale zh-cn, with a language pack
 * that has no translations of VS Code itself (Microsoft's cannot be downloaded here), so that
 * what is in Chinese below is the extension's own work.
 */
const OUTPUT = 'test-output/e2e';
let server: CodeServer;
let browser: Browser;
let page: Page;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await startCodeServer({
    extensions: ['out/handshake-test-zh-cn-pack.vsix'],
    locale: { language: 'zh-cn', pack: 'handshake-tools.handshake-test-zh-cn-pack' },
  });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await waitForWorkbench(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the hover on the wrong ack explains it in Chinese', async () => {
  await openFile(page, 'mistakes.handshake');
  await waitUntil(async () => (await squiggles(page)) >= 8, '8 squiggles in the editor');
  await goTo(page, 8, 47);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover').first();
  await hover.waitFor({ state: 'visible' });
  await waitUntil(
    async () => /确认号应为 3626544837/.test((await hover.textContent()) ?? ''),
    'the hover in Chinese',
  );
  await page.screenshot({ path: join(OUTPUT, 'zh-1-hover.png') });
  await page.keyboard.press('Escape');
});

test('the commands and the preview panel are in Chinese', async () => {
  await runCommand(page, 'Handshake: 在侧边打开预览');
  const frame = await previewFrame(page);
  await waitUntil(
    async () => /个报文段/.test((await frame.locator('#status').textContent()) ?? ''),
    'the status line in Chinese',
  );
  assert.match(
    (await frame.locator('#status').textContent()) ?? '',
    /^\d+ 个报文段 · \d+ 个错误，\d+ 个警告$/,
  );
  assert.equal(await frame.getByRole('button', { name: '适应宽度' }).count(), 1);
  await page.screenshot({ path: join(OUTPUT, 'zh-2-preview.png') });
});
