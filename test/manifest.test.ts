import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkCommand } from '../src/cli/checkCommand';
import { processIo } from '../src/cli/io';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

test('activates on the language, the preview panel, the capture view, Markdown and the debugger only, never on *', () => {
  assert.deepEqual(manifest.activationEvents, [
    'onLanguage:handshake',
    'onWebviewPanel:handshake.preview',
    'onCustomEditor:handshake.capture',
    'onLanguage:markdown',
    'onDebugResolve:handshake',
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
    const image = step.media.image;
    const files: string[] = step.media.markdown
      ? [step.media.markdown]
      : typeof image === 'string'
        ? [image]
        : [image.light, image.dark, image.hc, image.hcLight];
    for (const media of files) assert.ok(media && existsSync(media), `${step.id}: ${media}`);
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(commands.includes(command), command);
    }
  }
});

/** Commands that make sense anywhere, so the palette always lists them. */
const GLOBAL_COMMANDS = [
  'handshake.newScenario',
  'handshake.importCapture',
  'handshake.pasteTcpdump',
];

test('the palette lists a command only where it applies, except the few meant for anywhere', () => {
  const palette = new Map<string, string>(
    manifest.contributes.menus.commandPalette.map((m: { command: string; when: string }) => [
      m.command,
      m.when,
    ]),
  );
  for (const { command } of manifest.contributes.commands as { command: string }[]) {
    const when = palette.get(command);
    if (GLOBAL_COMMANDS.includes(command)) {
      assert.equal(when, undefined, `${command} is meant for anywhere`);
      continue;
    }
    assert.ok(when, `${command} has no "when" in menus.commandPalette`);
    // Commands of the preview panel need one open (they act on the preview last active, so they
    // are listed while the editor beside it has the focus); commands of a file need a .handshake
    // editor.
    if (command.startsWith('handshake.preview.') || command === 'handshake.togglePreviewLock') {
      assert.match(when, /^handshake\.previewOpen$/, command);
    } else {
      assert.match(when, /editorLangId == handshake/, command);
    }
  }
});

test('walkthrough steps complete when their action happened, on context keys the extension sets', () => {
  const source = readFileSync('src/extension/walkthroughProgress.ts', 'utf8');
  const keys = [...source.matchAll(/^\s+\w+: '([\w.]+)',$/gm)].map((m) => m[1]);
  const used = new Set<string>();
  for (const step of manifest.contributes.walkthroughs[0].steps) {
    // onCommand ticks a step even when the command only said what was missing ("Open a
    // .handshake file to preview it."), or the user cancelled its quick pick.
    assert.ok(step.completionEvents.length > 0, step.id);
    for (const event of step.completionEvents as string[]) {
      const key = /^onContext:([\w.]+)$/.exec(event)?.[1];
      assert.ok(key, `${step.id}: ${event} is not an onContext event`);
      assert.ok(keys.includes(key), `${key} is not a WalkthroughStep`);
      used.add(key);
    }
  }
  assert.deepEqual([...used].sort(), [...keys].sort());
  // Each key is set where its step's action succeeds.
  const setters: Record<string, string> = {
    scenarioCreated: 'src/extension/language/newScenario.ts',
    previewOpened: 'src/extension/preview/previewManager.ts',
    mistakeFixed: 'src/extension/language/editorFeatures.ts',
  };
  for (const [name, file] of Object.entries(setters)) {
    assert.match(readFileSync(file, 'utf8'), new RegExp(`WalkthroughStep\\.${name}\\b`), file);
  }
});

/**
 * The walkthrough shows the diagram the student's first scenario draws, so it must stay sharp at
 * any zoom: vector, one per theme. To redraw it after a change to the template or the diagram:
 * write the three-way-handshake template to a file and run `node dist/cli.js render FILE -o
 * media/walkthrough/preview-light.svg --theme light` (and `dark`).
 */
test('the walkthrough diagram is the three-way handshake template, as SVG for each theme', () => {
  const step = manifest.contributes.walkthroughs[0].steps.find(
    (s: { id: string }) => s.id === 'preview',
  );
  const { light, dark, hc, hcLight } = step.media.image;
  assert.equal(hc, dark);
  assert.equal(hcLight, light);
  const backgrounds: string[] = [];
  for (const file of [light, dark]) {
    assert.match(file, /\.svg$/);
    const svg = readFileSync(file, 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\s*<svg [^>]*viewBox="[-\d. ]+"/);
    // Nothing an <img> would not load: no scripts, no HTML labels, no remote fonts.
    assert.doesNotMatch(svg, /<script|<foreignObject|@import|url\(http/);
    for (const label of ['SYN seq=x', 'SYN ACK seq=y ack=x+1', 'ACK seq=x+1 ack=y+1']) {
      assert.ok(svg.includes(`>${label}<`), `${file}: ${label}`);
    }
    backgrounds.push(/background-color: ([^;"]+)/.exec(svg)?.[1] ?? '');
  }
  assert.notEqual(backgrounds[0], backgrounds[1], 'light and dark backgrounds');
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
  const io = (lines: string[]) => ({ ...processIo('en'), out: (l: string) => lines.push(l) });
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
