import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TEMPLATES } from '../src/core/service/templates';

/**
 * The extension's own UI in 简体中文: the manifest's strings (package.nls.json) and the strings
 * its code shows through vscode.l10n.t (l10n/bundle.l10n.zh-cn.json). A key without its
 * translation fails here.
 */
const manifest = readFileSync('package.json', 'utf8');
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
const nlsZh = JSON.parse(readFileSync('package.nls.zh-cn.json', 'utf8')) as Record<string, string>;
const bundleZh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<
  string,
  string
>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('every %key% of package.json is in package.nls.json', () => {
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
  assert.ok(keys.length > 30, `only ${keys.length} keys`);
  assert.deepEqual(
    keys.filter((key) => !(key in nls)),
    [],
  );
});

test('every manifest string has a 简体中文 translation', () => {
  assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
  for (const [key, text] of Object.entries(nlsZh)) {
    if (nls[key] !== 'Handshake') assert.match(text, /[\u4e00-\u9fff]/, key);
  }
});

test('every string the extension shows through vscode.l10n.t has a 简体中文 translation', () => {
  const used = new Set<string>();
  for (const file of files('src/extension')) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/vscode\.l10n\.t\(\s*(['`])((?:\\.|(?!\1).)*)\1/g)) {
      used.add((m[2] as string).replace(/\\'/g, "'"));
    }
  }
  assert.ok(used.size > 15, `only ${used.size} strings`);
  assert.deepEqual(
    [...used].filter((text) => !(text in bundleZh)),
    [],
  );
  for (const [english, chinese] of Object.entries(bundleZh)) {
    assert.match(chinese, /[\u4e00-\u9fff]/, english);
    const holes = (t: string) => [...t.matchAll(/\{\d\}/g)].map((m) => m[0]).sort();
    assert.deepEqual(holes(chinese), holes(english), english);
  }
});

test('the New Scenario templates are translated too', () => {
  for (const template of TEMPLATES) {
    assert.ok(template.label in bundleZh, template.label);
    assert.ok(template.description in bundleZh, template.description);
  }
});
