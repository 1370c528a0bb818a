import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { workbenchSession } from './session';
import { goTo, openFile, problems, runCommand, waitUntil, frameWith, showHover } from './workbench';

/**
 * A Markdown note with ```handshake blocks (examples/tcp-notes.md) in a real VS Code
 * (code-server): the squiggle inside the fence, and VS Code's own Markdown preview drawing the
 * blocks with the extension's markdown-it plugin and preview script.
 */
let page: Page;
const session = workbenchSession({}, { ready: (s) => ({ page } = s) });

async function shot(name: string): Promise<void> {
  await session.shot(name);
}

test('the wrong ack inside a handshake fence is underlined in the Markdown editor', async () => {
  await openFile(page, 'tcp-notes.md');
  await waitUntil(
    async () => (await problems(page)).startsWith('Errors: 1'),
    'Errors: 1 in the status bar',
  );
  // The squiggle is on the value, at line 33, column 41 of the note: hover there.
  await goTo(page, 33, 42);
  const hover = await showHover(page, /ack should be x\+2/);
  assert.match((await hover.textContent()) ?? '', /HS101/);
  assert.equal(await page.locator('.monaco-editor .squiggly-error').count(), 1);
  await shot('markdown-1-squiggle');
  await page.keyboard.press('Escape');
});

/** The frame of the Markdown preview that shows our blocks. */
async function markdownPreviewFrame(): Promise<Frame> {
  return frameWith(page, '.handshake-fence', 'the Markdown preview with handshake blocks');
}

test("VS Code's Markdown preview draws each block with its problems under it", async () => {
  await runCommand(page, 'Markdown: Open Preview to the Side');
  const frame = await markdownPreviewFrame();
  await waitUntil(
    async () => (await frame.locator('.handshake-diagram svg').count()) === 2,
    'two drawn diagrams in the preview',
    60_000,
  );
  const arrows = await frame
    .locator('.handshake-fence')
    .evaluateAll((fences) =>
      fences.map(
        (f) =>
          f.querySelectorAll('.handshake-diagram svg :is(.messageLine0, .messageLine1)').length,
      ),
    );
  assert.deepEqual(arrows, [3, 7]);
  const problemsShown = await frame.locator('.handshake-problem').allTextContents();
  assert.equal(problemsShown.length, 1);
  // The lines of the note, as the editor and the Problems list name them (33:41 above), not
  // the lines of the block (10, and 9 for the FIN).
  assert.match(
    problemsShown[0] ?? '',
    /^error HS101 line 33: ack should be x\+2: the FIN client sent at line 32 /,
  );
  await shot('markdown-2-preview');
});

test('nothing was requested from outside this machine, by the workbench or the Markdown preview', () => {
  assert.deepEqual(session.outside, []);
});
