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

test('a label naming a C4 diagram kind still draws as a sequence diagram', async () => {
  const { page } = await openPreview(browser, server);
  const text = [
    'endpoint client 10.0.0.1:50000',
    'endpoint server 10.0.0.2:80',
    'scenario "C4Context and C4Dynamic views"',
    'server listen',
    'client -> server SYN seq=100',
    'server -> client SYN ACK seq=300 ack=101',
    'client -> server ACK seq=101 ack=301',
    'client -> server PSH ACK seq=101 ack=301 len=9 "C4Context"',
  ].join('\n');
  const drawn = await renderAndWait(page, renderMessage(text));
  assert.equal(drawn.ok, true, String(drawn.error));
  const shown = await page.evaluate('document.querySelector("#canvas svg")?.textContent ?? ""');
  assert.match(String(shown), /C4Context/);
});
