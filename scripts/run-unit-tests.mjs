// Runs every test/**/*.test.ts with node's built-in test runner (TypeScript through tsx).
// Node 20 has no glob support in `--test`, so the files are listed here.
// Pass paths or folders to run a subset: `npm run test:unit -- test/core/tcp`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(path, found) {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (entry === 'node_modules' || entry === 'fixtures') continue;
      collect(join(path, entry), found);
    }
  } else if (path.endsWith('.test.ts')) {
    found.push(path);
  }
  return found;
}

const roots = process.argv.slice(2);
const files = (roots.length > 0 ? roots : ['test']).flatMap((root) => collect(root, []));
// The end-to-end tests (test/e2e) and the extension-host suite (test/vscode, mocha inside
// VS Code) have their own scripts.
const unit = files.filter((file) => !/test\/(e2e|vscode)\//.test(file));
if (unit.length === 0) {
  console.error('run-unit-tests: no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...unit],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
