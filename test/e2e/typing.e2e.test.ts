import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { workbenchSession } from './session';
import {
  goTo,
  openFile,
  previewFrame,
  problems,
  runCommand,
  waitForCursor,
  waitUntil,
} from './workbench';

/**
 * A student's first minutes, at 1400×900: a new, empty scenario beside its preview, the
 * three-way handshake typed in as a person types (a misspelt name on the way, a wrong ack kept),
 * and what they see: the squiggled value in view, a verdict that agrees with the problems, the
 * states after each line, and a preview whose zoom holds still while they type.
 */
let page: Page;
const FILE = 'first.handshake';
const session = workbenchSession(
  {},
  {
    prepare: (server) => writeFileSync(join(server.workspace, FILE), ''),
    ready: (s) => ({ page } = s),
  },
);

/** Lines as typed; `ack=x` on the SYN ACK is the mistake the notes warn about. */
const LINES = [
  'endpoint client',
  'endpoint server',
  'server listen',
  'client -> server  SYN  seq=x',
  'server -> client  SYN ACK  seq=y  ack=x',
  'client -> server  ACK  seq=x+1  ack=y+1',
];

/** Types a line key by key, then closes any suggestion list so Enter only breaks the line. */
async function typeLine(text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 25 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
}

/** Every scale the preview's canvas has had since `watchScale`, in order, without repeats. */
async function scales(frame: Frame): Promise<number[]> {
  return (await frame.evaluate('window.__scales')) as number[];
}

test('typing the handshake beside the preview: the squiggle in view, one verdict, a steady zoom', async () => {
  await openFile(page, FILE);
  await runCommand(page, 'Handshake: Open Preview to the Side');
  const frame = await previewFrame(page);
  // Back to the editor, where the person types.
  await runCommand(page, 'View: Focus First Editor Group');
  await typeLine(LINES[0] ?? '');
  await typeLine(LINES[1] ?? '');
  await waitUntil(
    async () => (await frame.locator('#canvas svg rect.actor').count()) >= 4,
    'the two participants drawn',
  );
  // From now on, record every scale the canvas is drawn at.
  await frame.evaluate(`(() => {
    const canvas = document.querySelector('#canvas');
    const scale = () => Number(/scale\\(([\\d.]+)\\)/.exec(canvas.style.transform)?.[1] ?? NaN);
    window.__scales = [scale()];
    new MutationObserver(() => {
      const now = scale();
      if (window.__scales[window.__scales.length - 1] !== now) window.__scales.push(now);
    }).observe(canvas, { attributes: true, attributeFilter: ['style'] });
  })()`);
  await typeLine(LINES[2] ?? '');
  // A slip: `clinet` is a third participant, with an error, until it is corrected.
  await page.keyboard.type('clinet -> server  SYN', { delay: 25 });
  await waitUntil(
    async () => (await frame.locator('#canvas svg rect.actor').count()) === 6,
    'the misspelt participant drawn',
  );
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  for (const line of LINES.slice(3)) await typeLine(line);
  await page.keyboard.press('Control+S');
  await session.shot('typing-0-typed');

  await waitUntil(async () => /^Errors: 1\b/.test(await problems(page)), 'Errors: 1');
  await waitUntil(
    async () =>
      (await frame.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) >= 3 &&
      (await frame.locator('#canvas svg rect.actor').count()) === 4,
    'the three segments drawn between two participants',
  );
  await session.shot('typing-1-side-by-side');

  // The squiggled value is on screen: inside the editor's text area, left of the minimap.
  const squiggle = page.locator('.monaco-editor .squiggly-error').first();
  await squiggle.waitFor();
  const box = await squiggle.boundingBox();
  const text = await page.locator('.monaco-editor .lines-content').first().boundingBox();
  const editor = await page.locator('.monaco-editor .overflow-guard').first().boundingBox();
  const minimap = await page.locator('.monaco-editor .minimap').first().boundingBox();
  assert.ok(box && text && editor, 'boxes');
  assert.ok(box.x >= editor.x && box.x + box.width <= editor.x + editor.width, 'inside the editor');
  if (minimap && minimap.width > 0)
    assert.ok(box.x + box.width <= minimap.x, 'left of the minimap');
  // The start of every line is in view: the editor is not scrolled sideways.
  assert.ok(text.x >= editor.x - 1, `not scrolled sideways (${text.x} < ${editor.x})`);

  // One verdict: the CodeLens counts the problem the status bar counts, and the handshake is
  // not called done while its SYN ACK carries the error.
  const lens = page.locator('.monaco-editor .codelens-decoration').first();
  await waitUntil(async () => /1 problem/.test((await lens.textContent()) ?? ''), 'the lens');
  const verdict = (await lens.textContent()) ?? '';
  assert.doesNotMatch(verdict, /handshake ✓/, verdict);
  const header = (await frame.locator('#status').textContent()) ?? '';
  assert.match(header, /1/, header);

  // The states after each segment line are shown after the line's end (not mid-line), and the
  // value the squiggle points at was not pushed right by any hint.
  const after =
    (await page.evaluate(`[...document.querySelectorAll('.monaco-editor .view-line span')]
    .map((e) => getComputedStyle(e, '::after').content)
    .filter((c) => c && c !== 'none' && c.includes('→'))`)) as string[];
  assert.ok(
    after.some((c) => c.includes('ESTABLISHED')),
    JSON.stringify(after),
  );

  // End on a line with its states after it: the caret stops at the text's end, before the
  // states, and the editor does not scroll sideways to reach it.
  await goTo(page, 4, 1);
  await page.keyboard.press('End');
  await waitForCursor(page, 4, (LINES[3] ?? '').length + 1);
  const scrolled = await page.locator('.monaco-editor .lines-content').first().boundingBox();
  assert.ok(scrolled && scrolled.x >= editor.x - 1, 'End does not scroll sideways');
  const caret = await page.locator('.monaco-editor .cursor').first().boundingBox();
  assert.ok(caret && caret.x < editor.x + editor.width, 'the caret in view');

  // The zoom held still while typing: the slip's third participant did not shrink the diagram.
  const seen = await scales(frame);
  assert.equal(new Set(seen).size, 1, `scales while typing: ${seen.join(', ')}`);
  await session.shot('typing-2-done');
});

test('nothing was requested from outside this machine while typing', () => {
  assert.deepEqual(session.outside, []);
});
