import { cliTextIn } from './cliText';
import { analyze } from '../core/analysis/analyze';
import { renderMermaid, type MermaidOptions } from '../core/render/mermaid';
import type { CliIo } from './io';
import { chooseBlock, MARKDOWN, noteBlocks } from './markdownInput';

/**
 * `handshake mermaid FILE [--block N]`: prints the Mermaid sequence diagram of a scenario. Of a
 * Markdown note, the diagram of block N, or without `--block` the note's diagrams as Markdown:
 * one ` ```mermaid ` block per ` ```handshake ` block, each after a comment naming its line.
 * The diagram is printed even when the scenario has errors (they are drawn); the exit status
 * says so: 0 no errors, 1 errors, 2 usage or file errors.
 */
export function mermaidCommand(
  file: string,
  options: Partial<MermaidOptions>,
  io: CliIo,
  block?: number,
): number {
  const cliText = cliTextIn(io.locale);
  const text = io.readText(file);
  if (typeof text !== 'string') {
    io.error(`handshake: ${cliText.cannotRead({ file, reason: text.reason })}`);
    return 2;
  }
  if (!MARKDOWN.test(file)) {
    if (block !== undefined) {
      io.error(`handshake: ${cliText.blockOfNote({ file })}`);
      return 2;
    }
    return printDiagram(text, options, io);
  }
  const blocks = noteBlocks(text);
  if (block !== undefined || blocks.length === 0) {
    const chosen = chooseBlock(file, blocks, block, io.locale);
    if ('error' in chosen) {
      io.error(`handshake: ${chosen.error}`);
      return 2;
    }
    return printDiagram(chosen.text, options, io, chosen.firstLine);
  }
  let errors = false;
  const parts: string[] = [];
  for (const b of blocks) {
    const analysis = analyze(b.text, { firstLine: b.firstLine, locale: io.locale });
    errors ||= analysis.diagnostics.some((d) => d.severity === 'error');
    parts.push(
      `<!-- ${cliText.blockHeading({ index: b.index, line: b.line })} -->`,
      '```mermaid',
      renderMermaid(analysis, options).text.trimEnd(),
      '```',
      '',
    );
  }
  io.out(parts.join('\n').trimEnd());
  return errors ? 1 : 0;
}

function printDiagram(
  text: string,
  options: Partial<MermaidOptions>,
  io: CliIo,
  firstLine = 0,
): number {
  const analysis = analyze(text, { firstLine, locale: io.locale });
  io.out(renderMermaid(analysis, options).text.trimEnd());
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
