import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { workbenchSession } from './session';
import { goTo, openFile, previewFrame, runCommand, waitForCursor, waitUntil } from './workbench';

/**
 * Run and Debug on a `.handshake` file in a real VS Code (code-server), as a user does it: a
 * breakpoint on the SYN ACK line (F9), F5 with no launch.json, the Variables view, Step Over
 * (F10), and the preview following the debugger. Screenshots in test-output/e2e/.
 */
let page: Page;
const session = workbenchSession({}, { ready: (s) => ({ page } = s) });

/** The 0-based line (data-line) of the arrow the preview marks as the current one, if any. */
async function markedLine(frame: Frame): Promise<string | null> {
  const marked = frame.locator('#canvas svg .messageText.hs-active').first();
  return (await marked.count()) ? marked.getAttribute('data-line') : null;
}

test('F5 stops at the breakpoint on the SYN ACK line; Variables show SND.NXT; F10 moves the preview', async () => {
  await openFile(page, 'tcpdump-handshake.handshake');
  await runCommand(page, 'Handshake: Open Preview to the Side');
  const frame = await previewFrame(page);
  await waitUntil(
    async () => (await frame.locator('#canvas svg .messageText[data-line="9"]').count()) > 0,
    'the SYN ACK arrow in the preview',
  );
  // Back in the editor (the first group): a breakpoint on line 9, the SYN ACK.
  await page.keyboard.press('Control+1');
  await goTo(page, 9, 1);
  await page.keyboard.press('F9');
  await page.locator('.codicon-debug-breakpoint').first().waitFor({ state: 'visible' });
  await page.keyboard.press('F5');
  // The default configuration stops on entry (line 7, server listen): continue once stopped.
  const continueButton = page.locator('.debug-toolbar .codicon-debug-continue');
  await continueButton.waitFor({ state: 'visible', timeout: 60_000 });
  await waitForCursor(page, 7, 1);
  await continueButton.click();
  // Stopped at the breakpoint: VS Code puts the cursor there, the preview marks its arrow.
  await waitForCursor(page, 9, 1);
  await waitUntil(async () => (await markedLine(frame)) === '8', 'the SYN ACK arrow marked');
  // The Run and Debug view, where Variables shows the client's TCB after the step.
  await page.keyboard.press('Control+Shift+D');
  const variables = page.locator('.debug-pane .monaco-list-rows').first();
  const client = page.locator('.debug-pane .monaco-list-row', { hasText: /^client$/ }).first();
  await client.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await client.getAttribute('aria-expanded')) !== 'true') await client.click();
  await waitUntil(
    async () => /SND\.NXT\s*[:=]?\s*3626544837/.test((await variables.textContent()) ?? ''),
    "the client's SND.NXT (3626544837) in the Variables view",
    60_000,
  );
  await session.shot('debug-1-breakpoint');
  await page.locator('.debug-toolbar .codicon-debug-step-over').click();
  await waitForCursor(page, 10, 1);
  await waitUntil(async () => (await markedLine(frame)) === '9', 'the final ACK arrow marked');
  await session.shot('debug-2-step-over');
  await page.locator('.debug-toolbar .codicon-debug-stop').click();
});
