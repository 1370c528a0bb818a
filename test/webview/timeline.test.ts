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
  savedState,
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

test('predict mode hides every number and the payload of the next arrow: seq, ack, win, len', async () => {
  const request = 'GET /index.html HTTP/1.1\\r\\nHost: bank.example\\r\\nAccept: */*\\r\\n\\r\\n';
  const text = [
    'endpoint client 10.0.0.1:1000',
    'endpoint server 10.0.0.2:80',
    'server listen',
    'client -> server SYN seq=100 win=64240',
    'server -> client SYN ACK seq=300 ack=101 win=65160',
    'client -> server ACK seq=101 ack=301 win=502',
    `client -> server PSH ACK seq=101 ack=301 win=502 len=60 "${request}"`,
    'server -> client ACK seq=301 ack=161 win=509',
  ].join('\n');
  const { page, errors, message } = await openWith(text);
  const shown = await arrowLabels(page, message.messages);
  assert.match(shown[3] ?? '', /len=60/);
  assert.match(shown[3] ?? '', /GET \/index/);
  // The payload runs over more than one line of the label: the hiding must carry over.
  assert.ok((message.messages[3]?.labelLines ?? 0) >= 3, String(message.messages[3]?.labelLines));
  for (let i = 0; i < 3; i++) await page.locator('#step-forward').click();
  await page.locator('#predict').click();
  let labels = await arrowLabels(page, message.messages);
  assert.match(labels[3] ?? '', /^PSH ACK seq=\? ack=\? win=\? len=\? "\?"/);
  assert.doesNotMatch(labels[3] ?? '', /\d|GET|Host|Accept/);
  assert.equal(labels[2], shown[2], 'the arrow just stepped over keeps its numbers');
  assert.equal(labels[4], shown[4], 'a later arrow is greyed, not hidden');
  await page.locator('#step-forward').click();
  labels = await arrowLabels(page, message.messages);
  assert.equal(labels[3], shown[3]);
  assert.match(labels[4] ?? '', /^ACK seq=\? ack=\? win=\?$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('predict mode hides a TLS message’s payload too', async () => {
  const { page, message } = await openWith(HTTPS);
  const texts = message.rows.map((r) => r.message);
  const request = texts.indexOf('ApplicationData');
  await page.locator('#step').fill(String(request));
  await page.locator('#predict').click();
  const labels = await arrowLabels(page, message.messages);
  assert.match(labels[request] ?? '', /ApplicationData "\?"/);
  assert.doesNotMatch(labels[request] ?? '', /GET/);
  await page.close();
});

test('a debugger stop moves the whole timeline to its step: counter, slider, table, greyed arrows', async () => {
  const { page, errors, message } = await openWith(HTTPS);
  const total = message.messages.length;
  const postedBefore = (await posted(page)).length;
  // Off: a debugger stop turns the timeline on at the stop (a cursor move would not).
  await send(page, { type: 'highlight', lines: [message.messages[2]?.line], debugStop: true });
  await waitFor(page, `document.getElementById('step-count').textContent === '3/${total}'`);
  assert.equal(await page.locator('#step').inputValue(), '3');
  assert.deepEqual(await arrowsWith(page, 'hs-current'), [2]);
  assert.deepEqual(
    await arrowsWith(page, 'hs-future'),
    Array.from({ length: total - 3 }, (_, i) => i + 3),
  );
  assert.deepEqual(await row(page, 'state'), ['ESTABLISHED', 'ESTABLISHED']);
  assert.equal(await page.locator('#step-state caption').isVisible(), true);
  assert.equal(await page.locator('#step-back').isDisabled(), false);
  // Further on, and back: Step Back in the debugger moves the timeline back.
  await send(page, { type: 'highlight', lines: [message.messages[7]?.line], debugStop: true });
  await waitFor(page, `document.getElementById('step-count').textContent === '8/${total}'`);
  await send(page, { type: 'highlight', lines: [message.messages[1]?.line], debugStop: true });
  await waitFor(page, `document.getElementById('step-count').textContent === '2/${total}'`);
  assert.equal(await page.locator('#step').inputValue(), '2');
  assert.deepEqual(await arrowsWith(page, 'hs-current'), [1]);
  // A stop on a line with no arrow shows the arrows before it: `server listen` none of them.
  const listen = HTTPS.split('\n').findIndex((l) => l.startsWith('server listen'));
  await send(page, { type: 'highlight', lines: [listen], debugStop: true });
  await waitFor(page, `document.getElementById('step-count').textContent === '–/${total}'`);
  const expectLine = HTTPS.split('\n').findIndex((l) => l.startsWith('expect client'));
  await send(page, { type: 'highlight', lines: [expectLine], debugStop: true });
  await waitFor(page, `document.getElementById('step-count').textContent === '${total}/${total}'`);
  // The editor is already on the debugger's line: the page does not move the cursor.
  const reveals = (await posted(page)).slice(postedBefore).filter((m) => m.type === 'reveal');
  assert.deepEqual(reveals, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the step and the predict mode survive a reload of the page (hidden and shown, or restored)', async () => {
  const { page, message } = await openWith(HTTPS);
  const total = message.messages.length;
  for (let i = 0; i < 3; i++) await page.locator('#step-forward').click();
  await page.locator('#predict').click();
  const state = (await savedState(page)) as Record<string, unknown>;
  assert.deepEqual(state.timeline, {
    step: 3,
    line: message.messages[2]?.line,
    predicting: true,
  });
  assert.equal(state.resource, message.resource, 'the rest of the state is kept');
  await page.close();

  // VS Code loads the page again with what it kept.
  theme = 'vscode-light';
  const again = await openPreview(browser, server, 'en', state);
  assert.equal((await renderAndWait(again.page, renderMessage(HTTPS))).ok, true);
  assert.equal(await stepCount(again.page), `3/${total}`);
  assert.equal(await again.page.locator('#step').inputValue(), '3');
  assert.equal(await again.page.locator('#predict').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await arrowsWith(again.page, 'hs-current'), [2]);
  assert.deepEqual(await row(again.page, 'state'), ['ESTABLISHED', 'ESTABLISHED']);
  assert.match((await arrowLabels(again.page, message.messages))[3] ?? '', /ClientHello/);
  assert.deepEqual(
    ((await savedState(again.page)) as Record<string, unknown>).timeline,
    state.timeline,
  );
  assert.deepEqual(again.errors, []);
  await again.page.close();

  // The text changed while the panel was away: the step is found again by its line.
  const edited = HTTPS.replace('server listen\n', 'server listen\n\n# a comment\n');
  const moved = await openPreview(browser, server, 'en', {
    ...state,
    timeline: { step: 3, line: (message.messages[2]?.line ?? 0) + 2, predicting: false },
  });
  assert.equal((await renderAndWait(moved.page, renderMessage(edited))).ok, true);
  assert.equal(await stepCount(moved.page), `3/${total}`);
  await moved.page.close();

  // What is not a timeline state is not read.
  for (const timeline of [{ step: 'three', line: 2, predicting: true }, { step: -4 }, 'x']) {
    const bad = await openPreview(browser, server, 'en', { ...state, timeline });
    assert.equal((await renderAndWait(bad.page, renderMessage(HTTPS))).ok, true);
    assert.equal(await stepCount(bad.page), `–/${total}`);
    assert.equal(await bad.page.locator('#predict').getAttribute('aria-pressed'), 'false');
    assert.deepEqual(bad.errors, []);
    await bad.page.close();
  }
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

test('a 500 px panel on a captured HTTPS connection: the windows the capture carried, scaled', async () => {
  const captured = readFileSync('examples/captured-https.handshake', 'utf8');
  const { page, errors, message } = await openWith(captured, 'vscode-light', 500);
  const texts = message.rows.map((r) => r.message);
  await page.locator('#step').fill(String(texts.indexOf('ClientKeyExchange') + 1));
  // Both SYNs carried wscale=10 (RFC 7323 §2.2): the server's win=64 is 65536 bytes, the
  // client's win=85 87040. SND.WND is the peer's, RCV.WND its own (RFC 9293 §3.3.1).
  assert.deepEqual(await row(page, 'sndWnd'), ['65536', '87040']);
  assert.deepEqual(await row(page, 'rcvWnd'), ['87040', '65536']);
  assert.deepEqual(await row(page, 'state'), ['ESTABLISHED', 'ESTABLISHED']);
  const overflow = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(overflow <= 500, String(overflow));
  // The README's picture of the timeline (docs/images/preview-timeline.png).
  await page.screenshot({ path: `${OUTPUT}/timeline-500-capture.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

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
