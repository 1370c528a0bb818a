import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, homeArgs, NODE24_BIN, serveArgs } from '../../scripts/paths.cjs';

/**
 * A real VS Code: code-server (from the npm registry, provisioned by `npm run provision`) on
 * 127.0.0.1, with its own user data and extensions folders, the packaged extension installed
 * from its .vsix, and a copy of examples/ as the workspace (so tests may edit files freely).
 */
export interface CodeServer {
  readonly url: string;
  readonly workspace: string;
  /** code-server's process: every process it and the extension host start descend from it. */
  readonly pid: number;
  readonly log: () => string;
  stop(): Promise<void>;
}

export const VSIX = 'out/handshake.vsix';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  // No prompt over the panel about the repository the workspace copy sits in.
  'git.openRepositoryInParentFolders': 'never',
  'git.autoRepositoryDetection': false,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  // VS Code for the Web saves after a delay by default; the tests check that edits stay unsaved.
  'files.autoSave': 'off',
};

function node24(): string {
  const node = join(NODE24_BIN, 'node');
  if (!existsSync(node) || !existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(
      'code-server is not provisioned: run `npm run provision` (see scripts/provision.mjs)',
    );
  }
  return node;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** More .vsix files to install next to the extension (the test runner). */
  readonly extensions?: readonly string[];
  /** Environment for code-server and its extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** User settings on top of the tests' own. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /**
   * VS Code's display language (code-server's --locale), with the installed language pack that
   * provides it: its extension id, as `languagepacks.json` records packs VS Code has scanned.
   */
  readonly locale?: { readonly language: string; readonly pack: string };
  /**
   * Workspace trust on (code-server turns it off by default here): with
   * `security.workspace.trust.startupPrompt: never`, the workspace opens in Restricted Mode.
   */
  readonly workspaceTrust?: boolean;
}

export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  const node = node24();
  const root = mkdtempSync(join(tmpdir(), 'handshake-e2e-'));
  const workspace = join(root, 'workspace');
  mkdirSync(join(root, 'user-data', 'User'), { recursive: true });
  writeFileSync(
    join(root, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ ...SETTINGS, ...options.settings }, null, 2),
  );
  writeFileSync(join(root, 'config.yaml'), 'auth: none\n');
  cpSync('examples', workspace, { recursive: true });
  for (const vsix of [VSIX, ...(options.extensions ?? [])]) {
    const install = spawnSync(
      node,
      [CODE_SERVER_ENTRY, ...homeArgs(root), '--install-extension', vsix],
      { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
    );
    if (install.status !== 0) {
      throw new Error(`installing ${vsix} failed:\n${install.stdout}${install.stderr}`);
    }
  }
  if (options.locale) writeLanguagePacks(root, options.locale.language, options.locale.pack);
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(
    node,
    [
      CODE_SERVER_ENTRY,
      ...homeArgs(root),
      ...(options.locale ? ['--locale', options.locale.language] : []),
      ...serveArgs(port, workspace, { workspaceTrust: options.workspaceTrust === true }),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // No extension gallery: code-server's default (open-vsx.org) would be queried at startup.
      env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env },
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('HTTP server listening')) {
    if (child.exitCode !== null) throw new Error(`code-server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`code-server did not start in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    pid: child.pid ?? 0,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * The index of installed language packs that VS Code reads at startup to offer a display
 * language; code-server writes it only once it has scanned the extensions, after the first start.
 */
function writeLanguagePacks(root: string, language: string, pack: string): void {
  const folder = readdirSync(join(root, 'extensions')).find((name) => name.startsWith(`${pack}-`));
  if (!folder) throw new Error(`language pack ${pack} is not installed`);
  const version = folder.slice(pack.length + 1);
  const translations = join(root, 'extensions', folder, 'translations', 'main.i18n.json');
  writeFileSync(
    join(root, 'user-data', 'languagepacks.json'),
    JSON.stringify({
      [language]: {
        hash: `${pack}-${version}`,
        label: language,
        extensions: [{ extensionIdentifier: { id: pack }, version }],
        translations: { vscode: translations },
      },
    }),
  );
}
