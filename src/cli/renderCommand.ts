import { cliTextIn } from './cliText';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../core/analysis/analyze';
import { renderMermaid, type MermaidOptions } from '../core/render/mermaid';
import { missingFonts } from './fonts';
import { findChromium } from './chromium';
import { drawInChromium, type DrawFormat, type DrawTheme } from './drawInChromium';
import type { CliIo } from './io';
import { chooseBlock, MARKDOWN, noteBlocks } from './markdownInput';

export interface RenderOptions {
  readonly file: string;
  /** Where to write; the SVG goes to standard output when absent. PNG when it ends in .png. */
  readonly output: string | undefined;
  readonly theme: DrawTheme;
  readonly diagram: Partial<MermaidOptions>;
  /** Of a Markdown note: the block to draw (1-based); a note with one block needs none. */
  readonly block?: number;
}

/** What `render` needs beyond the CLI's io: the environment and a way to write bytes. */
export interface RenderIo extends CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly writeBytes: (path: string, data: Uint8Array) => string | undefined;
  /** The folder of the built CLI, where webview/ (mermaid.js, markdown-preview.js) is. */
  readonly distDir: string;
}

export const nodeRenderIo = (io: CliIo): RenderIo => ({
  ...io,
  env: process.env,
  writeBytes(path, data) {
    try {
      writeFileSync(path, data);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  },
  distDir: __dirname,
});

/**
 * `handshake render FILE [-o OUT.svg|OUT.png] [--theme light|dark]`: the sequence diagram as
 * an SVG (or PNG) file, drawn by the same bundled Mermaid as the previews, in headless
 * Chromium. Exit 0 when drawn and the scenario has no errors, 1 when drawn and it has errors
 * (they are drawn), 2 when it cannot be read, drawn or written.
 */
export async function renderCommand(options: RenderOptions, io: RenderIo): Promise<number> {
  const cliText = cliTextIn(io.locale);
  const read = io.readText(options.file);
  if (typeof read !== 'string') {
    io.error(`handshake: ${cliText.cannotRead({ file: options.file, reason: read.reason })}`);
    return 2;
  }
  let text = read;
  let firstLine = 0;
  if (options.block !== undefined && !MARKDOWN.test(options.file)) {
    io.error(`handshake: ${cliText.blockOfNote({ file: options.file })}`);
    return 2;
  }
  if (MARKDOWN.test(options.file)) {
    // A note is drawn one block at a time: the panel draws one scenario, and so does render.
    const chosen = chooseBlock(options.file, noteBlocks(read), options.block, io.locale);
    if ('error' in chosen) {
      io.error(`handshake: ${chosen.error}`);
      return 2;
    }
    text = chosen.text;
    firstLine = chosen.firstLine;
  }
  const format: DrawFormat = options.output?.toLowerCase().endsWith('.png') ? 'png' : 'svg';
  if (format === 'png' && !options.output) {
    io.error(`handshake: ${cliText.pngNeedsOutput}`);
    return 2;
  }
  const chromium = findChromium(io.env);
  if (!chromium.found) {
    io.error(`handshake: ${cliText.noChromium} (${chromium.why})`);
    return 2;
  }
  const analysis = analyze(text, { firstLine, locale: io.locale });
  for (const need of missingFonts(renderMermaid(analysis, options.diagram).text, io.env)) {
    io.error(`handshake: ${cliText.missingFont(need)}`);
  }
  const drawn = await drawInChromium({
    text,
    firstLine,
    theme: options.theme,
    format,
    diagram: options.diagram,
    locale: io.locale,
    executablePath: chromium.path,
    webviewDir: join(io.distDir, 'webview'),
  });
  if (!drawn.ok) {
    io.error(
      drawn.missingPlaywright
        ? `handshake: ${cliText.needsPlaywright({ what: drawn.error })}`
        : `handshake: ${cliText.couldNotDraw({ file: options.file, reason: drawn.error })}`,
    );
    return 2;
  }
  if (options.output) {
    const failure = io.writeBytes(options.output, drawn.data);
    if (failure) {
      io.error(`handshake: ${cliText.cannotWrite({ file: options.output, reason: failure })}`);
      return 2;
    }
  } else {
    io.out(new TextDecoder().decode(drawn.data));
  }
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
