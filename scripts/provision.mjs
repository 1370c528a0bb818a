// Installs what the tests need beyond npm packages, idempotently, and says exactly what is
// missing where it cannot install it. Run by `npm test` before the tests; quick when all is there.
//   - Chromium for the browser tests of the preview (Debian's `chromium` package), unless
//     CHROME_PATH names a Chrome or Chromium to use.
// Nothing is downloaded from outside the npm registry and Debian's archive.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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

try {
  provisionChromium();
} catch (error) {
  console.error(`provision: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
