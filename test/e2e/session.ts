import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../webview/browser';
import { startCodeServer, type CodeServer, type StartOptions } from './codeServer';
import { waitForWorkbench, watchOutside } from './workbench';

/** Where the end-to-end suites leave their screenshots. */
export const OUTPUT = 'test-output/e2e';

/** What a suite drives: code-server, the browser page on its workbench, and what left the machine. */
export interface WorkbenchSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Every request that left this machine (see watchOutside): the product loads nothing. */
  readonly outside: string[];
  shot(name: string): Promise<void>;
}

/** What a suite does as its session starts. */
export interface SessionHooks {
  /** After code-server starts, before the workbench loads: files Quick Open should find. */
  readonly prepare?: (server: CodeServer) => void;
  /** Once the workbench is up: take what the tests use (Node runs a file's `before` hooks together, so a hook of the suite's own would run too early). */
  readonly ready?: (session: WorkbenchSession) => void;
}

/**
 * Registers the suite's `before` and `after`: code-server with the packaged extension
 * (`options`), then `prepare`, then Chromium on the workbench, watching the network, then
 * `ready`. The session's fields are set once `before` has run.
 */
export function workbenchSession(
  options: StartOptions = {},
  hooks: SessionHooks = {},
): WorkbenchSession {
  const session = {
    outside: [] as string[],
    async shot(name: string): Promise<void> {
      await session.page.screenshot({ path: join(OUTPUT, `${name}.png`) });
    },
  } as { -readonly [K in keyof WorkbenchSession]: WorkbenchSession[K] };
  before(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    session.server = await startCodeServer(options);
    hooks.prepare?.(session.server);
    session.browser = await launch();
    session.page = await session.browser.newPage({ viewport: { width: 1400, height: 900 } });
    watchOutside(session.page, session.outside);
    await session.page.goto(session.server.url);
    await waitForWorkbench(session.page);
    hooks.ready?.(session);
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
