import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_CANDIDATES, chromiumArgs } from '../../src/cli/chromium';
import { analyze } from '../../src/core/analysis/analyze';
import type { HostMessage } from '../../src/core/preview/protocol';
import { renderMermaid, type MermaidOptions } from '../../src/core/render/mermaid';
import { traceTable } from '../../src/core/render/traceTable';
import { stepTable } from '../../src/core/preview/stepTable';
import { previewHtml } from '../../src/extension/preview/previewHtml';

/**
 * Runs the real preview bundle (dist/webview) in headless Chromium, in the page VS Code would
 * show, served from 127.0.0.1. Only `acquireVsCodeApi` is provided by the test, as VS Code
 * provides it: it records what the page posts.
 */

const CANDIDATES = [process.env.CHROME_PATH, ...CHROMIUM_CANDIDATES];

/** The browser to use, or an explanation of what is missing. */
export function findChromium(): string {
  const found = CANDIDATES.find((path) => path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. On Debian run `npm run provision` (it installs ' +
        "the 'chromium' package), or set CHROME_PATH to a Chrome or Chromium executable.",
    );
  }
  return found;
}

export const CHROMIUM_ARGS = chromiumArgs();

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

export type Theme =
  'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';

/** A few of the variables VS Code sets on the webview's <html>, so pages look as they do there. */
const THEME_VARIABLES: Record<Theme, string> = {
  'vscode-light':
    '--vscode-editor-background:#ffffff;--vscode-editor-foreground:#1f1f1f;--vscode-errorForeground:#e51400;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  'vscode-dark':
    '--vscode-editor-background:#1f1f1f;--vscode-editor-foreground:#cccccc;--vscode-errorForeground:#f85149;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  'vscode-high-contrast':
    '--vscode-editor-background:#000000;--vscode-editor-foreground:#ffffff;--vscode-errorForeground:#f48771;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  'vscode-high-contrast-light':
    '--vscode-editor-background:#ffffff;--vscode-editor-foreground:#292929;--vscode-errorForeground:#b5200d;--vscode-font-family:sans-serif;--vscode-font-size:13px',
};

export interface PreviewServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** The files of dist/webview the preview page loads. */
const PREVIEW_FILES = ['mermaid.js', 'preview.js', 'preview-style.css'];

