import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/**
 * `npm run test:vscode`: downloads a desktop VS Code (where the machine may) and runs the
 * extension-host suite on the examples. Where VS Code cannot be downloaded (as on our CI), the
 * same suite runs inside code-server instead: see test/e2e/extensionHost.e2e.test.ts.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'vscode-tests', 'index.js'),
    launchArgs: [path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
