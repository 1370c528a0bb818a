import type { Locale } from '../core/text/locale';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handshakeFenceHtml } from '../core/markdown/fenceHtml';
import type { MermaidOptions } from '../core/render/mermaid';
import { chromiumArgs } from './chromium';

export type DrawTheme = 'light' | 'dark';
export type DrawFormat = 'svg' | 'png';

export interface DrawRequest {
  readonly text: string;
  /** The 0-based line the text starts at in its file (a block of a note), else 0. */
  readonly firstLine: number;
  readonly theme: DrawTheme;
  readonly format: DrawFormat;
  readonly diagram: Partial<MermaidOptions>;
  /** The language of the diagram's notes. */
  readonly locale: Locale;
  readonly executablePath: string;
  /** The built dist/webview folder, with the Markdown preview's scripts (`SCRIPTS`). */
  readonly webviewDir: string;
}

export type DrawResult =
  | { readonly ok: true; readonly data: Uint8Array }
  | { readonly ok: false; readonly error: string; readonly missingPlaywright?: boolean };

/** A made-up origin: every request of the page is answered here or refused, none goes out. */
const ORIGIN = 'https://handshake.invalid';
const NONCE = 'handshake-render';
const BACKGROUND: Record<DrawTheme, string> = { light: '#ffffff', dark: '#1e1e1e' };
/** The Markdown preview's scripts, in the order package.json contributes them: Mermaid first. */
const SCRIPTS = ['mermaid.js', 'markdown-preview.js'] as const;

function page(request: DrawRequest): string {
  const { text, theme, diagram, firstLine, locale } = request;
  const kind = `vscode-${theme}`;
  return `<!DOCTYPE html>
<html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'unsafe-inline'; img-src data:">
</head>
<body class="${kind}" data-vscode-theme-kind="${kind}" style="margin:0;background:${BACKGROUND[theme]}">
${handshakeFenceHtml(
  text,
  firstLine > 0 ? { diagram, locale, line: firstLine - 1 } : { diagram, locale },
)}
${SCRIPTS.map((file) => `<script nonce="${NONCE}" src="${ORIGIN}/${file}"></script>`).join('\n')}
</body></html>`;
}

/** The drawn diagram as a file of its own: XML header, namespace, size, background. */
const SVG_FILE = `(() => {
  const svg = document.querySelector('.handshake-diagram svg');
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.viewBox.baseVal;
  const rect = svg.getBoundingClientRect();
  copy.setAttribute('width', String(box && box.width > 0 ? box.width : rect.width));
  copy.setAttribute('height', String(box && box.height > 0 ? box.height : rect.height));
  copy.style.removeProperty('max-width');
  copy.style.backgroundColor = getComputedStyle(document.body).backgroundColor;
  return '<?xml version="1.0" encoding="UTF-8"?>\\n' + new XMLSerializer().serializeToString(copy);
})()`;

/**
 * Draws a scenario the way the Markdown preview does: the block's HTML and the preview's
 * scripts, with the bundled Mermaid (`securityLevel: 'strict'`), in headless Chromium driven by
 * playwright-core, under a CSP that allows only those scripts. Nothing is loaded from the network.
 */
export async function drawInChromium(request: DrawRequest): Promise<DrawResult> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return {
      ok: false,
      error: 'the npm package playwright-core is missing',
      missingPlaywright: true,
    };
  }
  const scripts = new Map<string, Buffer>();
  for (const file of SCRIPTS) {
    const path = join(request.webviewDir, file);
    try {
      scripts.set(`${ORIGIN}/${file}`, readFileSync(path));
    } catch {
      return { ok: false, error: `${path} is missing: run npm run build` };
    }
  }
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  const launch = (args: string[]) =>
    chromium.launch({ executablePath: request.executablePath, args, headless: true });
  try {
    browser = await launch(chromiumArgs()).catch((error: unknown) => {
      // A machine without user namespaces has no sandbox for an ordinary user either: there
      // Chromium runs without it, as it must as root.
      if (!/sandbox/i.test(String(error))) throw error;
      return launch(chromiumArgs(true));
    });
  } catch (error) {
    const reason = firstLine(error);
    return { ok: false, error: `${request.executablePath} did not start as Chromium: ${reason}` };
  }
  try {
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      deviceScaleFactor: request.format === 'png' ? 2 : 1,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === `${ORIGIN}/`) {
        return route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: page(request),
        });
      }
      const script = scripts.get(url);
      if (script) return route.fulfill({ contentType: 'text/javascript', body: script });
      return route.abort();
    });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${ORIGIN}/`);
    // Polled from here: the page's CSP rightly forbids the eval that page-side waiting needs.
    const deadline = Date.now() + 60_000;
    while (!(await tab.evaluate('document.body.dataset.handshakeDrawn'))) {
      if (errors.length > 0) return { ok: false, error: errors.join('; ') };
      if (Date.now() > deadline) return { ok: false, error: 'the diagram was not drawn in 60 s' };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const failed = (await tab.evaluate(
      "document.querySelector('.handshake-draw-error')?.textContent ?? ''",
    )) as string;
    if (failed) return { ok: false, error: failed.trim() };
    if (request.format === 'png') {
      return { ok: true, data: await tab.locator('.handshake-diagram svg').screenshot() };
    }
    return { ok: true, data: new TextEncoder().encode((await tab.evaluate(SVG_FILE)) as string) };
  } catch (error) {
    return { ok: false, error: firstLine(error) };
  } finally {
    await browser.close();
  }
}

/** Playwright's errors carry a call log after the first line: keep the message. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] as string;
}
