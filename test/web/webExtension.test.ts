import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { nodeTlsCrypto } from '../../src/cli/nodeTlsCrypto';
import { parseKeyLog } from '../../src/core/capture/read/keyLog';
import { importCapture } from '../../src/core/capture/write/importCapture';
import { launch } from '../webview/browser';

/**
 * The extension's `browser` entry (dist/web/extension.js) in headless Chromium, inside a Web
 * Worker as VS Code for the Web runs it: no Node, no DOM, `require('vscode')` answered by a
 * recording shim (vscodeShim.js) and nothing else. Activation must register the real commands
 * and providers, and the engine must check text there.
 */
const BUNDLE = 'dist/web/extension.js';
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

const SCENARIO = [
  'endpoint client 10.0.0.1:1',
  'endpoint server 10.0.0.2:80',
  'server listen',
  'client -> server SYN seq=100',
  'server -> client SYN ACK seq=300 ack=100',
  '',
].join('\n');
const NOTE = ['# Notes', '', '```handshake', SCENARIO.trimEnd(), '```', ''].join('\n');

interface Diagnostic {
  code: string;
  message: string;
  start: [number, number];
  end: [number, number];
}

interface Report {
  globals: Record<string, string>;
  requested: string[];
  commands: string[];
  providers: string[];
  serializers: string[];
  collections: string[];
  api: string[];
  subscriptions: number;
  handshakeDiagnostics: Diagnostic[];
  markdownDiagnostics: Diagnostic[];
  markdownDiagnosticsAfterClose: unknown;
  hover: string | null;
  previewHtml: string;
  previewPosted: { type: string; source?: string }[];
  markdownHtml: string;
  commandsAfterDispose: number;
  imported: string[];
  importMessages: string[];
}

/**
 * Real TLS 1.3 captures, imported in the worker with the key log setting: AES-128-GCM, AES-256-GCM
 * with SHA-384 and a client certificate, and ChaCha20-Poly1305 (not in WebCrypto: TypeScript).
 */
const REAL = 'test/core/capture/fixtures/tls-real';
const CAPTURES = ['tls13-aes128', 'tls13-client-cert', 'tls13-chacha20'];

function captureInput(name: string) {
  const base64 = (path: string) => readFileSync(path).toString('base64');
  return {
    uri: `file:///w/${name}.pcap`,
    given: {
      settings: { 'handshake.capture.keyLogFile': `${name}.keylog` },
      files: {
        [`/w/${name}.pcap`]: base64(`${REAL}/${name}.pcap`),
        [`/w/${name}.keylog`]: base64(`${REAL}/${name}.keylog`),
      },
    },
  };
}

let browser: Browser;
let report: Report;

/** markdown-it for the browser, as VS Code's Markdown preview hands it to the plugin. */
async function markdownItForBrowser(): Promise<string> {
  const result = await build({
    stdin: { contents: "self.markdownit = require('markdown-it');", resolveDir: process.cwd() },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

before(async () => {
  assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run \`npm run build\` first`);
  browser = await launch();
  const worker = [
    `const INPUT = ${JSON.stringify({ scenario: SCENARIO, note: NOTE, hoverAt: 'ack=100', captures: CAPTURES.map(captureInput) })};`,
    readFileSync('test/web/vscodeShim.js', 'utf8'),
    await markdownItForBrowser(),
    'const requested = [];',
    'const extensionModule = { exports: {} };',
    // The bundle is CommonJS: give it module, exports and a require that knows only `vscode`.
    '(function (module, exports, require) {',
    readFileSync(BUNDLE, 'utf8'),
    '})(extensionModule, extensionModule.exports, function (name) {',
    '  requested.push(name);',
    "  if (name === 'vscode') return vscode;",
    "  throw new Error('the web bundle asked for ' + name);",
    '});',
    readFileSync('test/web/driver.js', 'utf8'),
  ].join('\n');
  const page = await browser.newPage();
  // VS Code for the Web is served over https: a secure context, where WebCrypto exists.
  await page.route('https://handshake.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>worker</title>' }),
  );
  await page.goto('https://handshake.test/');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const result = (await page.evaluate(`new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([${JSON.stringify(worker)}], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => resolve({ ok: false, error: event.message });
  })`)) as { ok: boolean; report?: Report; error?: string };
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(errors, []);
  report = result.report as Report;
  await page.close();
});

