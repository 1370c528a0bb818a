import Mocha from 'mocha';
import * as path from 'path';
import * as fs from 'fs';

/**
 * Entry point for `@vscode/test-electron` (desktop VS Code): runs every compiled suite in
 * out/vscode-tests/suite with mocha inside the extension host.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 30_000 });
  const folder = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.test.js'))) {
    mocha.addFile(path.join(folder, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve(),
    );
  });
}
