// `npm start`: builds the extension and runs it on the bundled examples.
// With VS Code's `code` on the PATH it opens examples/ in a window with the extension loaded
// (--extensionDevelopmentPath); otherwise it checks every example with the CLI and prints the
// problems, which is what the editor would underline.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args, options = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });

const build = run(process.execPath, ['esbuild.js']);
if (build.status !== 0) process.exit(build.status ?? 1);

const examples = join(root, 'examples');
const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode && !process.env.CI) {
  run('code', ['--extensionDevelopmentPath', root, examples]);
  process.exit(0);
}

const files = readdirSync(examples)
  .filter((name) => name.endsWith('.handshake'))
  .sort();
console.log(`Checking ${files.length} examples with dist/cli.js (no 'code' on the PATH):\n`);
for (const name of files) {
  const result = spawnSync(process.execPath, ['dist/cli.js', 'check', join('examples', name)], {
    cwd: root,
    encoding: 'utf8',
  });
  const problems = result.stdout.trim().split('\n').filter(Boolean);
  console.log(
    `${problems.length === 0 ? '✓' : '✗'} ${name}${problems.length ? ` (${problems.length} problems)` : ''}`,
  );
  for (const line of problems) console.log(`    ${line.replace(/^examples\//, '')}`);
}
console.log(
  '\nOpen the folder in VS Code with the extension loaded: code --extensionDevelopmentPath=. examples',
);
