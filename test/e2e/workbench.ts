import type { Frame, Locator, Page } from 'playwright-core';

/** Where VS Code's service worker serves webview resources from the extension's folder. */
const WEBVIEW_RESOURCE = /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//;

/**
 * Records in `outside` every request of the page's context that reaches, or tries to reach,
 * the network: the product must load nothing from outside this machine. Webview resources have
 * https URLs on vscode-cdn.net that VS Code's service worker answers from the extension's
 * folder; they do not count.
 */
export function watchOutside(page: Page, outside: string[]): void {
  const local = /^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:|vscode-)/;
  page.context().on('response', (response) => {
    if (!local.test(response.url()) && !response.fromServiceWorker()) outside.push(response.url());
  });
  page.context().on('requestfailed', (request) => {
    if (local.test(request.url())) return;
    // A webview resource whose frame went away while it loaded (a panel closed, a view
    // switched) is cancelled before the service worker answers: nothing left the machine. Any
    // other failure (a name not resolved, a refused connection) is a request that tried to.
    const aborted = request.failure()?.errorText === 'net::ERR_ABORTED';
    if (aborted && WEBVIEW_RESOURCE.test(request.url())) return;
    outside.push(`${request.url()} (${request.failure()?.errorText ?? 'failed'})`);
  });
}

/**
 * Driving the VS Code workbench as a person does: keyboard shortcuts, the command palette,
 * Quick Open, and reading what is on screen.
 */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 90_000 });
  // The extension host starts after the workbench: wait until the status bar shows it is idle.
  await page.waitForSelector('.statusbar-item[id="status.problems"]', { timeout: 60_000 });
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  // Fuzzy matching lists similar commands too: click the row whose label is exactly the title.
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor();
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    // In another display language a row also shows the English title as an alias, second.
    const label = (await rows.nth(i).locator('.label-name').first().textContent())
      ?.replace(/\u00a0/g, ' ')
      .trim();
    if (label === title) {
      await rows.nth(i).click();
      return;
    }
  }
  throw new Error(`no command named ${title}`);
}

/** Opens a workspace file with Quick Open (Ctrl+P), in whatever editor VS Code picks for it. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function openFile(page: Page, name: string): Promise<void> {
  await quickOpen(page, name);
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G), 1-based. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await waitForCursor(page, line, column);
}

/**
 * Shows the hover at the cursor ("Show or Focus Hover", Ctrl+K Ctrl+I) and returns it once its
 * text matches `text`. A chord pressed while the editor is still settling (focus moving, a
 * language server starting, as the Markdown one does on first use) can be lost: press it again
 * until the hover shows, within the deadline.
 */
export async function showHover(page: Page, text: RegExp, timeout = 60_000): Promise<Locator> {
  const hover = page.locator('.monaco-hover:not(.hidden)').first();
  await waitUntil(
    async () => {
      if (!(await hover.isVisible())) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await hover.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
      }
      return text.test((await hover.textContent({ timeout: 1_000 })) ?? '');
    },
    `a hover matching ${text}`,
    timeout,
  );
  return hover;
}

/** The cursor position as the status bar shows it. */
export async function cursor(page: Page): Promise<string> {
  return (await page.locator('.statusbar-item[id="status.editor.selection"]').textContent()) ?? '';
}

export async function waitForCursor(page: Page, line: number, column: number): Promise<void> {
  await waitUntil(
    async () => (await cursor(page)).includes(`Ln ${line}, Col ${column}`),
    `cursor at ${line}:${column}`,
  );
}

/** The Problems count in the status bar, e.g. "Errors: 8, Warnings: 0". */
export async function problems(page: Page): Promise<string> {
  return (
    (await page.locator('.statusbar-item[id="status.problems"]').getAttribute('aria-label')) ?? ''
  );
}

export async function squiggles(page: Page): Promise<number> {
  return page.locator('.monaco-editor .squiggly-error').count();
}

/** The frame of our webview: VS Code nests it two iframes deep. */
export async function previewFrame(page: Page): Promise<Frame> {
  return frameWith(page, '#canvas', 'the preview webview');
}

/** The first frame (webviews are nested iframes) that has an element matching `selector`. */
export async function frameWith(page: Page, selector: string, what: string): Promise<Frame> {
  let found: Frame | undefined;
  await waitUntil(
    async () => {
      for (const frame of page.frames()) {
        if (
          await frame
            .locator(selector)
            .count()
            .catch(() => 0)
        ) {
          found = frame;
          return true;
        }
      }
      return false;
    },
    what,
    60_000,
  );
  return found as Frame;
}

export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeout = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
