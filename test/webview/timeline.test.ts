import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  arrowLabels,
  launch,
  openPreview,
  posted,
  renderAndWait,
  renderMessage,
  send,
  servePreview,
  waitFor,
  type PreviewServer,
  type Theme,
} from './browser';

/**
 * The preview's timeline in headless Chromium with real Mermaid: the step control, the greyed
 * arrows, the endpoint table under the diagram and the predict mode. Screenshots go to
 * test-output/webview/.
 */
const OUTPUT = 'test-output/webview';
let browser: Browser;
let server: PreviewServer;
let theme: Theme = 'vscode-light';

const HTTPS = readFileSync('examples/https-rsa.handshake', 'utf8');

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launch();
  server = await servePreview(() => theme);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openWith(text: string, kind: Theme = 'vscode-light', width = 900) {
  theme = kind;
  const { page, errors } = await openPreview(browser, server);
  await page.setViewportSize({ width, height: 900 });
  const message = renderMessage(text);
  const result = await renderAndWait(page, message);
  assert.equal(result.ok, true, String(result.error));
  return { page, errors, message };
}

/** Which arrows (by index) carry a class on their line element. */
async function arrowsWith(page: Page, cls: string): Promise<number[]> {
  return (await page.evaluate(`[...document.querySelectorAll('#canvas svg .messageLine0, #canvas svg .messageLine1')]
    .map((e, i) => (e.classList.contains(${JSON.stringify(cls)}) ? i : -1)).filter((i) => i >= 0)`)) as number[];
}

/** The endpoint table's row for a field: the endpoints' cells in order. */
async function row(page: Page, field: string): Promise<string[]> {
  return page.locator(`#step-state tr[data-field="${field}"] td`).allTextContents();
}

async function stepCount(page: Page): Promise<string> {
  return (await page.locator('#step-count').textContent()) ?? '';
}

async function press(page: Page, key: string): Promise<void> {
  await page.locator('#viewport').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(key);
}

