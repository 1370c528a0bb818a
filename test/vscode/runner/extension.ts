import Mocha from 'mocha';
import * as fs from 'fs';
import * as vscode from 'vscode';

/**
 * A test-only extension that runs the extension-host suite inside code-server (where
 * `--extensionTestsPath` is not available) and writes the results to the file named by the
 * HANDSHAKE_VSCODE_TESTS environment variable. It does nothing without that variable.
 */
export function activate(): void {
  const results = process.env.HANDSHAKE_VSCODE_TESTS;
  if (!results) return;
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  // The suites were bundled in; defining them now registers them with this mocha.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- suites must load after mocha's globals exist
  require('./suites');
  const runner = mocha.run();
  const tests: { title: string; state: string; error?: string }[] = [];
  runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed' }));
  runner.on('fail', (t, error: Error) =>
    tests.push({ title: t.fullTitle(), state: 'failed', error: error.stack ?? error.message }),
  );
  runner.on('end', () => {
    fs.writeFileSync(results, JSON.stringify({ vscode: vscode.version, tests }, null, 2));
  });
}

export function deactivate(): void {}
