import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { childNpmEnv } from '../../scripts/childNpmEnv.cjs';

/**
 * The README's way to put the CLI on the PATH, as a user's npm does it: the package `npm pack`
 * makes (what `npm install -g` of the repository or its tarball installs) gives a `handshake`
 * that runs on its own, outside this folder. `npm test` has built dist/ already, so the pack
 * skips `prepare` rather than rebuild dist/ under the other tests' feet. About 10 s: the install
 * fetches playwright-core from the npm registry (or npm's cache).
 */
test('npm pack, then npm install -g of the tarball, gives a working handshake command', () => {
  assert.ok(existsSync('dist/cli.js'), 'dist/cli.js is missing: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'handshake-global-'));
  try {
    const env = childNpmEnv(process.env, dirname(process.execPath));
    const npm = (...args: string[]) => {
      const result = spawnSync('npm', args, { encoding: 'utf8', env });
      assert.equal(result.status, 0, `npm ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
      return result.stdout;
    };
    npm('pack', '--ignore-scripts', '--pack-destination', dir);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const tarball = join(dir, `handshake-${version}.tgz`);
    npm('install', '-g', '--no-audit', '--no-fund', '--prefix', join(dir, 'prefix'), tarball);
    const handshake = join(dir, 'prefix', 'bin', 'handshake');
    const run = (...args: string[]) =>
      spawnSync(handshake, args, { encoding: 'utf8', cwd: dir, env });
    assert.equal(run('--version').stdout, `${version}\n`);
    const checked = run('check', '--format', 'sarif', resolve('examples/mistakes.handshake'));
    assert.equal(checked.status, 1);
    assert.equal(JSON.parse(checked.stdout).runs[0].tool.driver.version, version);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
