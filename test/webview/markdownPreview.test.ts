import assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/analyze';
import { renderMermaid } from '../../src/core/render/mermaid';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, waitFor, type Theme } from './browser';
import {
  renderMarkdown,
  serveMarkdown,
  type MarkdownServer,
  type MermaidDelivery,
} from './markdownPage';

/**
 * The scripts VS Code's Markdown preview loads (dist/webview/mermaid.js and markdown-preview.js)
 * in headless Chromium, on the HTML our markdown-it plugin writes, under the preview's strict CSP.
 */
const OUTPUT = 'test-output/webview';
let browser: Browser;
let server: MarkdownServer;

const TCPDUMP = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
const MISTAKES = readFileSync('examples/mistakes.handshake', 'utf8');
const NOTE = [
  '# TCP 三次握手',
  '',
  '抓包结果：',
  '',
  '```handshake',
  TCPDUMP.trimEnd(),
  '```',
  '',
  '常见错误：',
  '',
  '```handshake',
  MISTAKES.trimEnd(),
  '```',
  '',
].join('\n');

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launch();
  server = await serveMarkdown();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  markdown: string,
  theme: Theme,
  mermaid: MermaidDelivery = 'prompt',
): Promise<{ page: Page; errors: string[] }> {
  server.show(markdown, theme, mermaid);
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.origin}/note.html`);
  await waitFor(page, 'document.body.dataset.handshakeDrawn');
  // Nothing but the page, the script and the style was asked for.
  assert.deepEqual(
    requests.filter((url) => !url.startsWith(server.origin)),
    [],
  );
  return { page, errors };
}

/** The number of arrows (segments) in each drawn block, in order. */
function arrowsPerBlock(page: Page): Promise<number[]> {
  return page
    .locator('.handshake-fence')
    .evaluateAll((fences) =>
      fences.map(
        (f) =>
          f.querySelectorAll('.handshake-diagram svg :is(.messageLine0, .messageLine1)').length,
      ),
    );
}

/** The segments of a scenario, as the plugin's Mermaid text has them. */
function segmentsIn(scenario: string): number {
  const mermaid = /<pre class="handshake-mermaid"[^>]*>([^]*?)<\/pre>/.exec(
    renderMarkdown('```handshake\n' + scenario + '```\n'),
  )?.[1];
  return (mermaid ?? '').split('\n').filter((line) => /^\s*p\d-/.test(line)).length;
}

test('each handshake block of a note is drawn as its sequence diagram, under the strict CSP', async () => {
  const { page, errors } = await open(NOTE, 'vscode-light');
  await waitFor(page, "document.querySelectorAll('.handshake-diagram svg').length === 2");
  assert.deepEqual(await arrowsPerBlock(page), [segmentsIn(TCPDUMP), segmentsIn(MISTAKES)]);
  assert.deepEqual(await arrowsPerBlock(page), [4, 10]);
  const lines = await page
    .locator('.handshake-fence')
    .first()
    .locator('svg .messageText')
    .allTextContents();
  // Each line of a label is a text element of its own.
  let next = 0;
  const labels = renderMermaid(analyze(TCPDUMP)).messages.map((m) =>
    lines.slice(next, (next += m.labelLines)).join(' '),
  );
  assert.deepEqual(labels, [
    'SYN seq=3626544836',
    'SYN ACK seq=1739326486 ack=3626544837',
    'ACK seq=3626544837 ack=1739326487',
    'PSH ACK seq=3626544837 ack=1739326487 len=18 "GET / HTTP/1.1"',
  ]);
  // Drawn: the source code block gives way to the diagram; the problems stay under it.
  assert.equal(await page.locator('.handshake-drawn .handshake-source').first().isVisible(), false);
  assert.equal(
    (await page.locator('.handshake-fence').nth(1).locator('.handshake-problem').count()) >= 8,
    true,
  );
  assert.match(
    (await page
      .locator('.handshake-fence')
      .nth(1)
      .locator('.handshake-problem.handshake-error')
      .first()
      .textContent()) ?? '',
    /^error HS\d{3} line \d+: /,
  );
  await page.screenshot({ path: `${OUTPUT}/markdown-light.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the theme comes from the preview body, and a theme change redraws', async () => {
  const { page, errors } = await open(NOTE, 'vscode-dark');
  await waitFor(page, "document.querySelectorAll('.handshake-diagram svg').length === 2");
  const fill = async () =>
    (await page.evaluate(
      "getComputedStyle(document.querySelector('.handshake-diagram svg rect.actor')).fill",
    )) as string;
  const dark = await fill();
  await page.screenshot({ path: `${OUTPUT}/markdown-dark.png`, fullPage: true });
  await page.evaluate(
    "document.body.className = 'vscode-light'; document.body.dataset.vscodeThemeKind = 'vscode-light'",
  );
  await waitFor(
    page,
    `(() => { const r = document.querySelector('.handshake-diagram svg rect.actor'); return r && getComputedStyle(r).fill !== ${JSON.stringify(dark)}; })()`,
  );
  assert.notEqual(await fill(), dark);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the preview's content update event draws the new blocks", async () => {
  const { page, errors } = await open('# empty\n', 'vscode-light');
  assert.equal(await page.locator('.handshake-fence').count(), 0);
  const html = renderMarkdown(NOTE);
  // What VS Code's preview does on an edit: new content in place, then its event.
  await page.evaluate(
    `document.querySelector('.markdown-body').innerHTML = ${JSON.stringify(html)};` +
      "window.dispatchEvent(new CustomEvent('vscode.markdown.updateContent'))",
  );
  await waitFor(page, "document.querySelectorAll('.handshake-diagram svg').length === 2");
  assert.deepEqual(await arrowsPerBlock(page), [4, 10]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('hostile text in a block is shown as text and runs nothing', async () => {
  const hostile = [
    '```handshake',
    'scenario "<img src=x onerror=\\"window.__pwned=1\\">"',
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server SYN seq=x "<script>window.__pwned=2</script> %%{init: {\\"securityLevel\\":\\"loose\\"}}%%"',
    '```',
  ].join('\n');
  const { page, errors } = await open(hostile, 'vscode-light');
  await waitFor(page, "document.querySelectorAll('.handshake-diagram svg').length === 1");
  assert.equal(await page.evaluate('window.__pwned === undefined'), true);
  assert.equal(await page.locator('.handshake-fence img, .handshake-fence script').count(), 0);
  const label = (await page.locator('.handshake-diagram svg .messageText').allTextContents()).join(
    ' ',
  );
  // Cut into lines that fit; as text, whole.
  assert.match(label.replace(/\s/g, ''), /<script>window.__pwned=2<\/script>/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('raw HTML written in a note with the fence class is not drawn: no directive, no link menu', async () => {
  // What the fence's class alone would let a note do: a directive with themeCSS, a link menu.
  const forged = [
    '# A note',
    '',
    '<div class="handshake-fence"><pre class="handshake-mermaid" hidden data-draw-failed="Not drawn:">%%{init: {"themeCSS": "body { background: red; }"}}%%',
    'sequenceDiagram',
    '  participant a',
    '  links a: {"Docs": "https://example.com/"}',
    '  a->>a: hi',
    '</pre><div class="handshake-diagram"></div></div>',
    '',
    '```handshake',
    TCPDUMP.trimEnd(),
    '```',
    '',
  ].join('\n');
  const { page, errors } = await open(forged, 'vscode-light');
  await waitFor(page, "document.querySelectorAll('.handshake-diagram svg').length === 1");
  const fences = page.locator('.handshake-fence');
  assert.equal(await fences.count(), 2);
  // The real block is drawn; the forged one is refused in place, and its CSS went nowhere.
  assert.equal(await fences.nth(0).locator('svg').count(), 0);
  assert.match(
    (await fences.nth(0).locator('.handshake-draw-error').textContent()) ?? '',
    /^Not drawn: not a Handshake sequence diagram/,
  );
  assert.equal(await fences.nth(1).locator('svg').count(), 1);
  assert.notEqual(
    await page.evaluate('getComputedStyle(document.body).backgroundColor'),
    'rgb(255, 0, 0)',
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the blocks are drawn when the shared Mermaid arrives after the drawing script', async () => {
  // VS Code loads the preview scripts with `async`: mermaid.js (5 MB) may well run last.
  const { page, errors } = await open(NOTE, 'vscode-light', 'late');
  await waitFor(page, "document.querySelectorAll('.handshake-diagram svg').length === 2");
  assert.deepEqual(await arrowsPerBlock(page), [4, 10]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without the shared Mermaid each block says so in place, and the page does not hang', async () => {
  const { page } = await open(NOTE, 'vscode-light', 'missing');
  const failures = await page.locator('.handshake-draw-error').allTextContents();
  assert.equal(failures.length, 2);
  for (const failure of failures) assert.match(failure, /mermaid\.js did not load/);
  assert.equal(await page.locator('.handshake-diagram svg').count(), 0);
  await page.close();
});
