import assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { workbenchSession } from './session';
import { openFile, previewFrame, problems, runCommand, squiggles, waitUntil } from './workbench';

/**
 * Restricted Mode: workspace trust on and the workspace not trusted, as VS Code opens a folder
 * from somewhere unknown. The extension declares itself supported there (package.json
 * `capabilities.untrustedWorkspaces`): checking and drawing are pure, so diagnostics and the
 * preview must work, and nothing may be started or written.
 */
let server: CodeServer;
let page: Page;
let before: Map<string, string>;
const session = workbenchSession(
  {
    workspaceTrust: true,
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.emptyWindow': false,
    },
  },
  {
    prepare: (s) => (before = listing(s.workspace)),
    ready: (s) => ({ server, page } = s),
  },
);

/** Every file of the workspace with its size and modification time. */
function listing(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const stat = statSync(path);
        files.set(relative(root, path), `${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  visit(root);
  return files;
}

/** The programs (their executables' names) of every process descending from `pid` (/proc). */
function descendants(pid: number): string[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(name)]);
    } catch {
      // The process ended while the list was read.
    }
  }
  const names: string[] = [];
  const visit = (p: number): void => {
    for (const child of parents.get(p) ?? []) {
      try {
        names.push(basename(readlinkSync(`/proc/${child}/exe`)));
      } catch {
        continue;
      }
      visit(child);
    }
  };
  visit(pid);
  return names;
}

test('the workspace opens in Restricted Mode', async () => {
  await waitUntil(
    async () => (await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count()) > 0,
    'the Restricted Mode item in the status bar',
    60_000,
  );
  await session.shot('restricted-1-mode');
});

test('untrusted, a file with mistakes still gets its squiggles and Problems count', async () => {
  await openFile(page, 'mistakes.handshake');
  await waitUntil(
    async () => (await problems(page)).startsWith('Errors: 8'),
    'Errors: 8 in the status bar',
  );
  await waitUntil(async () => (await squiggles(page)) >= 8, '8 squiggles in the editor');
});

test('untrusted, the preview opens to the side and draws every segment', async () => {
  await runCommand(page, 'Handshake: Open Preview to the Side');
  const frame = await previewFrame(page);
  await waitUntil(
    async () =>
      (await frame.locator('#canvas svg :is(.messageLine0, .messageLine1)').count()) === 10,
    '10 arrows in the preview',
    60_000,
  );
  await session.shot('restricted-2-preview');
});

test('untrusted, nothing was started and nothing in the workspace was written', () => {
  const programs = descendants(server.pid);
  assert.ok(programs.length > 0, 'the extension host runs under code-server');
  const started = programs.filter((name) => name !== 'node');
  assert.deepEqual(started, [], 'only code-server’s own Node processes run');
  assert.deepEqual(listing(server.workspace), before);
});
