import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { workbenchSession } from './session';
import {
  goTo,
  openFile,
  previewFrame,
  runCommand,
  squiggles,
  waitUntil,
  showHover,
} from './workbench';

/**
 * VS Code with 简体中文 as its display language: code-server --locale zh-cn, with a language pack
 * that has no translations of VS Code itself (Microsoft's cannot be downloaded here), so that
 * what is in Chinese below is the extension's own work.
 */
let page: Page;
const session = workbenchSession(
  {
    extensions: ['out/handshake-test-zh-cn-pack.vsix'],
    locale: { language: 'zh-cn', pack: 'handshake-tools.handshake-test-zh-cn-pack' },
  },
  { ready: (s) => ({ page } = s) },
);

test('the hover on the wrong ack explains it in Chinese', async () => {
  await openFile(page, 'mistakes.handshake');
  await waitUntil(async () => (await squiggles(page)) >= 8, '8 squiggles in the editor');
  await goTo(page, 8, 47);
  await showHover(page, /确认号应为 3626544837/);
  await session.shot('zh-1-hover');
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
  await session.shot('zh-2-preview');
});

test('nothing was requested from outside this machine, in Chinese either', () => {
  assert.deepEqual(session.outside, []);
});
