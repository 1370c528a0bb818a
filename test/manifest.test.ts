import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

test('activates on the language, the preview panel and the capture view only, never on *', () => {
  assert.deepEqual(manifest.activationEvents, [
    'onLanguage:handshake',
    'onWebviewPanel:handshake.preview',
    'onCustomEditor:handshake.capture',
  ]);
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