/** Serves dist/webview and the preview page on 127.0.0.1, on a free port. */
export async function servePreview(theme: () => Theme): Promise<PreviewServer> {
  const root = join(process.cwd(), 'dist', 'webview');
  const missing = PREVIEW_FILES.find((file) => !existsSync(join(root, file)));
  if (missing) throw new Error(`dist/webview/${missing} is missing: run \`npm run build\` first`);
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/preview.html') {
      const kind = theme();
      const lang = url.searchParams.get('lang') === 'zh-cn' ? 'zh-cn' : 'en';
      const html = previewHtml({
        cspSource: origin,
        mermaidUri: `${origin}/mermaid.js`,
        scriptUri: `${origin}/preview.js`,
        styleUri: `${origin}/preview-style.css`,
        nonce: 'test-nonce-0123456789',
        title: 'Handshake Preview',
        lang,
      })
        .replace(`<html lang="${lang}">`, `<html lang="${lang}" style="${THEME_VARIABLES[kind]}">`)
        .replace('<body>', `<body class="${kind}" data-vscode-theme-kind="${kind}">`);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    const file = PREVIEW_FILES.find((name) => path === `/${name}`);
    if (!file) {
      response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    readFile(join(root, file)).then(
      (body) => {
        response.writeHead(200, {
          'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css',
        });
        response.end(body);
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Defines `acquireVsCodeApi` before the page's scripts run, recording posted messages. `state`:
 * what `getState` returns at first, as after VS Code reloads a panel (see `savedState`).
 */
export async function openPreview(
  browser: Browser,
  server: PreviewServer,
  lang: 'en' | 'zh-cn' = 'en',
  state?: unknown,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  await page.addInitScript(`
    window.__posted = [];
    window.__state = ${state === undefined ? 'undefined' : JSON.stringify(state)};
    window.acquireVsCodeApi = function () {
      return {
        postMessage: function (message) { window.__posted.push(message); },
        getState: function () { return window.__state; },
        setState: function (state) { window.__state = state; },
      };
    };
  `);
  await page.goto(`${server.origin}/preview.html?lang=${lang}`);
  await waitFor(page, "window.__posted.some((m) => m.type === 'ready')");
  return { page, errors };
}

export interface Posted {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Messages the page posted so far. */
export async function posted(page: Page): Promise<Posted[]> {
  return (await page.evaluate('window.__posted')) as Posted[];
}

/** What the page last kept with `setState`. */
export async function savedState(page: Page): Promise<unknown> {
  return page.evaluate('window.__state');
}

/** Sends a message as the host would. */
export async function send(page: Page, message: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    (m) =>
      (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'),
    message,
  );
}

/**
 * Waits until `expression` (page-side source) is truthy and returns its value. Polled from here:
 * the page's CSP rightly forbids the eval that Playwright's page-side polling would need.
 */
export async function waitFor(page: Page, expression: string, timeout = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(`(${expression}) || null`);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the page has posted a message for which `predicate` (page-side source) holds. */
export async function waitForPosted(
  page: Page,
  predicate: string,
  timeout = 30_000,
): Promise<Posted> {
  return (await waitFor(page, `window.__posted.find(${predicate})`, timeout)) as Posted;
}

/** Sends a render message and waits for the page to report that version drawn (or failed). */
export async function renderAndWait(
  page: Page,
  message: { type: 'render'; version: number } & Record<string, unknown>,
): Promise<Posted> {
  await send(page, message);
  return waitForPosted(page, `(m) => m.type === 'rendered' && m.version === ${message.version}`);
}

let version = 0;

/** The host's `render` message for a scenario, as the extension builds it (a new version each time). */
export function renderMessage(
  text: string,
  options: Partial<MermaidOptions> = {},
): Extract<HostMessage, { type: 'render' }> {
  const analysis = analyze(text);
  const diagram = renderMermaid(analysis, options);
  const count = (severity: string) =>
    analysis.diagnostics.filter((d) => d.severity === severity).length;
  return {
    type: 'render',
    version: ++version,
    source: diagram.text,
    messages: diagram.messages,
    rows: traceTable(analysis, options).rows,
    steps: stepTable(
      analysis,
      diagram.messages.map((m) => m.line),
    ),
    notice: '',
    problems: { errors: count('error'), warnings: count('warning') },
    resource: 'file:///work/example.handshake',
    locked: false,
  };
}

/** How many `.messageText` elements Mermaid draws for these arrows: one per line of a label. */
export function labelLineCount(messages: readonly { readonly labelLines: number }[]): number {
  return messages.reduce((sum, message) => sum + message.labelLines, 0);
}

/**
 * Each arrow's label as one string, its lines joined by spaces, in drawing order: Mermaid draws
 * each line of a label as a text element of its own.
 */
export async function arrowLabels(
  page: Page,
  messages: readonly { readonly labelLines: number }[],
  within = '#canvas svg',
): Promise<string[]> {
  const lines = await page.locator(`${within} .messageText`).allTextContents();
  let next = 0;
  return messages.map((message) => lines.slice(next, (next += message.labelLines)).join(' '));
}

/**
 * Each note's text, its lines joined by spaces, in drawing order: Mermaid draws a note as a
 * group of a box and one text element per line.
 */
export async function noteTexts(page: Page, within = '#canvas svg'): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const notes = new Map();
    for (const text of document.querySelectorAll(${JSON.stringify(within)} + ' .noteText')) {
      const group = text.parentElement;
      notes.set(group, [...(notes.get(group) ?? []), text.textContent ?? '']);
    }
    return [...notes.values()].map((lines) => lines.join(' '));
  })()`)) as string[];
}