test('with no step chosen the diagram is as it was: nothing greyed, no table', async () => {
  const { page, errors, message } = await openWith(HTTPS);
  assert.equal(await page.locator('#timeline').isVisible(), true);
  assert.equal(await stepCount(page), `–/${message.messages.length}`);
  assert.deepEqual(await arrowsWith(page, 'hs-future'), []);
  assert.deepEqual(await arrowsWith(page, 'hs-current'), []);
  assert.equal(await page.locator('#step-state').isVisible(), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a host that sends no table offers no timeline', async () => {
  theme = 'vscode-light';
  const { page } = await openPreview(browser, server);
  const { steps: _steps, ...message } = renderMessage(HTTPS);
  const result = await renderAndWait(page, message);
  assert.equal(result.ok, true);
  assert.equal(await page.locator('#timeline').isVisible(), false);
  await page.close();
});

test('the buttons step through the handshake and move the cursor to each arrow', async () => {
  const { page, errors, message } = await openWith(HTTPS);
  const total = message.messages.length;
  await page.locator('#step-forward').click();
  assert.equal(await stepCount(page), `1/${total}`);
  assert.deepEqual(await arrowsWith(page, 'hs-current'), [0]);
  assert.deepEqual(
    await arrowsWith(page, 'hs-future'),
    Array.from({ length: total - 1 }, (_, i) => i + 1),
  );
  // After the SYN: RFC 9293 §3.4, the SYN occupies one sequence number.
  assert.deepEqual(await row(page, 'state'), ['SYN_SENT', 'SYN_RECEIVED']);
  assert.deepEqual(await row(page, 'sndUna'), ['x', '—']);
  assert.deepEqual(await row(page, 'sndNxt'), ['x+1', '—']);
  assert.deepEqual(await row(page, 'rcvNxt'), ['—', 'x+1']);
  assert.deepEqual(await row(page, 'inFlight'), ['1', '0']);
  // The notes of later steps (the states they lead to) are greyed with their arrows.
  assert.ok((await page.locator('#canvas svg .note.hs-future').count()) > 0);
  const reveal = (await posted(page)).filter((m) => m.type === 'reveal').at(-1);
  assert.deepEqual(reveal, {
    type: 'reveal',
    line: message.messages[0]?.line,
    preserveFocus: true,
  });
  await page.locator('#step-forward').click();
  assert.deepEqual(await row(page, 'state'), ['ESTABLISHED', 'SYN_RECEIVED']);
  await page.locator('#step-back').click();
  await page.locator('#step-back').click();
  assert.equal(await stepCount(page), `–/${total}`);
  assert.deepEqual(await arrowsWith(page, 'hs-future'), []);
  assert.equal(await page.locator('#step-state').isVisible(), false);
  assert.equal(await page.locator('#canvas svg .hs-future').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keys step on the diagram: Right, Left, Home, End, Escape; the slider too', async () => {
  const { page, message } = await openWith(HTTPS);
  const total = message.messages.length;
  await press(page, 'ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await stepCount(page), `2/${total}`);
  await page.keyboard.press('End');
  assert.equal(await stepCount(page), `${total}/${total}`);
  assert.deepEqual(await arrowsWith(page, 'hs-future'), []);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await stepCount(page), `${total - 1}/${total}`);
  await page.keyboard.press('Home');
  assert.equal(await stepCount(page), `1/${total}`);
  await page.keyboard.press('Escape');
  assert.equal(await stepCount(page), `–/${total}`);
  await page.locator('#step').fill('3');
  assert.equal(await stepCount(page), `3/${total}`);
  assert.deepEqual(await row(page, 'state'), ['ESTABLISHED', 'ESTABLISHED']);
  await page.close();
});

test('the TLS rows say what each side knows and which certificate it verified', async () => {
  const { page, message } = await openWith(HTTPS);
  const texts = message.rows.map((r) => r.message);
  const keyExchange = texts.indexOf('ClientKeyExchange') + 1;
  const hello = texts.indexOf('ClientHello') + 1;
  await page.locator('#step').fill(String(hello));
  assert.deepEqual(await row(page, 'knows'), ['r1', 'bank_key (private), r1']);
  await page.locator('#step').fill(String(keyExchange - 1));
  assert.equal((await row(page, 'knows'))[0], 'r1, r2');
  assert.deepEqual(await row(page, 'verified'), ['bank_cert', '—']);
  await page.locator('#step').fill(String(keyExchange));
  const [client, server_] = await row(page, 'knows');
  assert.match(client ?? '', /master\(pm, r1, r2\).*pm/);
  assert.match(server_ ?? '', /master\(pm, r1, r2\).*pm/);
  await page.close();
});

test('the timeline follows the cursor in the editor', async () => {
  const { page, message } = await openWith(HTTPS);
  const total = message.messages.length;
  await send(page, { type: 'highlight', lines: [message.messages[4]?.line] });
  assert.equal(await stepCount(page), `–/${total}`, 'off stays off');
  await page.locator('#step-forward').click();
  await send(page, { type: 'highlight', lines: [message.messages[4]?.line] });
  await waitFor(page, `document.getElementById('step-count').textContent === '5/${total}'`);
  await page.close();
});

test('echoes of its own cursor moves, arriving late, do not pull the step back', async () => {
  const { page, message } = await openWith(HTTPS);
  const total = message.messages.length;
  const line = (i: number) => message.messages[i]?.line;
  for (let i = 0; i < 3; i++) await page.locator('#step-forward').click();
  // The host answers each reveal with a highlight of that line, after the keys have moved on.
  for (const i of [0, 1, 2]) await send(page, { type: 'highlight', lines: [line(i)] });
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await stepCount(page), `3/${total}`);
  await send(page, { type: 'highlight', lines: [line(6)] });
  await waitFor(page, `document.getElementById('step-count').textContent === '7/${total}'`);
  await page.close();
});

test('predict mode hides the next arrow’s numbers until the step', async () => {
  const { page, message } = await openWith(HTTPS);
  await page.locator('#step-forward').click();
  await page.locator('#predict').click();
  assert.equal(await page.locator('#predict').getAttribute('aria-pressed'), 'true');
  let labels = await arrowLabels(page, message.messages);
  assert.match(labels[1] ?? '', /seq=\? ack=\?/);
  assert.doesNotMatch(labels[1] ?? '', /y|x\+1/);
  assert.match(labels[0] ?? '', /seq=x/);
  await page.locator('#step-forward').click();
  labels = await arrowLabels(page, message.messages);
  assert.match(labels[1] ?? '', /seq=y ack=x\+1/);
  assert.match(labels[2] ?? '', /seq=\? ack=\?/);
  await page.screenshot({ path: `${OUTPUT}/timeline-predict.png` });
  await page.locator('#predict').click();
  labels = await arrowLabels(page, message.messages);
  assert.match(labels[2] ?? '', /seq=x\+1 ack=y\+1/);
  await page.close();
});

test('predict mode also hides the value a wrong number should have had', async () => {
  const text = [
    'endpoint client 10.0.0.1:1000',
    'endpoint server 10.0.0.2:80',
    'server listen',
    'client -> server SYN seq=100',
    'server -> client SYN ACK seq=300 ack=100',
  ].join('\n');
  const { page, message } = await openWith(text);
  const before = await arrowLabels(page, message.messages);
  assert.match(before[1] ?? '', /should be 101/);
  await page.locator('#step-forward').click();
  await page.locator('#predict').click();
  const labels = await arrowLabels(page, message.messages);
  assert.doesNotMatch(labels[1] ?? '', /101|300/);
  assert.match(labels[1] ?? '', /should be \?/);
  await page.close();
});

for (const kind of ['vscode-light', 'vscode-dark'] as const) {
  test(`a 360 px side panel in ${kind}: the table fits or scrolls in itself`, async () => {
    const { page, errors, message } = await openWith(HTTPS, kind, 360);
    const texts = message.rows.map((r) => r.message);
    await page.locator('#step').fill(String(texts.indexOf('ClientKeyExchange') + 1));
    assert.equal(await page.locator('#step-state').isVisible(), true);
    const overflow = (await page.evaluate(
      `[document.documentElement.scrollWidth, document.body.scrollWidth, document.documentElement.clientWidth]`,
    )) as number[];
    assert.ok((overflow[0] ?? 0) <= 360 && (overflow[1] ?? 0) <= 360, String(overflow));
    const box = await page.locator('#step-state').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, JSON.stringify(box));
    const toolbar = await page.locator('#toolbar').boundingBox();
    assert.ok(toolbar && toolbar.x + toolbar.width <= 360, JSON.stringify(toolbar));
    await page.screenshot({ path: `${OUTPUT}/timeline-360-${kind.replace('vscode-', '')}.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('in 简体中文 the step control and the table speak Chinese', async () => {
  theme = 'vscode-dark';
  const { page, errors } = await openPreview(browser, server, 'zh-cn');
  await page.setViewportSize({ width: 360, height: 900 });
  const message = renderMessage(HTTPS);
  assert.equal((await renderAndWait(page, message)).ok, true);
  assert.equal(await page.locator('#predict').textContent(), '预测');
  await page.locator('#step-forward').click();
  assert.match((await page.locator('#step-state caption').textContent()) ?? '', /第 1 步之后/);
  assert.equal(
    await page.locator('#step-state tr[data-field="sndNxt"] th').textContent(),
    'SND.NXT',
  );
  await page.screenshot({ path: `${OUTPUT}/timeline-zh-cn.png` });
  assert.deepEqual(errors, []);
  await page.close();
});
