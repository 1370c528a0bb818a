import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  launch,
  openPreview,
  renderAndWait,
  renderMessage,
  servePreview,
} from '../test/webview/browser';
import { generateScenario } from '../test/support/generateScenario';
import { median } from './stats';

/**
 * `npm run bench` (second part): how long the preview takes to draw scenarios of 10, 100, 500
 * and 2,000 segments in headless Chromium, from the host's message to the webview's "rendered"
 * reply, with the real bundle. At 2,000 segments it also draws the window the panel shows by
 * default (`handshake.preview.maxSegments` = 300) and times a highlight round trip.
 * Targets: 100 segments in under 300 ms; at 2,000 the panel answers within a second.
 *
 * First, the path a user runs when they open the preview: a new page (its own browser context,
 * nothing cached) loads the preview's HTML, its script and the bundled Mermaid, says `ready`,
 * and draws the tcpdump example: timed from the page's creation to its `rendered` reply. (The
 * extension host's part before it, analysing the file, is the checker's inner pass: bench/run.ts.)
 * Target: the first diagram within a second.
 */
const SIZES = [10, 100, 500, 2000];
const RUNS = 5;
const DEFAULT_WINDOW = 300;

async function main(): Promise<void> {
  const browser = await launch();
  const server = await servePreview(() => 'vscode-light');
  const example = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
  const cold: number[] = [];
  const sinceNavigation: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // The host's message is made first: analysing the file is the checker's part (bench/run.ts).
    const message = renderMessage(example);
    const started = performance.now();
    const opened = await openPreview(browser, server);
    const result = await renderAndWait(opened.page, message);
    cold.push(performance.now() - started);
    // The page's own clock starts at its navigation: the part without the browser's new context.
    sinceNavigation.push(Number(await opened.page.evaluate('performance.now()')));
    if (!result.ok) throw new Error(`the tcpdump example failed to draw: ${String(result.error)}`);
    await opened.page.context().close();
  }
  const { page } = await openPreview(browser, server);
  const rows: string[] = [];
  const report = (label: string, ms: number[], inPage: number[], chars: number) =>
    rows.push(
      `${label.padEnd(26)} ${median(ms).toFixed(0).padStart(8)} ${median(inPage).toFixed(0).padStart(9)} ${chars
        .toLocaleString('en')
        .padStart(11)}`,
    );
  for (const segments of SIZES) {
    const { text } = generateScenario({
      seed: 3,
      segments: Math.max(segments, 7),
      numbering: 'symbolic',
    });
    const windows =
      segments === 2000 ? [Number.POSITIVE_INFINITY, DEFAULT_WINDOW] : [Number.POSITIVE_INFINITY];
    for (const max of windows) {
      const times: number[] = [];
      const inPage: number[] = [];
      let chars = 0;
      // Each run's source differs (a Mermaid comment), as after an edit: the page keeps a drawing
      // whose source has not changed, and that would time nothing.
      const message = (run: number) => {
        const m = renderMessage(text, { maxSegments: max });
        return { ...m, source: `${m.source}%% run ${run}\n` };
      };
      await renderAndWait(page, message(-1)); // warm-up
      for (let run = 0; run < RUNS; run++) {
        const m = message(run);
        chars = m.source.length;
        const started = performance.now();
        const result = await renderAndWait(page, m);
        times.push(performance.now() - started);
        inPage.push(Number(result.ms));
        if (!result.ok) throw new Error(`render failed at ${segments}: ${String(result.error)}`);
      }
      report(
        max === DEFAULT_WINDOW ? `${segments} (window of ${max})` : String(segments),
        times,
        inPage,
        chars,
      );
    }
  }
  // Responsiveness with 2,000 segments drawn: a cursor move's highlight, host to page and back.
  const highlight: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await page.evaluate(`window.postMessage({ type: 'highlight', lines: [${100 + run}] }, '*')`);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(0)))');
    highlight.push(performance.now() - started);
  }
  await browser.close();
  await server.close();
  const firstMs = median(cold);
  console.log(
    `\nOpen Preview to the first diagram, the tcpdump example, a new page each time (median of ${RUNS}): ${firstMs.toFixed(0)} ms from the page's creation, ${median(sinceNavigation).toFixed(0)} ms from its navigation; target within 1,000 ms: ${firstMs <= 1000 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `\nPreview rendering in headless Chromium (median of ${RUNS} runs, after a warm-up)\n`,
  );
  console.log(
    `${'segments'.padEnd(26)} ${'total ms'.padStart(8)} ${'in page'.padStart(9)} ${'mermaid chars'.padStart(11)}`,
  );
  console.log(`${'-'.repeat(26)} ${'-'.repeat(8)} ${'-'.repeat(9)} ${'-'.repeat(13)}`);
  for (const row of rows) console.log(row);
  console.log(
    `\nHighlight round trip with the last diagram drawn: ${median(highlight).toFixed(1)} ms`,
  );
  console.log(
    'Targets: 100 segments in under 300 ms; at 2,000 segments the panel answers within a second.',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
