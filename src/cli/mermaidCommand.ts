import { CLI_TEXT } from './cliText';
import { analyze } from '../core/analysis/analyze';
import { renderMermaid, type MermaidOptions } from '../core/render/mermaid';
import type { CliIo } from './io';

/**
 * `handshake mermaid FILE`: prints the Mermaid sequence diagram of a scenario. The diagram is
 * printed even when the scenario has errors (they are drawn); the exit status says so: 0 no
 * errors, 1 errors, 2 usage or file errors.
 */
export function mermaidCommand(file: string, options: Partial<MermaidOptions>, io: CliIo): number {
  const text = io.readText(file);
  if (typeof text !== 'string') {
    io.error(`handshake: ${CLI_TEXT.cannotRead({ file, reason: text.reason })}`);
    return 2;
  }
  const analysis = analyze(text);
  io.out(renderMermaid(analysis, options).text.trimEnd());
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
