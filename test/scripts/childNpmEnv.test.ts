import assert from 'node:assert/strict';
import { delimiter } from 'node:path';
import { test } from 'node:test';
import { childNpmEnv, isOuterNpmVariable } from '../../scripts/childNpmEnv.cjs';

const NODE24 = '/cache/node-24/bin';

/** What `npm test` on Node 20 exports to its scripts (a real run's variables, abridged). */
const UNDER_NPM_TEST: Record<string, string> = {
  HOME: '/root',
  LANG: 'C.UTF-8',
  PATH: [
    '/work/main/node_modules/.bin',
    '/work/node_modules/.bin',
    '/node_modules/.bin',
    '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
    '/usr/local/bin',
    '/usr/bin',
  ].join(delimiter),
  NODE: '/usr/bin/node',
  INIT_CWD: '/work/main',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_config_prefix: '/usr',
  npm_config_global_prefix: '/usr',
  npm_config_local_prefix: '/work/main',
  npm_config_npm_version: '11.19.1',
  npm_config_nodedir: '/usr',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  npm_command: 'test',
  npm_lifecycle_event: 'provision',
  npm_lifecycle_script: 'node scripts/provision.mjs',
  npm_package_json: '/work/main/package.json',
  npm_package_name: 'handshake',
  npm_config_registry: 'https://registry.example/',
  npm_config_https_proxy: 'http://proxy.example:3128',
  npm_config_cafile: '/etc/ssl/mirror.pem',
};

test('the outer npm’s user agent never reaches the child: code-server reads the Node version from it', () => {
  const env = childNpmEnv(UNDER_NPM_TEST, NODE24);
  assert.equal(env.npm_config_user_agent, undefined);
});

test('nothing the outer npm exported about itself, its package or its script is inherited', () => {
  const env = childNpmEnv(UNDER_NPM_TEST, NODE24);
  for (const name of [
    'NODE',
    'INIT_CWD',
    'npm_config_node_gyp',
    'npm_config_prefix',
    'npm_config_global_prefix',
    'npm_config_local_prefix',
    'npm_config_npm_version',
    'npm_config_nodedir',
    'npm_execpath',
    'npm_node_execpath',
    'npm_command',
    'npm_lifecycle_event',
    'npm_lifecycle_script',
    'npm_package_json',
    'npm_package_name',
  ]) {
    assert.equal(env[name], undefined, name);
  }
});

test('how to reach the registry is kept: a mirror, a proxy and its CA', () => {
  const env = childNpmEnv(UNDER_NPM_TEST, NODE24);
  assert.equal(env.npm_config_registry, 'https://registry.example/');
  assert.equal(env.npm_config_https_proxy, 'http://proxy.example:3128');
  assert.equal(env.npm_config_cafile, '/etc/ssl/mirror.pem');
});

test('Node 24 comes first on the PATH, without the folders the outer npm added', () => {
  const env = childNpmEnv(UNDER_NPM_TEST, NODE24);
  assert.deepEqual(env.PATH.split(delimiter), [NODE24, '/usr/local/bin', '/usr/bin']);
});

test('the rest of the environment is kept, and the update notifier is off', () => {
  const env = childNpmEnv(UNDER_NPM_TEST, NODE24);
  assert.equal(env.HOME, '/root');
  assert.equal(env.LANG, 'C.UTF-8');
  assert.equal(env.npm_config_update_notifier, 'false');
});

test('from a plain shell the environment is the same but for the PATH', () => {
  const shell = { HOME: '/root', PATH: `/usr/bin${delimiter}${NODE24}${delimiter}/bin` };
  assert.deepEqual(childNpmEnv(shell, NODE24), {
    HOME: '/root',
    PATH: [NODE24, '/usr/bin', '/bin'].join(delimiter),
    npm_config_update_notifier: 'false',
  });
});

test('settings are recognised in any case and with dashes, as npm reads them', () => {
  assert.equal(isOuterNpmVariable('NPM_CONFIG_USER_AGENT'), true);
  assert.equal(isOuterNpmVariable('npm_config_strict-ssl'), false);
  assert.equal(isOuterNpmVariable('NPM_CONFIG_REGISTRY'), false);
  assert.equal(isOuterNpmVariable('NODE_OPTIONS'), false);
});

test('extra variables are applied last', () => {
  const env = childNpmEnv(UNDER_NPM_TEST, NODE24, { npm_config_nodedir: '/cache/node-24' });
  assert.equal(env.npm_config_nodedir, '/cache/node-24');
});
