import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../src/core/analysis/analyze';
import { renderMermaid } from '../../src/core/render/mermaid';
import {
  launch,
  openPreview,
  renderAndWait,
  renderMessage,
  servePreview,
} from '../webview/browser';
import { chromiumArgs } from '../../src/cli/chromium';

/**
 * `handshake render`: the real bundle, drawing in headless Chromium (Debian's chromium, as the
 * browser tests use; `npm test` provisions it).
 */
const CLI = 'dist/cli.js';
const OUT = mkdtempSync(join(tmpdir(), 'handshake-render-'));

function cli(args: string[], env: Record<string, string> = {}) {
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  // Asynchronous, so that the other test files' browsers keep running meanwhile.
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * The labels of the drawn arrows of the scenario `text`, in order: Mermaid draws each line of a
 * label as a text element of its own, so they are joined as the engine's messages say.
 */
function arrowLabels(svg: string, text: string): string[] {
  const lines = [...svg.matchAll(/<text[^>]*class="messageText"[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] as string).replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
  );
  let next = 0;
  return renderMermaid(analyze(text)).messages.map((message) =>
    lines.slice(next, (next += message.labelLines)).join(' '),
  );
}

/** The number of segments (arrows) in the Mermaid text the engine writes for `text`. */
function segments(text: string): number {
  return renderMermaid(analyze(text))
    .text.split('\n')
    .filter((line) => /^\s*p\d+-/.test(line)).length;
}

test('render writes an SVG of the scenario: participants, an arrow per segment, no script', async () => {
  const output = join(OUT, 'tcpdump.svg');
  const file = 'examples/tcpdump-handshake.handshake';
  const result = await cli(['render', file, '-o', output]);
  assert.equal(result.status, 0, result.stderr);
  const svg = readFileSync(output, 'utf8');
  assert.match(
    svg,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/,
  );
  assert.match(svg, /client/);
  assert.match(svg, /192\.168\.1\.116:3337/);
  assert.match(svg, /server/);
  assert.match(svg, /192\.168\.1\.123:7788/);
  const labels = arrowLabels(svg, readFileSync(file, 'utf8'));
  assert.equal(labels.length, segments(readFileSync(file, 'utf8')));
  assert.deepEqual(labels, [
    'SYN seq=3626544836',
    'SYN ACK seq=1739326486 ack=3626544837',
    'ACK seq=3626544837 ack=1739326487',
    'PSH ACK seq=3626544837 ack=1739326487 len=18 "GET / HTTP/1.1"',
  ]);
  assert.doesNotMatch(svg, /<script|\son[a-z]+=/i);
  assert.match(svg, /background-color: rgb\(255, 255, 255\)/);
});

test('errors are drawn, in the dark theme, and the exit status says so', async () => {
  const output = join(OUT, 'mistakes.svg');
  const file = 'examples/mistakes.handshake';
  const result = await cli(['render', file, '-o', output, '--theme', 'dark']);
  assert.equal(result.status, 1, result.stderr);
  const svg = readFileSync(output, 'utf8');
  const labels = arrowLabels(svg, readFileSync(file, 'utf8'));
  assert.equal(labels.length, segments(readFileSync(file, 'utf8')));
  assert.ok(labels.includes('SYN ACK seq=1739326486 ack=3626544836 ✗ should be 3626544837'));
  assert.match(svg, /background-color: rgb\(30, 30, 30\)/);
});

test('without -o the SVG goes to standard output; a .png output is a PNG', async () => {
  const file = 'examples/four-way-close.handshake';
  const stdout = await cli(['render', file, '--no-states']);
  assert.equal(stdout.status, 0, stdout.stderr);
  assert.match(stdout.stdout, /^<\?xml/);
  assert.doesNotMatch(stdout.stdout, /FIN_WAIT_1/);
  const png = join(OUT, 'close.png');
  const result = await cli(['render', file, '-o', png]);
  assert.equal(result.status, 0, result.stderr);
  const bytes = readFileSync(png);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.readUInt32BE(16) > 400, 'a diagram-sized image, drawn at twice the size');
});

