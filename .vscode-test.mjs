// @vscode/test-cli configuration: `npx vscode-test` runs the extension-host suite in a
// downloaded desktop VS Code (where the machine can download one).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/vscode-tests/suite/*.test.js',
  workspaceFolder: 'examples',
  launchArgs: ['--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 30000 },
});
