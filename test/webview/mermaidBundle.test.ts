import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  launch,
  openPreview,
  renderAndWait,
  renderMessage,
  servePreview,
  type PreviewServer,
} from './browser';

/**
 * The bundled Mermaid (dist/webview/mermaid.js, esbuild.js's sequenceDiagramsOnly) in the real
 * page: sequence diagrams draw; any other kind fails with a clear message instead of loading
 * code that is not there.
 */
let browser: Browser;
let server: PreviewServer;

before(async () => {
  browser = await launch();
  server = await servePreview(() => 'vscode-light');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the tcpdump example draws with the sequence-only Mermaid; a flowchart says it is not bundled', async () => {
  const { page, errors } = await openPreview(browser, server);
  const example = readFileSync('examples/tcpdump-handshake.handshake', 'utf8');
  const drawn = await renderAndWait(page, renderMessage(example));
  assert.equal(drawn.ok, true, String(drawn.error));
  const other = await page.evaluate(`(async () => {
    try {
      await window.handshakeMermaid.render('not-sequence', 'flowchart TD\\n  a --> b');
      return 'drawn';
    } catch (error) {
      return String(error && error.message);
    }
  })()`);
  assert.match(String(other), /draws sequence diagrams only/);
  const sequence = await page.evaluate(`(async () => {
    const { svg } = await window.handshakeMermaid.render('plain-sequence', 'sequenceDiagram\\n  a->>b: hi');
    return svg.includes('hi');
  })()`);
  assert.equal(sequence, true);
  assert.deepEqual(errors, []);
});
