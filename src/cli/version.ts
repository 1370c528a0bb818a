// esbuild.js replaces this name with package.json's version when it bundles dist/cli.js.
declare const HANDSHAKE_VERSION: string | undefined;

/**
 * The version `handshake --version` prints and SARIF logs name: package.json's, set at build
 * time so the bundle needs no package.json beside it. Run from source (the unit tests import the
 * commands directly), it reads `0.0.0-dev`.
 */
export const VERSION: string =
  typeof HANDSHAKE_VERSION === 'string' ? HANDSHAKE_VERSION : '0.0.0-dev';
