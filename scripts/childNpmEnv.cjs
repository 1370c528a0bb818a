// The environment for an npm that provisioning starts on Node 24 (scripts/provision.mjs).
//
// When provisioning runs under `npm test` or `npm run provision`, the outer npm (on the
// machine's Node) has exported its whole configuration to us: every setting as `npm_config_*`
// (npm's config/lib/set-envs.js), the package and lifecycle as `npm_package_*` and
// `npm_lifecycle_*`, its own paths as `npm_execpath`, `npm_node_execpath` and `NODE`, and
// node_modules/.bin folders plus its node-gyp shim on the PATH (@npmcli/run-script's
// set-path.js). A child npm reads `npm_config_*` as its own configuration, so it would take the
// outer `user-agent` ("npm/11 node/v20"), which code-server's postinstall reads as the Node
// version, and the outer `node-gyp`, `prefix`, `local-prefix` and `global-prefix`. So the child
// gets none of them, except the settings a user gives to reach the registry at all (a mirror,
// a proxy, a CA), and Node 24 first on its PATH.
const { delimiter, sep } = require('node:path');

/** `npm_config_*` settings that say how to reach the registry: passed on, not dropped. */
const REGISTRY_SETTINGS = new Set([
  'registry',
  'proxy',
  'https_proxy',
  'http_proxy',
  'noproxy',
  'no_proxy',
  'ca',
  'cafile',
  'strict_ssl',
  'userconfig',
  'globalconfig',
  'cache',
  'fetch_retries',
  'fetch_timeout',
]);

/** Variables the outer npm sets for its scripts that are not `npm_*`. */
const NPM_SCRIPT_VARIABLES = new Set(['NODE', 'INIT_CWD']);

/** Whether `name` is configuration or bookkeeping exported by an outer npm. */
function isOuterNpmVariable(name) {
  if (NPM_SCRIPT_VARIABLES.has(name)) return true;
  const match = /^npm_config_(.*)$/i.exec(name);
  if (match) return !REGISTRY_SETTINGS.has(match[1].toLowerCase().replace(/-/g, '_'));
  return /^npm_/i.test(name);
}

/** Whether a PATH entry was put there by an outer npm running a script. */
function isOuterNpmPathEntry(entry) {
  const normal = entry.split(sep).join('/').replace(/\/+$/, '');
  return normal.endsWith('/node_modules/.bin') || normal.endsWith('/run-script/lib/node-gyp-bin');
}

/**
 * The environment for a child npm on the Node in `nodeBin`: `env` without what an outer npm
 * exported, with `nodeBin` first on the PATH and `extra` on top.
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {string} nodeBin
 * @param {Readonly<Record<string, string>>} [extra]
 * @returns {Record<string, string>}
 */
function childNpmEnv(env, nodeBin, extra = {}) {
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || isOuterNpmVariable(name) || /^path$/i.test(name)) continue;
    result[name] = value;
  }
  const path = Object.keys(env)
    .filter((name) => /^path$/i.test(name) && env[name])
    .flatMap((name) => env[name].split(delimiter))
    .filter((entry) => entry !== '' && entry !== nodeBin && !isOuterNpmPathEntry(entry));
  result.PATH = [nodeBin, ...new Set(path)].join(delimiter);
  return { ...result, npm_config_update_notifier: 'false', ...extra };
}

module.exports = { childNpmEnv, isOuterNpmVariable };
