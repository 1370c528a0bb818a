import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { missingFonts } from '../../src/cli/fonts';

/** A fontconfig setup that knows only the fonts in `dirs` (none: no font at all). */
function fontconfig(dirs: readonly string[]): Record<string, string> {
  const folder = mkdtempSync(join(tmpdir(), 'handshake-fonts-'));
  const file = join(folder, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>${dirs
      .map((d) => `<dir>${d}</dir>`)
      .join('')}<cachedir>${join(folder, 'cache')}</cachedir></fontconfig>\n`,
  );
  return { ...(process.env as Record<string, string>), FONTCONFIG_FILE: file };
}

test('Latin text needs no particular font', () => {
  assert.deepEqual(missingFonts('sequenceDiagram\n  client->>server: SYN', fontconfig([])), []);
});

test('without a CJK or emoji font, Chinese text and 🔑 name the package to install', () => {
  const none = fontconfig([]);
  assert.deepEqual(missingFonts('title 三次握手', none), [
    { what: 'chinese', fontPackage: 'fonts-noto-cjk' },
  ]);
  assert.deepEqual(missingFonts('Note over client: 🔑 master secret', none), [
    { what: 'emoji', fontPackage: 'fonts-noto-color-emoji' },
  ]);
});

test('with the fonts provisioning installs, nothing is missing', () => {
  // npm test provisions Debian's fonts-noto-cjk and fonts-noto-color-emoji (scripts/provision.mjs).
  const installed = fontconfig([
    '/usr/share/fonts/opentype/noto',
    '/usr/share/fonts/truetype/noto',
  ]);
  assert.deepEqual(missingFonts('title 三次握手\nNote over client: 🔑', installed), []);
});
