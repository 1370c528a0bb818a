import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { lines, OPEN } from '../helpers';
import {
  launch,
  openPreview,
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
 * The preview's table view in the real webview bundle, in headless Chromium: the switch, the
 * rows, click to source, error rows, the cursor's row, themes, the saved view and hostile text.
 * Screenshots at 360 and 800 px go to test-output/webview/ for a person to look at.
 */
const OUTPUT = 'test-output/webview';
let browser: Browser;
let server: PreviewServer;
let theme: Theme = 'vscode-light';

const example = (name: string) => readFileSync(`examples/${name}.handshake`, 'utf8');

async function open(
  kind: Theme = 'vscode-light',
  lang: 'en' | 'zh-cn' = 'en',
): Promise<{ page: Page; errors: string[] }> {
  theme = kind;
  return openPreview(browser, server, lang);
}

/** Opens the preview, draws `text` and switches to the table with the toolbar's button. */
async function openTable(
  text: string,
  kind: Theme = 'vscode-light',
): Promise<{ page: Page; errors: string[] }> {
  const opened = await open(kind);
  await renderAndWait(opened.page, renderMessage(text));
  await opened.page.getByRole('button', { name: 'Table' }).click();
  return opened;
}

/** The cells of each step's row as a person reads them: lines joined by ' / ', no-break spaces as spaces. */
async function cells(page: Page): Promise<string[][]> {
  return page.locator('#table tr.hs-step').evaluateAll((rows) =>
    rows.map((row) =>
      [...(row as unknown as { cells: Iterable<{ innerText: string }> }).cells].map((cell) =>
        cell.innerText
          .trim()
          .replace(/\n+/g, ' / ')
          .replace(/\u00a0/g, ' '),
      ),
    ),
  );
}

/** A computed style property of the first element `selector` matches. */
async function style(page: Page, selector: string, property: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (element, name) =>
        (
          globalThis as unknown as {
            getComputedStyle(e: unknown): { getPropertyValue(n: string): string };
          }
        )
          .getComputedStyle(element)
          .getPropertyValue(name),
      property,
    );
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

test('the toolbar switch shows the table: one row per segment, each side’s state after it', async () => {
  const { page, errors } = await open();
  await renderAndWait(page, renderMessage(example('tcpdump-handshake')));
  assert.equal(await page.locator('#table').isVisible(), false);
  assert.equal(await style(page, '#viewport', 'visibility'), 'visible');
  await page.getByRole('button', { name: 'Table' }).click();
  assert.equal(await page.locator('#table').isVisible(), true);
  assert.equal(await style(page, '#viewport', 'visibility'), 'hidden');
  assert.equal(
    await page.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed'),
    'true',
  );
  // Zooming means nothing to a table.
  assert.equal(await page.locator('[data-zoom="fit"]').isVisible(), false);
  assert.deepEqual(await page.locator('#table th').allInnerTexts(), [
    '#',
    'from → to',
    'flags / message',
    'seq',
    'ack',
    'len',
    'state after',
    'problems',
  ]);
  assert.deepEqual(await cells(page), [
    ['8', 'client → server', 'SYN', '3626544836', '', '0', 'SYN_SENT / SYN_RECEIVED', ''],
    [
      '9',
      'server → client',
      'SYN ACK',
      '1739326486',
      '3626544837',
      '0',
      'SYN_RECEIVED / ESTABLISHED',
      '',
    ],
    [
      '10',
      'client → server',
      'ACK',
      '3626544837',
      '1739326487',
      '0',
      'ESTABLISHED / ESTABLISHED',
      '',
    ],
    [
      '11',
      'client → server',
      'PSH ACK / "GET / HTTP/1.1"',
      '3626544837',
      '1739326487',
      '18',
      'ESTABLISHED / ESTABLISHED',
      '',
    ],
  ]);
  // Without problems the table has no use for their column; the status line says so.
  assert.equal(await page.locator('#table th.hs-col-problems').isVisible(), false);
  // A state the step changed stands out from one it left as it was.
  assert.deepEqual(
    await page.locator('#table tr.hs-step').nth(2).locator('.hs-state.hs-changed').allInnerTexts(),
    ['ESTABLISHED'],
  );
  await page.getByRole('button', { name: 'Diagram' }).click();
  assert.equal(await page.locator('#table').isVisible(), false);
  assert.equal(await style(page, '#viewport', 'visibility'), 'visible');
  assert.deepEqual(errors, []);
  await page.close();
});

test('numbers follow the numbers setting, as in the diagram', async () => {
  const { page } = await open();
  await renderAndWait(page, renderMessage(example('tcpdump-handshake'), { numbers: 'relative' }));
  await page.getByRole('button', { name: 'Table' }).click();
  assert.deepEqual(
    (await cells(page)).map((row) => row.slice(3, 5)),
    [
      ['0', ''],
      ['0', '1'],
      ['1', '1'],
      ['1', '1'],
    ],
  );
  await page.close();
});

test('TLS messages are rows with their fields, without TCP numbers', async () => {
  const { page, errors } = await openTable(example('tls13'));
  const rows = await cells(page);
  assert.equal(rows.length, 11);
  assert.deepEqual(rows[1], [
    '14',
    'server → client',
    'HelloRetryRequest / group=secp256r1',
    '',
    '',
    '',
    '',
    '',
  ]);
  assert.equal(await page.locator('#table tr.hs-tls').count(), 11);
  assert.deepEqual(errors, []);
  await page.close();
});

describe('a row links to its source line', () => {
  test('clicking a row asks the host to reveal its line, as clicking its arrow does', async () => {
    const { page } = await openTable(example('tcpdump-handshake'));
    await page.locator('#table tr.hs-step').nth(1).click();
    const reveal = await waitForPosted(page, "(m) => m.type === 'reveal'");
    assert.equal(reveal.line, 8);
    await page.close();
  });

  test('the line of a row’s problems links to it too, and Enter on a focused row', async () => {
    const { page } = await openTable(example('mistakes'));
    await page.locator('#table tr.hs-problems-row[data-line="10"]').click();
    await waitForPosted(page, "(m) => m.type === 'reveal' && m.line === 10");
    await page.locator('#table tr.hs-step[data-line="12"]').focus();
    await page.keyboard.press('Enter');
    await waitForPosted(page, "(m) => m.type === 'reveal' && m.line === 12");
    await page.close();
  });
});

test('faulty rows are drawn in the error colour, with their problems spelled out', async () => {
  const { page, errors } = await openTable(example('mistakes'));
  const faulty = page.locator('#table tr.hs-step.hs-faulty');
  const message = renderMessage(example('mistakes'));
  assert.equal(await faulty.count(), message.messages.filter((m) => m.faulty).length);
  // --vscode-errorForeground of the light theme, #e51400.
  assert.equal(await style(page, '#table tr.hs-step.hs-faulty td', 'color'), 'rgb(229, 20, 0)');
  assert.notEqual(
    await style(page, '#table tr.hs-step:not(.hs-faulty) td', 'color'),
    'rgb(229, 20, 0)',
  );
  assert.equal(await page.locator('#table th.hs-col-problems').isVisible(), true);
  const wrongAck = page.locator('#table tr.hs-step[data-line="7"]');
  assert.deepEqual((await wrongAck.locator('td').allInnerTexts()).slice(4), [
    '3626544836 ✗ should be 3626544837',
    '0',
    'SYN_RECEIVED\nESTABLISHED',
    'HS101',
  ]);
  assert.match(
    await page.locator('#table tr.hs-problems-row[data-line="7"]').innerText(),
    /^HS101 ack should be 3626544837: the SYN client sent at line 7/,
  );
  await page.setViewportSize({ width: 800, height: 700 });
  await page.screenshot({ path: `${OUTPUT}/table-mistakes-800.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the row under the editor’s cursor is highlighted, like its arrow', async () => {
  const { page } = await openTable(example('tcpdump-handshake'));
  const plain = await style(page, '#table tr.hs-step[data-line="9"] td', 'background-color');
  await send(page, { type: 'highlight', lines: [9] });
  await page.waitForSelector('#table tr.hs-step.hs-active');
  assert.deepEqual(
    await page
      .locator('#table tr.hs-active')
      .evaluateAll((rows) =>
        rows.map((row) => (row as unknown as { dataset: { line: string } }).dataset.line),
      ),
    ['9'],
  );
  assert.notEqual(
    await style(page, '#table tr.hs-step[data-line="9"] td', 'background-color'),
    plain,
  );
  // The arrow is highlighted too: one cursor, both views.
  assert.equal(
    await page.locator('#canvas svg :is(.messageLine0, .messageLine1).hs-active').count(),
    1,
  );
  // The highlight stays on the next render of the same text.
  await renderAndWait(page, renderMessage(example('tcpdump-handshake') + '\n# edited\n'));
  assert.equal(await page.locator('#table tr.hs-step.hs-active').count(), 1);
  await page.close();
});

test('the cursor’s row is scrolled into view below the sticky header', async () => {
  const body = [...OPEN];
  for (let i = 0; i < 80; i++) body.push(`client -> server PSH ACK seq=x+${1 + i} ack=y+1 len=1`);
  const { page } = await openTable(lines(...body));
  await page.setViewportSize({ width: 360, height: 500 });
  await send(page, { type: 'highlight', lines: [70] });
  await page.waitForSelector('#table tr.hs-step.hs-active');
  const box = async (selector: string) => {
    const found = await page.locator(selector).first().boundingBox();
    assert.ok(found, selector);
    return { top: found.y, bottom: found.y + found.height };
  };
  const boxes = {
    table: await box('#table'),
    header: await box('#table th'),
    row: await box('#table tr.hs-active'),
  };
  assert.ok(boxes.row.top >= boxes.header.bottom - 1, JSON.stringify(boxes));
  assert.ok(boxes.row.bottom <= boxes.table.bottom + 1, JSON.stringify(boxes));
  // The header is where it was: at the top of the scrolled table.
  assert.ok(Math.abs(boxes.header.top - boxes.table.top) <= 1, JSON.stringify(boxes));
  await page.close();
});

describe('the table takes its colours from the theme’s variables', () => {
  // --vscode-editor-background, -foreground and --vscode-errorForeground as browser.ts sets them.
  const themes: { kind: Theme; background: string; text: string; error: string }[] = [
    {
      kind: 'vscode-light',
      background: 'rgb(255, 255, 255)',
      text: 'rgb(31, 31, 31)',
      error: 'rgb(229, 20, 0)',
    },
    {
      kind: 'vscode-dark',
      background: 'rgb(31, 31, 31)',
      text: 'rgb(204, 204, 204)',
      error: 'rgb(248, 81, 73)',
    },
    {
      kind: 'vscode-high-contrast',
      background: 'rgb(0, 0, 0)',
      text: 'rgb(255, 255, 255)',
      error: 'rgb(244, 135, 113)',
    },
    {
      kind: 'vscode-high-contrast-light',
      background: 'rgb(255, 255, 255)',
      text: 'rgb(41, 41, 41)',
      error: 'rgb(181, 32, 13)',
    },
  ];
  for (const { kind, background, text, error } of themes) {
    test(kind, async () => {
      const { page, errors } = await openTable(example('mistakes'), kind);
      // The sticky header hides the rows scrolled under it.
      assert.equal(await style(page, '#table th', 'background-color'), background);
      assert.equal(await style(page, '#table tr.hs-step:not(.hs-faulty) td', 'color'), text);
      assert.equal(await style(page, '#table tr.hs-step.hs-faulty td', 'color'), error);
      await page.setViewportSize({ width: 800, height: 700 });
      await page.screenshot({
        path: `${OUTPUT}/table-mistakes-${kind.replace('vscode-', '')}-800.png`,
      });
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});

test('the view survives a reload through the webview state', async () => {
  const { page } = await openTable(example('tcpdump-handshake'));
  const state = (await page.evaluate('window.__state')) as { view: string; resource: string };
  assert.equal(state.view, 'table');
  assert.equal(state.resource, 'file:///work/example.handshake');
  // VS Code hands the saved state back to the reloaded page.
  await page.addInitScript(`window.__state = ${JSON.stringify(state)};`);
  await page.reload();
  await waitForPosted(page, "(m) => m.type === 'ready'");
  assert.equal(await page.evaluate('document.body.dataset.view'), 'table');
  assert.equal(
    await page.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed'),
    'true',
  );
  await renderAndWait(page, renderMessage(example('tcpdump-handshake')));
  assert.equal(await page.locator('#table tr.hs-step').count(), 4);
  assert.equal(await page.locator('#table').isVisible(), true);
  await page.close();
});

test('rows respect the window of maxSegments, like the diagram', async () => {
  const body = [...OPEN];
  for (let i = 0; i < 60; i++) body.push(`client -> server PSH ACK seq=x+${1 + i} ack=y+1 len=1`);
  const { page } = await open();
  const message = renderMessage(lines(...body), { maxSegments: 20 });
  await renderAndWait(page, message);
  await page.getByRole('button', { name: 'Table' }).click();
  assert.equal(await page.locator('#table tr.hs-step').count(), 20);
  assert.equal(message.rows.length, message.messages.length);
  await page.close();
});

test('hostile scenario text in a row is shown as text and runs nothing', async () => {
  const payload = '<img src=x onerror="window.__pwned=1">';
  const dsl = payload.replace(/"/g, '\\"');
  const text = lines(
    `scenario "${dsl}"`,
    ...OPEN,
    `client -> server PSH ACK seq=x+1 ack=y+1 len=3 "${dsl}"`,
  );
  const { page, errors } = await openTable(text);
  const detail = await page.locator('#table tr.hs-step').last().locator('.hs-detail').innerText();
  assert.equal(detail, `"${payload}"`);
  assert.equal(await page.locator('#table img, #table script').count(), 0);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test('under a Chinese display language the table speaks Chinese', async () => {
  const { page, errors } = await open('vscode-light', 'zh-cn');
  await renderAndWait(page, renderMessage(example('tcpdump-handshake')));
  await page.getByRole('button', { name: '表格' }).click();
  assert.deepEqual(await page.locator('#table th').allInnerTexts(), [
    '#',
    '发送方 → 接收方',
    '标志位 / 消息',
    'seq',
    'ack',
    'len',
    '之后的状态',
    '问题',
  ]);
  assert.deepEqual(errors, []);
  await page.close();
});

describe('readable in a narrow panel and a wide one', () => {
  const examples = [
    'tcpdump-handshake',
    'mistakes',
    'lost-segment',
    'captured-https',
    'mitm-replaced-key',
  ];
  for (const width of [360, 800]) {
    for (const name of examples) {
      test(`${name} at ${width} px: no sideways scrolling, text at least 11 px`, async () => {
        const { page, errors } = await openTable(example(name));
        await page.setViewportSize({ width, height: 800 });
        // First, so that a failure can be looked at.
        await page.screenshot({ path: `${OUTPUT}/table-${name}-${width}.png`, fullPage: false });
        const fit = await page.evaluate(() => {
          const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } })
            .document;
          const table = doc.querySelector('#table') as { scrollWidth: number; clientWidth: number };
          return { scrollWidth: table.scrollWidth, clientWidth: table.clientWidth };
        });
        assert.ok(fit.scrollWidth <= fit.clientWidth, JSON.stringify(fit));
        // However narrow, every problem is spelled out under its row.
        const problems = page.locator('#table tr.hs-problems-row');
        for (let i = 0; i < (await problems.count()); i++) {
          assert.equal(await problems.nth(i).isVisible(), true);
        }
        const sizes = await page
          .locator('#table td, #table th')
          .evaluateAll((elements) =>
            elements.map((element) =>
              parseFloat(
                (
                  globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }
                ).getComputedStyle(element).fontSize,
              ),
            ),
          );
        assert.ok(Math.min(...sizes) >= 11, `smallest text ${Math.min(...sizes)} px`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  }
});

test('the table follows a theme switch without a redraw', async () => {
  const { page } = await openTable(example('mistakes'));
  const light = await style(page, '#table tr.hs-step.hs-faulty td', 'color');
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      document: {
        documentElement: { style: { setProperty(n: string, v: string): void } };
        body: { className: string; dataset: Record<string, string> };
      };
    };
    // VS Code changes the variables on <html> and the class of <body>.
    w.document.documentElement.style.setProperty('--vscode-errorForeground', '#f85149');
    w.document.body.className = 'vscode-dark';
    w.document.body.dataset.vscodeThemeKind = 'vscode-dark';
  });
  await waitFor(
    page,
    `getComputedStyle(document.querySelector('#table tr.hs-faulty td')).color === 'rgb(248, 81, 73)'`,
  );
  assert.notEqual(light, 'rgb(248, 81, 73)');
  await page.close();
});