after(async () => {
  await browser?.close();
});

test('the bundle runs in a worker without Node or a DOM, and asks only for vscode', () => {
  assert.deepEqual(report.globals, {
    process: 'undefined',
    Buffer: 'undefined',
    document: 'undefined',
    window: 'undefined',
  });
  assert.deepEqual(report.requested, ['vscode']);
});

test('activation registers every contributed command, the providers and the serializer', () => {
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command);
  assert.deepEqual(report.commands, [...contributed].sort());
  const selector = '{"language":"handshake"}';
  for (const api of [
    'registerHoverProvider',
    'registerCompletionItemProvider',
    'registerCodeActionsProvider',
    'registerDocumentSymbolProvider',
    'registerFoldingRangeProvider',
    'registerDefinitionProvider',
    'registerReferenceProvider',
    'registerRenameProvider',
    'registerDocumentFormattingEditProvider',
    'registerDocumentRangeFormattingEditProvider',
    'registerCodeLensProvider',
    'registerInlayHintsProvider',
  ]) {
    assert.ok(report.providers.includes(`languages.${api} ${selector}`), api);
  }
  // The blocks of Markdown notes get the features that read one block's trace.
  for (const api of [
    'registerHoverProvider',
    'registerCompletionItemProvider',
    'registerCodeActionsProvider',
    'registerCodeLensProvider',
    'registerInlayHintsProvider',
  ]) {
    assert.ok(report.providers.includes(`languages.${api} {"language":"markdown"}`), api);
  }
  assert.deepEqual(report.serializers, ['handshake.preview']);
  assert.deepEqual(report.collections, ['handshake', 'handshake-markdown']);
  assert.deepEqual(report.api, ['extendMarkdownIt']);
  assert.equal(report.commandsAfterDispose, 0, 'every command is disposed with the extension');
});

test('the engine checks a .handshake document in the worker', () => {
  assert.deepEqual(
    report.handshakeDiagnostics.map((d) => [d.code, d.start, d.end]),
    [['HS101', [4, 37], [4, 40]]],
  );
  assert.match(report.handshakeDiagnostics[0]!.message, /^ack should be 101/);
  assert.match(report.hover ?? '', /101/);
});

test('the ack inside a Markdown fence is underlined where it is in the note', () => {
  // Line 8 of the note (0-based 7), the same columns as in the .handshake file.
  assert.deepEqual(
    report.markdownDiagnostics.map((d) => [d.code, d.start, d.end]),
    [['HS101', [7, 37], [7, 40]]],
  );
  assert.equal(report.markdownDiagnosticsAfterClose, null, 'cleared when the note closes');
});

test('the preview panel gets a page with a fresh nonce and then the diagram', () => {
  const nonce = /script-src &#39;nonce-([A-Za-z0-9_-]+)&#39;/.exec(report.previewHtml)?.[1] ?? '';
  assert.equal(nonce.length, 24, 'a nonce of 18 random bytes');
  assert.match(report.previewHtml, new RegExp(`<script nonce="${nonce}" src="`));
  const render = report.previewPosted.find((m) => m.type === 'render');
  assert.match(render?.source ?? '', /^sequenceDiagram\n/);
  assert.match(render?.source ?? '', /should be 101/);
});

test('extendMarkdownIt turns the fence into a diagram block in the browser, lines as in the note', () => {
  assert.match(report.markdownHtml, /<div class="handshake-fence">/);
  assert.match(
    report.markdownHtml,
    /<span class="handshake-severity">error<\/span> <code>HS101<\/code> <span class="handshake-line">line 8<\/span>: ack should be 101/,
  );
});

test('a TLS 1.3 capture imported with the key log setting is decrypted, as Node decrypts it', () => {
  assert.deepEqual(report.importMessages, []);
  assert.equal(report.imported.length, CAPTURES.length);
  CAPTURES.forEach((name, i) => {
    const bytes = readFileSync(`${REAL}/${name}.pcap`);
    const keyLog = parseKeyLog(readFileSync(`${REAL}/${name}.keylog`, 'utf8'));
    const node = importCapture(() => [bytes], {
      name: `${name}.pcap`,
      keyLog: { keyLog, crypto: nodeTlsCrypto },
    });
    assert.ok(node.ok);
    assert.match(node.text, /^# TLS 1\.3 decrypted with the key log/m);
    assert.equal(report.imported[i], node.text, name);
  });
});
