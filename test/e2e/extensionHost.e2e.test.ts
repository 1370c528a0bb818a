import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launch } from '../webview/browser';
import { startCodeServer } from './codeServer';
import { waitForWorkbench, waitUntil } from './workbench';

/**
 * The extension-host suite (test/vscode/suite, mocha, the real `vscode` API) inside code-server:
 * the test-runner extension runs it when a window opens and writes the results to a file.
 * Desktop VS Code runs the same suite with `npm run test:vscode`.
 */
const RUNNER = 'out/handshake-test-runner.vsix';

test('the extension-host suite passes inside code-server', { timeout: 240_000 }, async () => {
  assert.ok(existsSync(RUNNER), `${RUNNER} is missing: run \`npm run build:vscode-tests\``);
  const results = join(mkdtempSync(join(tmpdir(), 'handshake-suite-')), 'results.json');
  const server = await startCodeServer({
    extensions: [RUNNER],
    env: { HANDSHAKE_VSCODE_TESTS: results },
  });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await waitForWorkbench(page);
    await waitUntil(async () => existsSync(results), 'the suite results', 180_000);
    const report = JSON.parse(readFileSync(results, 'utf8')) as {
      vscode: string;
      tests: { title: string; state: string; error?: string }[];
    };
    for (const t of report.tests) console.log(`  ${t.state === 'passed' ? '✔' : '✖'} ${t.title}`);
    const failed = report.tests.filter((t) => t.state !== 'passed');
    assert.deepEqual(
      failed.map((t) => `${t.title}: ${t.error ?? ''}`),
      [],
    );
    assert.equal(report.tests.length, 17);
    assert.match(report.vscode, /^1\.\d+/);
  } finally {
    await browser.close();
    await server.stop();
  }
});
