// Compiles the extension-host suites for desktop VS Code (out/vscode-tests) and packages the
// test-runner extension that runs the same suites inside code-server (out/handshake-test-runner.vsix).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
};

rmSync('out/vscode-tests', { recursive: true, force: true });
const suites = readdirSync('test/vscode/suite').filter((f) => f.endsWith('.test.ts'));
await esbuild.build({
  ...common,
  entryPoints: [
    'test/vscode/index.ts',
    'test/vscode/runTests.ts',
    ...suites.map((f) => join('test/vscode/suite', f)),
  ],
  outdir: 'out/vscode-tests',
  outbase: 'test/vscode',
  external: ['vscode', 'mocha', '@vscode/test-electron'],
});

const runner = 'out/vscode-runner';
rmSync(runner, { recursive: true, force: true });
mkdirSync(runner, { recursive: true });
await esbuild.build({
  ...common,
  entryPoints: ['test/vscode/runner/extension.ts'],
  outfile: join(runner, 'extension.js'),
});
copyFileSync('test/vscode/runner/package.json', join(runner, 'package.json'));
copyFileSync('LICENSE', join(runner, 'LICENSE'));
writeFileSync(
  join(runner, 'README.md'),
  '# Handshake test runner\n\nRuns the extension-host suite inside code-server.\n',
);
execFileSync(
  process.execPath,
  [
    join(process.cwd(), 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    '-o',
    '../handshake-test-runner.vsix',
  ],
  { cwd: runner, stdio: 'inherit' },
);

// A language pack without translations, so that code-server can run in zh-cn (test/e2e/chinese).
const pack = 'out/zh-cn-pack';
rmSync(pack, { recursive: true, force: true });
cpSync('test/e2e/zh-cn-pack', pack, { recursive: true });
copyFileSync('LICENSE', join(pack, 'LICENSE'));
writeFileSync(join(pack, 'README.md'), "# zh-cn display language for Handshake's tests\n");
execFileSync(
  process.execPath,
  [
    join(process.cwd(), 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    '-o',
    '../handshake-test-zh-cn-pack.vsix',
  ],
  { cwd: pack, stdio: 'inherit' },
);
