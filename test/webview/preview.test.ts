import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { lines, OPEN } from '../helpers';
import {
  arrowLabels,
  labelLineCount,
  launch,
  noteTexts,
  openPreview,
  posted,
  renderAndWait,
  renderMessage,
  send,
  servePreview,
  waitFor,
  waitForPosted,
  type PreviewServer,
  type Theme,
} from './browser';

/**
 * The real webview bundle in headless Chromium: what a user sees in the preview panel.
 * Screenshots go to test-output/ for a person to look at.
 */
const OUTPUT = 'test-output/webview';
let browser: Browser;
let server: PreviewServer;
let theme: Theme = 'vscode-light';

async function open(kind: Theme = 'vscode-light'): Promise<{ page: Page; errors: string[] }> {
  theme = kind;
  return openPreview(browser, server);
}

/** The computed fill of an element, read in the page. */
const FILL = (element: unknown): string =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(
    element,
  ).fill;

/** The scale the canvas is drawn at. */
async function scaleOf(page: Page): Promise<number> {
  const transform = await page
    .locator('#canvas')
    .evaluate((e) => (e as { style: { transform: string } }).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
}

async function count(page: Page, selector: string): Promise<number> {
  return page.locator(`#canvas svg ${selector}`).count();
}

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launch();
  server = await servePreview(() => theme);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the preview draws every example', () => {
  for (const file of readdirSync('examples').filter((f) => f.endsWith('.handshake'))) {
    test(file, async () => {
      const { page, errors } = await open();
      const message = renderMessage(readFileSync(`examples/${file}`, 'utf8'));
      const result = await renderAndWait(page, message);
      assert.equal(result.ok, true, String(result.error));
      assert.equal(result.arrows, message.messages.length);
      assert.equal(await count(page, '.messageText'), labelLineCount(message.messages));
      assert.equal(
        await count(page, '.messageText.hs-faulty'),
        labelLineCount(message.messages.filter((m) => m.faulty)),
      );
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});

test('screenshots of the tcpdump handshake in light and dark themes', async () => {
  const text = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
  const fills: string[] = [];
  for (const kind of [
    'vscode-light',
    'vscode-dark',
    'vscode-high-contrast',
    'vscode-high-contrast-light',
  ] as const) {
    const { page, errors } = await open(kind);
    await page.setViewportSize({ width: 1000, height: 640 });
    const message = renderMessage(text);
    const result = await renderAndWait(page, message);
    assert.equal(result.ok, true);
    const labels = await arrowLabels(page, message.messages);
    assert.deepEqual(labels, [
      'SYN seq=3626544836',
      'SYN ACK seq=1739326486 ack=3626544837',
      'ACK seq=3626544837 ack=1739326487',
      'PSH ACK seq=3626544837 ack=1739326487 len=18 "GET / HTTP/1.1"',
    ]);
    fills.push(await page.locator('#canvas svg rect.actor').first().evaluate(FILL));
    await page.screenshot({ path: `${OUTPUT}/preview-${kind.replace('vscode-', '')}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
  // Light and dark draw the participants in different colours.
  assert.notEqual(fills[0], fills[1]);
});

test('the man in the middle: the attacker in the middle, the rejected certificate in red', async () => {
  const { page, errors } = await open('vscode-light');
  await page.setViewportSize({ width: 1100, height: 470 });
  const message = renderMessage(readFileSync('examples/mitm-replaced-key.handshake', 'utf8'));
  const result = await renderAndWait(page, message);
  assert.equal(result.ok, true, String(result.error));
  const actors = await page.locator('#canvas svg text.actor').allTextContents();
  assert.ok(
    actors.some((a) => a.includes('(attacker)')),
    actors.join(' | '),
  );
  const notes = await noteTexts(page);
  assert.ok(
    notes.some((n) => n.includes('certificate signature does not verify')),
    notes.join(' | '),
  );
  assert.equal(await page.locator('#status').textContent(), '9 TLS messages · no problems');
  await page.getByRole('button', { name: 'Fit' }).click();
  await page.screenshot({ path: `${OUTPUT}/preview-mitm.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('TLS notes that teach: the certificate check, the key phases, one header for a MITM', async () => {
  const { page, errors } = await open('vscode-light');
  const notesOf = async (file: string) => {
    const result = await renderAndWait(
      page,
      renderMessage(readFileSync(`examples/${file}`, 'utf8')),
    );
    assert.equal(result.ok, true, String(result.error));
    return noteTexts(page);
  };
  const https = await notesOf('https-rsa.handshake');
  assert.ok(
    https.includes('bank_cert ✓ signed by DigiCert, for bank.example, valid on 2026-11-26'),
    https.join(' | '),
  );
  const tls13 = await notesOf('tls13.handshake');
  for (const phase of ['handshake', 'application']) {
    assert.ok(tls13.includes(`🔒 Encrypted with the ${phase} keys`), tls13.join(' | '));
  }
  const mitm = await notesOf('mitm-trusted-attacker-ca.handshake');
  assert.equal(mitm.filter((n) => n === 'TLS handshake').length, 1, mitm.join(' | '));
  assert.ok(
    mitm.includes('⚠ client accepts fake_bank: it trusts ProxyRoot, mallory’s CA'),
    mitm.join(' | '),
  );
  await page.screenshot({ path: `${OUTPUT}/preview-tls-notes.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('under a Chinese display language the panel speaks Chinese', async () => {
  theme = 'vscode-light';
  const { page, errors } = await openPreview(browser, server, 'zh-cn');
  const message = renderMessage(readFileSync('examples/mitm-replaced-key.handshake', 'utf8'));
  const result = await renderAndWait(page, message);
  assert.equal(result.ok, true, String(result.error));
  assert.equal(await page.locator('#status').textContent(), '9 条 TLS 消息 · 没有问题');
  assert.equal(await page.getByRole('button', { name: '适应宽度' }).textContent(), '适应宽度');
  assert.deepEqual(errors, []);
  await page.close();
});

test('switching the theme redraws in the new colours', async () => {
  const { page } = await open('vscode-light');
  await renderAndWait(
    page,
    renderMessage(readFileSync('examples/four-way-close.handshake', 'utf8')),
  );
  const fill = () => page.locator('#canvas svg rect.actor').first().evaluate(FILL);
  const light = await fill();
  await page.evaluate(() => {
    const body = (
      globalThis as unknown as {
        document: { body: { className: string; dataset: Record<string, string> } };
      }
    ).document.body;
    body.className = 'vscode-dark';
    body.dataset.vscodeThemeKind = 'vscode-dark';
  });
  await waitFor(
    page,
    `(() => { const r = document.querySelector('#canvas svg rect.actor'); return r && getComputedStyle(r).fill !== ${JSON.stringify(light)}; })()`,
  );
  assert.notEqual(await fill(), light);
  await page.close();
});

describe('hostile scenario text renders as text and runs nothing', () => {
  const payloads = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=2</script>',
    '%%{init: {"securityLevel":"loose", "theme":"forest"}}%%',
    'a;b#c%%d end',
    '<a href="javascript:window.__pwned=3">click</a>',
  ];
  for (const payload of payloads) {
    test(payload, async () => {
      const { page, errors } = await open();
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      const dsl = payload.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
      const text = lines(
        `scenario "${dsl}"`,
        ...OPEN,
        `client -> server PSH ACK seq=x+1 ack=y+1 len=3 "${dsl}"`,
      );
      const message = renderMessage(text);
      const result = await renderAndWait(page, message);
      assert.equal(result.ok, true);
      assert.equal(await count(page, '.messageText'), labelLineCount(message.messages));
      // The label shows the payload (cut to fit its lines); the title shows all of it, as text,
      // broken into lines (tspans) that fit the diagram.
      const label = (await arrowLabels(page, message.messages)).at(-1);
      const words = (s: string | undefined) => (s ?? '').replace(/\s/g, '');
      assert.ok(
        words(label).includes(words(payload.slice(0, 20))),
        `${label} does not show ${payload}`,
      );
      const title = await page
        .locator('#canvas svg text.hs-title tspan')
        .allTextContents()
        .then((lines) => lines.join(' '));
      assert.equal(title, payload.replace(/\s+/g, ' ').trim());
      const injected = ['img', 'script', 'a', 'iframe', 'foreignObject'].map(
        (tag) => `#canvas svg ${tag}`,
      );
      assert.equal(await page.locator(injected.join(', ')).count(), 0);
      assert.equal(await page.evaluate('window.__pwned'), undefined);
      await page.waitForTimeout(100);
      assert.equal(dialogs, 0);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});

test('clicking an arrow asks the host to reveal its source line', async () => {
  const { page } = await open();
  const message = renderMessage(readFileSync('examples/tcpdump-handshake.handshake', 'utf8'));
  await renderAndWait(page, message);
  await page.locator('#canvas svg .messageText').nth(1).click();
  const reveal = await waitForPosted(page, "(m) => m.type === 'reveal'");
  assert.equal(reveal.line, 8);
  await page.close();
});

test('the cursor line highlights its arrow', async () => {
  const { page } = await open();
  await renderAndWait(
    page,
    renderMessage(readFileSync('examples/tcpdump-handshake.handshake', 'utf8')),
  );
  await send(page, { type: 'highlight', lines: [9] });
  await page.waitForSelector('#canvas svg .messageText.hs-active');
  // Both lines of its label, and nothing else.
  assert.equal(
    (await page.locator('#canvas svg .messageText.hs-active').allTextContents()).join(' '),
    'ACK seq=3626544837 ack=1739326487',
  );
  assert.equal(await count(page, '.messageLine0.hs-active, .messageLine1.hs-active'), 1);
  await page.close();
});

test('a render error shows in place and the last good diagram stays', async () => {
  const { page } = await open();
  const good = renderMessage(readFileSync('examples/tcpdump-handshake.handshake', 'utf8'));
  await renderAndWait(page, good);
  const broken = { ...renderMessage(''), source: 'sequenceDiagram\n  p0->>: broken ->>\n' };
  const result = await renderAndWait(page, broken);
  assert.equal(result.ok, false);
  assert.equal(await page.locator('#error').isVisible(), true);
  assert.match((await page.locator('#error').textContent()) ?? '', /could not be drawn/);
  assert.equal(await count(page, '.messageText'), labelLineCount(good.messages));
  await page.close();
});

test('a stale render is dropped when a newer one arrives', async () => {
  const { page } = await open();
  const big = renderMessage(readFileSync('examples/four-way-close.handshake', 'utf8'));
  const small = renderMessage(readFileSync('examples/connection-refused.handshake', 'utf8'));
  // Both in one turn of the page's event loop, as when edits come faster than drawing.
  await page.evaluate(
    ([a, b]) => {
      const w = globalThis as unknown as { postMessage(m: unknown, o: string): void };
      w.postMessage(a, '*');
      w.postMessage(b, '*');
    },
    [big, small],
  );
  await waitForPosted(page, `(m) => m.type === 'rendered' && m.version === ${small.version}`);
  await page.waitForTimeout(200);
  assert.equal(await count(page, '.messageText'), labelLineCount(small.messages));
  assert.equal(
    (await posted(page)).some((m) => m.type === 'rendered' && m.version === big.version),
    false,
  );
  await page.close();
});

/** Marks the drawn SVG element, to tell whether a later render replaced it. */
async function markDrawing(page: Page): Promise<void> {
  await page
    .locator('#canvas svg')
    .first()
    .evaluate((svg) => {
      (svg as unknown as { dataset: Record<string, string> }).dataset.probe = 'kept';
    });
}

async function drawingKept(page: Page): Promise<boolean> {
  return (await page.locator('#canvas svg[data-probe="kept"]').count()) === 1;
}

test('the same source sent again is not drawn again, but its status is shown', async () => {
  const { page } = await open();
  const text = readFileSync('examples/four-way-close.handshake', 'utf8');
  await renderAndWait(page, renderMessage(text));
  await markDrawing(page);
  const again = { ...renderMessage(text), problems: { errors: 2, warnings: 0 } };
  const result = await renderAndWait(page, again);
  assert.equal(result.ok, true);
  assert.equal(await drawingKept(page), true);
  assert.match((await page.locator('#status').textContent()) ?? '', /2/);
  // A different source is drawn.
  await renderAndWait(page, renderMessage(readFileSync('examples/lost-segment.handshake', 'utf8')));
  assert.equal(await drawingKept(page), false);
  await page.close();
});

test('the same source is drawn again after a theme change and after a failed render', async () => {
  const { page } = await open('vscode-light');
  const text = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
  await renderAndWait(page, renderMessage(text));
  await markDrawing(page);
  const broken = { ...renderMessage(''), source: 'sequenceDiagram\n  p0->>: broken ->>\n' };
  assert.equal((await renderAndWait(page, broken)).ok, false);
  // The last good diagram is still the one on the canvas: keeping it hides the error.
  await renderAndWait(page, renderMessage(text));
  assert.equal(await drawingKept(page), true);
  assert.equal(await page.locator('#error').isVisible(), false);
  await page.evaluate(() => {
    const body = (
      globalThis as unknown as {
        document: { body: { className: string; dataset: Record<string, string> } };
      }
    ).document.body;
    body.className = 'vscode-dark';
    body.dataset.vscodeThemeKind = 'vscode-dark';
  });
  await waitFor(page, `!document.querySelector('#canvas svg[data-probe="kept"]')`);
  assert.equal((await count(page, '.messageText')) > 0, true);
  await page.close();
});

test('a diagram too wide to read when fitted starts at actual size, its first participant in view', async () => {
  const { page } = await open();
  await page.setViewportSize({ width: 480, height: 700 });
  // Three participants: fitted into 480 px its labels would be below READABLE_PX.
  const text = readFileSync('examples/mitm-replaced-key.handshake', 'utf8');
  await renderAndWait(page, renderMessage(text));
  const inView = () =>
    page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } })
        .document;
      type Box = { getBoundingClientRect(): { left: number; right: number } };
      const all = (
        doc as unknown as { querySelectorAll(s: string): Iterable<Box> }
      ).querySelectorAll('#canvas svg rect.actor');
      const boxes = [...all].map((b) => b.getBoundingClientRect());
      const actor = boxes.reduce((a, b) => (b.left < a.left ? b : a));
      const view = (doc.querySelector('#viewport') as Box).getBoundingClientRect();
      return actor.left >= view.left && actor.right <= view.right;
    });
  assert.equal(await scaleOf(page), 1);
  assert.equal(await inView(), true);
  // A view the user moved stays where it is on the next render.
  await page.mouse.move(240, 300);
  await page.mouse.wheel(400, 0);
  await renderAndWait(page, renderMessage(text + '\n# edited\n'));
  assert.equal(await inView(), false);
  await page.close();
});

test('a fitted diagram keeps its scale while the scenario has errors, and refits once it has none', async () => {
  const { page } = await open();
  await page.setViewportSize({ width: 700, height: 700 });
  const text = readFileSync('examples/four-way-close.handshake', 'utf8');
  await renderAndWait(page, renderMessage(text));
  await page.click('[data-zoom="fit"]');
  const fitted = await scaleOf(page);
  // Typing `client` as `clinet` adds a third participant, with an error, for a moment.
  const typo = `${text}\nclinet -> server  ACK\n`;
  const withTypo = renderMessage(typo);
  assert.ok(withTypo.problems.errors > 0);
  await renderAndWait(page, withTypo);
  assert.equal(await page.locator('#canvas svg rect.actor').count(), 6, 'three participants');
  assert.equal(await scaleOf(page), fitted);
  // A wider diagram without errors is fitted again; so is a resized panel.
  const third = `${text.replace(/^(endpoint server.*)$/m, '$1\nendpoint observer')}\nobserver -> server  RST  seq=0\n`;
  const settled = renderMessage(third);
  await renderAndWait(page, { ...settled, problems: { errors: 0, warnings: 0 } });
  const refitted = await scaleOf(page);
  assert.ok(refitted < fitted, `${refitted} < ${fitted}`);
  await renderAndWait(page, renderMessage(typo));
  assert.equal(await scaleOf(page), refitted);
  await page.setViewportSize({ width: 500, height: 700 });
  await waitFor(
    page,
    `parseFloat(/scale\\(([\\d.]+)\\)/.exec(document.querySelector('#canvas').style.transform)[1]) < ${refitted}`,
  );
  await page.close();
});

test('zoom is kept across re-renders and saved in the webview state', async () => {
  const { page } = await open();
  const text = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
  await renderAndWait(page, renderMessage(text));
  await page.click('[data-zoom="reset"]');
  await page.click('[data-zoom="in"]');
  await page.click('[data-zoom="in"]');
  const transform = () =>
    page
      .locator('#canvas')
      .evaluate((e) => (e as unknown as { style: { transform: string } }).style.transform);
  const zoomed = await transform();
  assert.match(zoomed, /scale\(1\.44/);
  await renderAndWait(page, renderMessage(text + '\n# edited\n'));
  assert.equal(await transform(), zoomed);
  const state = (await page.evaluate('window.__state')) as {
    zoom: { scale: number };
    resource: string;
  };
  assert.equal(Math.round(state.zoom.scale * 100), 144);
  assert.equal(state.resource, 'file:///work/example.handshake');
  await page.close();
});

test('export: SVG text and a PNG image', async () => {
  const { page } = await open();
  await renderAndWait(
    page,
    renderMessage(readFileSync('examples/four-way-close.handshake', 'utf8')),
  );
  await send(page, { type: 'export', requestId: 1, format: 'svg' });
  const svg = await waitForPosted(page, "(m) => m.type === 'exported' && m.requestId === 1");
  assert.match(
    String(svg.data),
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  assert.match(String(svg.data), /FIN ACK seq=x\+19/);
  await send(page, { type: 'export', requestId: 2, format: 'png' });
  const png = await waitForPosted(page, "(m) => m.type === 'exported' && m.requestId === 2");
  const bytes = Buffer.from(String(png.data), 'base64');
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 10_000);
  await page.close();
});

test('malformed host messages are ignored', async () => {
  const { page, errors } = await open();
  await send(page, { type: 'render', version: 'x', source: 1 });
  await send(page, { type: 'highlight', lines: ['a'] });
  await send(page, { type: 'nonsense' });
  await page.waitForTimeout(100);
  assert.deepEqual(
    (await posted(page)).map((m) => m.type),
    ['ready'],
  );
  assert.deepEqual(errors, []);
  await page.close();
});