test('a Chinese scenario on a machine with no CJK font: drawn, with a warning naming the package', async () => {
  const file = join(OUT, 'chinese.handshake');
  writeFileSync(
    file,
    'scenario "三次握手"\nendpoint client\nendpoint server\nserver listen\nclient -> server SYN seq=x\n',
  );
  const folder = mkdtempSync(join(tmpdir(), 'handshake-nofonts-'));
  const conf = join(folder, 'fonts.conf');
  writeFileSync(
    conf,
    // Only DejaVu (provisioned with Chromium): Latin text, no Chinese.
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${folder}</cachedir></fontconfig>\n`,
  );
  const result = await cli(['render', file], { FONTCONFIG_FILE: conf });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /<svg /);
  assert.match(result.stderr, /Chinese text.*apt-get install fonts-noto-cjk/);
  const fonts = await cli(['render', file]);
  assert.doesNotMatch(fonts.stderr, /fonts-noto-cjk/, 'provisioning installs the CJK fonts');
});

test('hostile scenario text is drawn as text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-render-'));
  const file = join(dir, 'hostile.handshake');
  const hostile = [
    'scenario "<script>alert(1)</script>"',
    'endpoint client',
    'endpoint server',
    'server listen',
    'client -> server SYN seq=x "<img src=x onerror=alert(2)>"',
    '',
  ].join('\n');
  writeFileSync(file, hostile);
  const result = await cli(['render', file]);
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stdout, /<script|<img/i);
  // The label shows the payload's characters (escaped in the file), not an element.
  assert.match(
    arrowLabels(result.stdout, hostile)[0] ?? '',
    /"&lt;img src=x onerror=alert\(2\)&gt;"$/,
  );
});

test('render draws what the preview panel draws: the same text, layout and size', async () => {
  const browser = await launch();
  const server = await servePreview(() => 'vscode-light');
  try {
    for (const file of [
      'examples/tcpdump-handshake.handshake',
      'examples/mitm-replaced-key.handshake',
    ]) {
      const result = await cli(['render', file]);
      assert.equal(result.status, 0, result.stderr);
      const { page } = await openPreview(browser, server);
      await renderAndWait(page, renderMessage(readFileSync(file, 'utf8')));
      const panel = await page.evaluate(
        "new XMLSerializer().serializeToString(document.querySelector('#canvas svg'))",
      );
      await page.close();
      // Every text the diagram shows, in order, and the box it is laid out in.
      const texts = (svg: string) =>
        [...svg.matchAll(/<text[^>]*>([^]*?)<\/text>/g)].map((m) =>
          (m[1] as string)
            .replace(/<[^>]+>/g, ' ')
            .replace(/&quot;/g, '"')
            .trim(),
        );
      const viewBox = (svg: string) => /viewBox="([^"]+)"/.exec(svg)?.[1];
      assert.deepEqual(texts(result.stdout), texts(String(panel)), file);
      assert.equal(viewBox(result.stdout), viewBox(String(panel)), file);
    }
  } finally {
    await browser.close();
    await server.close();
  }
});

test('without a browser: a clear message, exit 2, nothing written', async () => {
  const output = join(OUT, 'none.svg');
  const result = await cli(['render', 'examples/tcpdump-handshake.handshake', '-o', output], {
    CHROME_PATH: join(OUT, 'no-such-chromium'),
  });
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /^handshake: render draws with Chromium or Chrome, which was not found/,
  );
  assert.match(result.stderr, /set CHROME_PATH/);
  assert.match(result.stderr, /no-such-chromium, which does not exist/);
  assert.equal(existsSync(output), false);
});

test('a CHROME_PATH that is not a browser: exit 2 and why', async () => {
  const output = join(OUT, 'false.svg');
  const result = await cli(['render', 'examples/tcpdump-handshake.handshake', '-o', output], {
    CHROME_PATH: '/bin/false',
  });
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /^handshake: could not draw examples\/tcpdump-handshake\.handshake: \/bin\/false did not start as Chromium: /,
  );
  assert.equal(result.stderr.trim().split('\n').length, 1, 'one line, no call log');
  assert.equal(existsSync(output), false);
});

test('render usage errors exit 2', async () => {
  for (const args of [
    ['render'],
    ['render', 'a.handshake', 'b.handshake'],
    ['render', 'examples/tcpdump-handshake.handshake', '--theme', 'blue'],
    ['render', 'examples/tcpdump-handshake.handshake', '-o'],
    ['render', 'examples/tcpdump-handshake.handshake', '--bogus'],
  ]) {
    const result = await cli(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^handshake: /);
  }
  const missing = await cli(['render', join(OUT, 'missing.handshake')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*: no such file/);
});

test('Chromium keeps its sandbox unless it runs as root', () => {
  assert.ok(!chromiumArgs(false).includes('--no-sandbox'));
  assert.ok(chromiumArgs(true).includes('--no-sandbox'));
  for (const args of [chromiumArgs(false), chromiumArgs(true)]) {
    assert.ok(args.includes('--disable-background-networking'));
    assert.ok(args.includes('--headless=new'));
  }
});
