// `npm start`: builds the extension and opens the bundled examples/ with it loaded.
//   - With VS Code's `code` on the PATH: a VS Code window with the extension under development
//     (--extensionDevelopmentPath).
//   - Otherwise: a local code-server (a real VS Code in the browser) on 127.0.0.1, provisioned
//     on first use into a cache (see scripts/provision.mjs) and not downloaded again; it prints
//     the address to open and runs until Ctrl+C. HANDSHAKE_PORT chooses the port (default 8080).
//   - `npm start -- --cli` only checks every example with the command-line checker.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import paths from './paths.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const examples = join(root, 'examples');

run('npm', ['run', '-s', 'build']);

if (process.argv.includes('--cli')) {
  checkWithCli();
} else if (!process.env.CI && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
  run('code', ['--extensionDevelopmentPath', root, examples]);
} else {
  startCodeServer();
}

function checkWithCli() {
  const files = readdirSync(examples)
    .filter((name) => name.endsWith('.handshake'))
    .sort();
  for (const name of files) {
    const result = spawnSync(process.execPath, ['dist/cli.js', 'check', join('examples', name)], {
      cwd: root,
      encoding: 'utf8',
    });
    const problems = result.stdout.trim().split('\n').filter(Boolean);
    const failed = problems.some((line) => /: error HS/.test(line));
    console.log(
      `${failed ? '✗' : '✓'} ${name}${problems.length ? ` (${problems.length} problem${problems.length === 1 ? '' : 's'})` : ''}`,
    );
    for (const line of problems) console.log(`    ${line.replace(/^examples\//, '')}`);
  }
}

function startCodeServer() {
  run(process.execPath, ['scripts/provision.mjs']);
  run('npm', ['run', '-s', 'package']);
  const node = join(paths.NODE24_BIN, 'node');
  const home = join(paths.CACHE, 'start');
  const userData = join(home, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const settings = join(userData, 'User', 'settings.json');
  // A workspace that leaves room for the preview beside the editor: no Chat side bar, no
  // prompts over the panel. Settings the user changed since are kept.
  const defaults = {
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'git.autoRepositoryDetection': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
  };
  let current = {};
  let readable = true;
  if (existsSync(settings)) {
    try {
      current = JSON.parse(readFileSync(settings, 'utf8'));
    } catch {
      readable = false; // comments or an edit in progress: left as the user wrote it
    }
  }
  if (readable) writeFileSync(settings, JSON.stringify({ ...defaults, ...current }, null, 2));
  writeFileSync(join(home, 'config.yaml'), 'auth: none\n');
  const vsix = join(root, 'out', 'handshake.vsix');
  run(node, [
    paths.CODE_SERVER_ENTRY,
    ...paths.homeArgs(home),
    '--install-extension',
    vsix,
    '--force',
  ]);
  const port = process.env.HANDSHAKE_PORT ?? '8080';
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`;
  console.log(`\nHandshake is running in code-server: open ${url}\n(Ctrl+C stops it.)\n`);
  const child = spawn(
    node,
    [paths.CODE_SERVER_ENTRY, ...paths.homeArgs(home), ...paths.serveArgs(port, examples)],
    { stdio: 'inherit' },
  );
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
