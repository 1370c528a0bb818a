import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { writeCaptureFile } from '../../bench/captureFile';
import type { CodeServer } from './codeServer';
import { workbenchSession } from './session';
import { previewFrame, problems, runCommand, waitUntil, frameWith, quickOpen } from './workbench';

/**
 * Importing real traffic in a real VS Code (code-server): opening examples/http.pcap shows the
 * capture view; its button, and "Handshake: Import Capture…" with VS Code's file dialog, open
 * the scenario as an untitled .handshake document beside its preview. A generated capture of
 * several 1 MiB chunks goes through the same view and command, read from disk as a stream.
 */
/** A generated capture of 12,000 packets in 140 connections. */
const MANY_CHUNKS = 'many-chunks.pcap';
let MANY_CHUNKS_SIZE = 0;
let server: CodeServer;
let page: Page;
const session = workbenchSession(
  {},
  {
    // Written before the workbench loads, so that Quick Open's file index has it.
    prepare: (started) => {
      MANY_CHUNKS_SIZE = writeCaptureFile(join(started.workspace, MANY_CHUNKS), 12_000, 20);
    },
    ready: (s) => ({ server, page } = s),
  },
);

async function shot(name: string): Promise<void> {
  await session.shot(name);
}

afterEach(async (t) => {
  // Every step leaves a screenshot, named after its test, failed or not.
  await shot(`capture-${t.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

/** The frame of the capture view, found by its import button once its script is ready. */
async function captureFrame(): Promise<Frame> {
  return frameWith(page, '#import-all', 'the capture view');
}

async function editorText(): Promise<string> {
  const texts = await page
    .locator('.editor-group-container .monaco-editor .view-lines')
    .allTextContents();
  // The editor renders spaces as no-break spaces.
  return texts.join('\n').replace(/\u00a0/g, ' ');
}

test('opening a .pcap shows its connections with Wireshark analysis', async () => {
  await quickOpen(page, 'http.pcap');
  const frame = await captureFrame();
  const text = (await frame.locator('body').textContent()) ?? '';
  assert.match(text, /pcap: 12 frames, 12 TCP packets, 1 connection\./);
  assert.match(text, /1: 127\.0\.0\.1:42002 -> 127\.0\.0\.1:18080 {2}frames 1-12/);
  await shot('capture-1-view');
});

test('Import as Scenario opens the scenario beside its preview, with no problems', async () => {
  const frame = await captureFrame();
  await frame.locator('#import-all').click();
  await waitUntil(
    async () => (await editorText()).includes('endpoint client 127.0.0.1:42002'),
    'the imported scenario in an editor',
  );
  await waitUntil(
    async () => (await page.locator('.tab', { hasText: 'Preview Untitled-1' }).count()) === 1,
    'the preview beside it',
  );
  const preview = await previewFrame(page);
  await waitUntil(
    async () =>
      (await preview.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) === 12,
    '12 arrows in the preview',
  );
  await waitUntil(
    async () => /^(No Problems|Errors: 0, Warnings: 0)/.test(await problems(page)),
    'no problems',
  );
  await shot('capture-2-imported');
});

test('Handshake: Import Capture… takes the file from the open dialog', async () => {
  await runCommand(page, 'Handshake: Import Capture…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // VS Code's own open dialog starts in the workspace folder: type the file name after it.
  await waitUntil(
    async () => (await input.inputValue()) === `${server.workspace}/`,
    'the dialog in the workspace folder',
  );
  await input.press('End');
  await page.keyboard.type('http.pcap');
  await waitUntil(
    async () => (await input.inputValue()) === join(server.workspace, 'http.pcap'),
    'the file name typed',
  );
  // The dialog highlights the file it matched as it reads the input: accept once it has.
  const focused = page.locator('.quick-input-list .monaco-list-row.focused');
  await waitUntil(
    async () => /http\.pcap/.test((await focused.first().textContent()) ?? ''),
    'http.pcap highlighted in the dialog',
  );
  await page.keyboard.press('Enter');
  await waitUntil(
    // The editor's tab, and the preview's once it follows it ("Preview Untitled-2").
    async () => (await page.locator('.tab', { hasText: 'Untitled-2' }).count()) >= 1,
    'a second untitled scenario',
  );
  await waitUntil(
    async () => (await editorText()).includes('GET /index.html HTTP/1.1'),
    'the request in the imported scenario',
  );
  await shot('capture-3-dialog');
});

test('Paste tcpdump Output as Scenario reads the clipboard', async () => {
  const origin = new URL(server.url).origin;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const tcpdump = readFileSync('test/core/capture/fixtures/notes-old-format.txt', 'utf8');
  // Runs in the page: `navigator` is the browser's.
  await page.evaluate(
    (text) =>
      (
        globalThis as unknown as {
          navigator: { clipboard: { writeText(t: string): Promise<void> } };
        }
      ).navigator.clipboard.writeText(text),
    tcpdump,
  );
  await runCommand(page, 'Handshake: Paste tcpdump Output as Scenario');
  await waitUntil(
    async () => (await editorText()).includes('endpoint client 192.168.1.116:3337'),
    'the pasted trace as a scenario',
  );
  const preview = await previewFrame(page);
  await waitUntil(
    async () =>
      (await preview.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) === 10,
    '10 arrows in the preview',
  );
  await waitUntil(
    async () => /^(No Problems|Errors: 0, Warnings: 0)/.test(await problems(page)),
    'no problems',
  );
});

test('a capture of many chunks is streamed into its view, then imported by its button', async () => {
  // 8.8 MB: nine 1 MiB chunks for each pass, and past the size that shows a progress bar.
  const name = MANY_CHUNKS;
  assert.ok(MANY_CHUNKS_SIZE > 8 << 20);
  // Only this capture's view in the page, so that its frame is the one found.
  await runCommand(page, 'View: Close All Editors');
  // The scenarios imported so far are untitled and unsaved: VS Code asks about them.
  await page.getByRole('button', { name: "Don't Save" }).click();
  await quickOpen(page, name);
  const frame = await frameWith(page, 'p:has-text("12000 frames")', `the view of ${name}`);
  assert.match(
    (await frame.locator('body').textContent()) ?? '',
    /pcap: 12000 frames, 12000 TCP packets, 140 connections\./,
  );
  await frame.locator('#import-all').click();
  await waitUntil(
    async () =>
      (await editorText()).includes(
        `# Imported by Handshake from ${name} (pcap, 12000 frames, 140 TCP connections).`,
      ),
    'the imported scenario in an editor',
    60_000,
  );
  assert.ok((await editorText()).includes('scenario "many-chunks.pcap: 140 TCP connections"'));
  await shot('capture-5-many-chunks');
});

test('a TLS capture imports as TLS lines the engine checks, drawn in the preview', async () => {
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.getByRole('button', { name: "Don't Save" });
  if (await dontSave.count()) await dontSave.click();
  await quickOpen(page, 'https.pcap');
  const frame = await frameWith(page, 'p:has-text("17 frames")', 'the view of https.pcap');
  await frame.locator('#import-all').click();
  await waitUntil(
    async () => /ClientHello random=r_\w+ sni=www\.shop\.test/.test(await editorText()),
    'the ClientHello as a TLS line',
  );
  const preview = await previewFrame(page);
  await waitUntil(
    async () =>
      (await preview
        .locator('#canvas svg .messageText', { hasText: /^Certificate( |$)/ })
        .count()) === 1,
    'the Certificate arrow in the preview',
  );
  await waitUntil(
    async () => /^(No Problems|Errors: 0, Warnings: 0)/.test(await problems(page)),
    'no problems',
  );
  await shot('capture-6-tls');
});

test('nothing was requested from outside this machine, by the workbench or the capture view', () => {
  assert.deepEqual(session.outside, []);
});
