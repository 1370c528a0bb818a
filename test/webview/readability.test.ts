import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/core/analysis/analyze';
import {
  launch,
  openPreview,
  renderAndWait,
  renderMessage,
  servePreview,
  type PreviewServer,
} from './browser';

/**
 * The preview at the widths of the panels users have (beside an editor: about 360 to 800 px),
 * in the real bundle: for every example, the size its arrow labels are drawn at (the scale the
 * panel chose × the font size) and whether the diagram overflows the panel. Screenshots of each
 * go to test-output/webview/widths/ for a person to look at.
 */
const OUTPUT = 'test-output/webview/widths';
const WIDTHS = [360, 500, 800, 1200] as const;
let browser: Browser;
let server: PreviewServer;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launch();
  server = await servePreview(() => 'vscode-light');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Reading {
  /** Arrow labels as drawn on screen, in CSS pixels. */
  readonly labelPx: number;
  /** The diagram is wider than the panel. */
  readonly overflows: boolean;
}

async function read(file: string, width: number): Promise<Reading> {
  const { page, errors } = await openPreview(browser, server);
  await page.setViewportSize({ width, height: 800 });
  const result = await renderAndWait(page, renderMessage(readFileSync(`examples/${file}`, 'utf8')));
  assert.equal(result.ok, true, String(result.error));
  const reading = (await page.evaluate(`(() => {
    const label = document.querySelector('#canvas svg .messageText');
    const svg = document.querySelector('#canvas svg').getBoundingClientRect();
    const view = document.getElementById('viewport').getBoundingClientRect();
    const scale = svg.width / document.querySelector('#canvas svg').viewBox.baseVal.width;
    return {
      labelPx: parseFloat(getComputedStyle(label).fontSize) * scale,
      overflows: svg.left < view.left - 0.5 || svg.right > view.right + 0.5,
    };
  })()`)) as Reading;
  await page.screenshot({ path: `${OUTPUT}/${file.replace('.handshake', '')}-${width}.png` });
  assert.deepEqual(errors, []);
  await page.close();
  return reading;
}

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.handshake'))
  .map((file) => ({
    file,
    parties: analyze(readFileSync(`examples/${file}`, 'utf8')).trace.endpoints.length,
  }));

describe('every example reads in a side panel', () => {
  for (const { file, parties } of examples) {
    test(`${file} (${parties} participants)`, async () => {
      const at = new Map<number, Reading>();
      for (const width of WIDTHS) at.set(width, await read(file, width));
      const show = [...at]
        .map(([w, r]) => `${w}px: ${r.labelPx.toFixed(1)}px${r.overflows ? ' overflows' : ''}`)
        .join(', ');
      // Never drawn smaller than readable, at any width.
      for (const reading of at.values()) assert.ok(reading.labelPx >= 10, show);
      if (parties <= 2) {
        // Two participants: the whole diagram fits a 500 px panel at 11 px or more, and a 360 px
        // one at 10 px or more.
        assert.ok(!at.get(500)?.overflows && (at.get(500)?.labelPx ?? 0) >= 11, show);
        assert.ok(!at.get(360)?.overflows && (at.get(360)?.labelPx ?? 0) >= 10, show);
      }
      // Three (a man in the middle): fits an 800 px panel at 11 px or more.
      assert.ok(!at.get(800)?.overflows && (at.get(800)?.labelPx ?? 0) >= 11, show);
      // A wide panel never blows a diagram up past its actual size.
      assert.ok((at.get(1200)?.labelPx ?? 0) <= 14.01, show);
    });
  }
});
