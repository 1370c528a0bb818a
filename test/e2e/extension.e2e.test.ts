import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { workbenchSession } from './session';
import {
  cursor,
  goTo,
  openFile,
  previewFrame,
  problems,
  runCommand,
  squiggles,
  waitForCursor,
  waitForWorkbench,
  waitUntil,
  showHover,
} from './workbench';

/**
 * The packaged extension in a real VS Code (code-server), driven as a user would. The steps
 * build on each other, in order; each leaves a screenshot in test-output/e2e/.
 */
let server: CodeServer;
let page: Page;
const session = workbenchSession({}, { ready: (s) => ({ server, page } = s) });

async function shot(name: string): Promise<void> {
  await session.shot(name);
}

test('a file with mistakes shows squiggles and the Problems count', async () => {
  await openFile(page, 'mistakes.handshake');
  await waitUntil(
    async () => (await problems(page)).startsWith('Errors: 8'),
    'Errors: 8 in the status bar',
  );
  await waitUntil(async () => (await squiggles(page)) >= 8, '8 squiggles in the editor');
  await shot('1-squiggles');
});

test('hovering the wrong ack tells the expected value and why', async () => {
  await goTo(page, 8, 47);
  const hover = await showHover(page, /ack should be 3626544837/);
  const text = (await hover.textContent()) ?? '';
  assert.match(text, /consumes one sequence number/);
  await shot('2-hover');
  await page.keyboard.press('Escape');
});

test('the quick fix changes the ack and the squiggle goes', async () => {
  await goTo(page, 8, 47);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', {
    hasText: 'Change ack to 3626544837',
  });
  await fix.waitFor({ state: 'visible' });
  await shot('3-quick-fix-menu');
  await fix.click();
  await waitUntil(
    async () => (await problems(page)).startsWith('Errors: 7'),
    'Errors: 7 after the fix',
  );
  const shown = ((await page.locator('.monaco-editor .view-lines').textContent()) ?? '').replace(
    /\u00a0/g,
    ' ',
  );
  assert.ok(shown.includes('SYN ACK  seq=1739326486 ack=3626544837'), shown);
  await shot('4-fixed');
});

test('the preview opens to the side and draws every segment', async () => {
  await runCommand(page, 'Handshake: Open Preview to the Side');
  const frame = await previewFrame(page);
  await waitUntil(
    async () =>
      (await frame.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) === 10,
    '10 arrows in the preview',
  );
  // The fixed ack is no longer drawn as an error; the other mistakes still are.
  const faulty = await frame.locator('#canvas svg .messageText.hs-faulty').allTextContents();
  assert.ok(!faulty.some((label) => label.startsWith('SYN ACK')), faulty.join(' | '));
  assert.ok(faulty.length >= 5);
  assert.equal(await page.locator('.tab', { hasText: 'Preview mistakes.handshake' }).count(), 1);
  await shot('5-preview');
});

test('clicking an arrow moves the cursor to its line', async () => {
  const frame = await previewFrame(page);
  // The first line of the label of the arrow drawn from line 10 (data-line is 0-based).
  await frame.locator('#canvas svg .messageText[data-line="9"]').first().click();
  await waitForCursor(page, 10, 1);
  assert.match(await cursor(page), /Ln 10, Col 1/);
  await shot('6-click-to-source');
});

test('the workspace file on disk is untouched until saved', () => {
  const onDisk = readFileSync(join(server.workspace, 'mistakes.handshake'), 'utf8');
  assert.match(onDisk, /ack=3626544836 {3}# mistake/);
});

test('Save Diagram as SVG writes the file the save dialog names', async () => {
  // Give the preview the focus, as a user clicking into it would, so its commands apply to it.
  const frame = await previewFrame(page);
  await frame.locator('#status').click();
  await runCommand(page, 'Handshake Preview: Save Diagram as SVG…');
  // VS Code's own save dialog, prefilled with the scenario's name and .svg: accept it.
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await waitUntil(
    async () => (await input.inputValue()).endsWith('mistakes.svg'),
    'the default file name',
  );
  await shot('7-save-dialog');
  await page.keyboard.press('Enter');
  const saved = join(server.workspace, 'mistakes.svg');
  await waitUntil(async () => existsSync(saved), 'mistakes.svg on disk');
  const svg = readFileSync(saved, 'utf8');
  assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/);
  assert.match(svg, /PSH ACK seq=3626544837/);
});

test('after a window reload the preview is restored', async () => {
  // VS Code's own reload: it saves the window's state before it goes, as a user's reload does.
  await Promise.all([
    page.waitForEvent('load', { timeout: 60_000 }),
    runCommand(page, 'Developer: Reload Window'),
  ]);
  await waitForWorkbench(page);
  // The restored panel is a tab again; a webview is drawn once its tab is shown.
  const tab = page.locator('.tab', { hasText: 'Preview mistakes.handshake' });
  await tab.waitFor({ timeout: 60_000 }).catch(async (error: Error) => {
    await shot('8-restore-failed');
    throw new Error(
      `${error.message}; tabs: ${(await page.locator('.tab').allTextContents()).join(', ')}`,
    );
  });
  let drawn = 0;
  await waitUntil(
    async () => {
      await tab.click();
      for (const frame of page.frames()) {
        drawn = Math.max(
          drawn,
          await frame
            .locator('#canvas svg :is(.messageLine0, .messageLine1)')
            .count()
            .catch(() => 0),
        );
      }
      return drawn === 10;
    },
    'the restored preview with 10 arrows',
    60_000,
  ).catch(async (error: Error) => {
    await shot('8-restore-failed');
    throw new Error(
      `${error.message}; drew ${drawn}; tabs: ${(await page.locator('.tab').allTextContents()).join(', ')}`,
    );
  });
  await shot('8-restored');
});

test('side by side at 1400×900: both lifelines and every label of the tcpdump example in view', async () => {
  // mistakes.handshake stays open, edited and unsaved: the preview follows the active editor.
  await runCommand(page, 'View: Focus First Editor Group');
  await openFile(page, 'tcpdump-handshake.handshake');
  await runCommand(page, 'Handshake: Open Preview to the Side');
  const frame = await previewFrame(page);
  await waitUntil(
    async () =>
      (await frame.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) === 4,
    'the 4 arrows of the tcpdump example',
  );
  // What the panel shows without any scrolling: every participant box and every label inside
  // the webview's own window, and the labels at a readable size.
  const seen = (await frame.evaluate(`(() => {
    const inside = (e) => {
      const r = e.getBoundingClientRect();
      return r.left >= 0 && r.right <= window.innerWidth && r.width > 0;
    };
    const svg = document.querySelector('#canvas svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const labels = [...svg.querySelectorAll('.messageText')];
    return {
      width: window.innerWidth,
      actors: [...svg.querySelectorAll('rect.actor')].map(inside),
      labels: labels.map(inside),
      labelPx: parseFloat(getComputedStyle(labels[0]).fontSize) * scale,
    };
  })()`)) as { width: number; actors: boolean[]; labels: boolean[]; labelPx: number };
  assert.ok(seen.actors.length >= 2 && seen.actors.every(Boolean), JSON.stringify(seen));
  assert.ok(seen.labels.length >= 4 && seen.labels.every(Boolean), JSON.stringify(seen));
  assert.ok(seen.labelPx >= 11, JSON.stringify(seen));
  await shot('side-by-side');
});

test('nothing was requested from outside this machine, by the workbench or our webviews', () => {
  assert.deepEqual(session.outside, []);
});
