import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkCommand } from '../src/cli/checkCommand';
import { processIo } from '../src/cli/io';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

test('activates on the language, the preview panel, the capture view and Markdown only, never on *', () => {
  assert.deepEqual(manifest.activationEvents, [
    'onLanguage:handshake',
    'onWebviewPanel:handshake.preview',
    'onCustomEditor:handshake.capture',
    'onLanguage:markdown',
  ]);
});

test('the Markdown preview gets the plugin, the shared Mermaid, the drawing script and its style', () => {
  const contributes = manifest.contributes;
  assert.equal(contributes['markdown.markdownItPlugins'], true);
  assert.deepEqual(contributes['markdown.previewScripts'], [
    './dist/webview/mermaid.js',
    './dist/webview/markdown-preview.js',
  ]);
  assert.deepEqual(contributes['markdown.previewStyles'], [
    './dist/webview/markdown-preview-style.css',
  ]);
  // activate() hands VS Code the plugin.
  assert.match(
    readFileSync('src/extension/activation.ts', 'utf8'),
    /return \{ extendMarkdownIt \};/,
  );
});

test('the extension has a browser entry for VS Code for the Web, and ships it', () => {
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.browser, './dist/web/extension.js');
  assert.deepEqual(manifest.extensionKind, ['workspace', 'ui']);
  assert.deepEqual(manifest.capabilities, {
    untrustedWorkspaces: { supported: true },
    virtualWorkspaces: true,
  });
  const ignore = readFileSync('.vscodeignore', 'utf8');
  assert.match(ignore, /^!dist\/web\/extension\.js$/m);
});

test('every built file the manifest names is built by esbuild.js', () => {
  const build = readFileSync('esbuild.js', 'utf8');
  const built = [
    manifest.main,
    manifest.browser,
    ...manifest.contributes['markdown.previewScripts'],
    ...manifest.contributes['markdown.previewStyles'],
  ];
  for (const path of built) {
    const name = path.replace(/^\.\/dist\//, '').replace(/\.(js|css)$/, '');
    const base = name.slice(name.lastIndexOf('/') + 1);
    assert.ok(
      build.includes(`'dist/${name}.js'`) || new RegExp(`[\\s{]'?${base}'?: `).test(build),
      `${path} is not an esbuild output`,
    );
    if (existsSync('dist')) assert.ok(existsSync(path), `${path} is missing after the build`);
  }
});

test('every command is contributed, and every contributed command is registered', () => {
  const contributed = manifest.contributes.commands
    .map((c: { command: string }) => c.command)
    .sort();
  const source = [
    'src/extension/preview/previewManager.ts',
    'src/extension/language/editorFeatures.ts',
    'src/extension/language/newScenario.ts',
    'src/extension/capture/captureCommands.ts',
  ]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  const registered = [...source.matchAll(/(?:c|registerC)ommand\('([\w.]+)'/g)]
    .map((m) => m[1])
    .sort();
  assert.deepEqual(registered, contributed);
});

test('Ctrl+K V opens the preview to the side in .handshake editors', () => {
  const binding = manifest.contributes.keybindings.find(
    (k: { key: string }) => k.key === 'ctrl+k v',
  );
  assert.equal(binding.command, 'handshake.showPreviewToSide');
  assert.equal(binding.mac, 'cmd+k v');
});

test('every file the manifest names exists', () => {
  const contributes = manifest.contributes;
  const paths: string[] = [
    manifest.icon,
    ...contributes.languages.flatMap(
      (l: { configuration: string; icon: { light: string; dark: string } }) => [
        l.configuration,
        l.icon.light,
        l.icon.dark,
      ],
    ),
    ...contributes.grammars.map((g: { path: string }) => g.path),
    ...contributes.snippets.map((s: { path: string }) => s.path),
  ];
  for (const path of paths) assert.ok(existsSync(path), path);
});

test('the .handshake language is contributed with its grammar', () => {
  assert.equal(manifest.contributes.languages[0].id, 'handshake');
  assert.deepEqual(manifest.contributes.languages[0].extensions, ['.handshake']);
  assert.equal(manifest.contributes.grammars[0].scopeName, 'source.handshake');
});

test('the packaged extension ships only what runs', () => {
  const ignore = readFileSync('.vscodeignore', 'utf8');
  assert.match(ignore, /^\*\*$/m);
  assert.match(ignore, /^!dist\/extension\.js$/m);
  assert.match(ignore, /^!dist\/webview\/\*\*$/m);
  assert.match(ignore, /^!media\/\*\*$/m);
});

test('the walkthrough media exist and its commands are contributed', () => {
  const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
  for (const step of manifest.contributes.walkthroughs[0].steps) {
    const media = step.media.markdown ?? step.media.image;
    assert.ok(existsSync(media), media);
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(commands.includes(command), command);
    }
  }
});

test('the $handshake problem matcher reads every line handshake check prints', () => {
  const [pattern] = manifest.contributes.problemPatterns;
  const [matcher] = manifest.contributes.problemMatchers;
  assert.deepEqual(matcher, {
    name: 'handshake',
    label: '%problemMatcher.handshake.label%',
    owner: 'handshake',
    source: 'handshake check',
    fileLocation: ['relative', '${workspaceFolder}'],
    pattern: `$${pattern.name}`,
  });
  // VS Code builds the pattern with new RegExp(regexp), as here.
  const regexp = new RegExp(pattern.regexp);
  const files = readdirSync('examples')
    .filter((name) => /\.(handshake|md)$/.test(name))
    .map((name) => `examples/${name}`);
  const text: string[] = [];
  const json: string[] = [];
  const io = (lines: string[]) => ({ ...processIo, out: (l: string) => lines.push(l) });
  checkCommand({ files, format: 'text' }, io(text));
  checkCommand({ files, format: 'json' }, io(json));
  const expected = JSON.parse(json.join('\n')) as Record<string, string | number>[];
  assert.ok(text.length >= 10, 'the examples have problems to match');
  assert.deepEqual(
    new Set(expected.map((d) => d.severity)),
    new Set(['error', 'warning', 'info']),
    'every severity is matched',
  );
  text.forEach((line, i) => {
    const m = regexp.exec(line);
    assert.ok(m, line);
    const d = expected[i] ?? {};
    const field = (name: string) => m[pattern[name]];
    assert.deepEqual(
      [field('file'), field('line'), field('column'), field('severity'), field('code')],
      [d.file, String(d.line), String(d.column), d.severity, d.code],
    );
    assert.equal(field('message'), d.message);
  });
});

test("the problem matcher's label is translated", () => {
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(nls['problemMatcher.handshake.label'], file);
  }
});

test('the marketplace page has a banner; repository, homepage and bugs wait for a public home', () => {
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  // Until the project has a public URL, packaging says so rather than naming an invented one.
  if (!manifest.repository) assert.match(manifest.scripts.package, /--allow-missing-repository/);
});
