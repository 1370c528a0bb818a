import { CLI_TEXT } from './cliText';
import { checkCommand } from './checkCommand';
import { importCommand } from './importCommand';
import { parseDiagramArgs } from './diagramArgs';
import type { CliIo } from './io';
import { mermaidCommand } from './mermaidCommand';
import { nodeRenderIo, renderCommand, type RenderIo } from './renderCommand';

/** The usage text, in the current language. */
export function usage(): string {
  return CLI_TEXT.usage;
}

/**
 * Runs the CLI with `args` (without `node` and the script) and returns the exit status; `render`
 * returns it once the browser is done.
 */
export function run(
  args: readonly string[],
  io: CliIo,
  renderIo: RenderIo = nodeRenderIo(io),
): number | Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.error : io.out)(usage());
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') {
    const files = rest.filter((arg) => !arg.startsWith('--'));
    const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--json');
    if (unknown.length > 0)
      return usageError(io, CLI_TEXT.unknownOption({ option: unknown[0] ?? '' }));
    if (files.length === 0) return usageError(io, CLI_TEXT.checkNeedsFile);
    return checkCommand({ files, json: rest.includes('--json') }, io);
  }
  if (command === 'mermaid') return runMermaid(rest, io);
  if (command === 'import') return runImport(rest, io);
  if (command === 'render') return runRender(rest, renderIo);
  return usageError(io, CLI_TEXT.unknownCommand({ command }));
}

function runMermaid(args: readonly string[], io: CliIo): number {
  const parsed = parseDiagramArgs(args);
  if (!parsed.ok) return usageError(io, parsed.error);
  const unknown = parsed.rest.find((arg) => arg.startsWith('--'));
  if (unknown) return usageError(io, CLI_TEXT.unknownOption({ option: unknown }));
  if (parsed.rest.length !== 1)
    return usageError(io, CLI_TEXT.takesOneFile({ command: 'mermaid' }));
  return mermaidCommand(parsed.rest[0] as string, parsed.options, io);
}

function runRender(args: readonly string[], io: RenderIo): number | Promise<number> {
  const parsed = parseDiagramArgs(args);
  if (!parsed.ok) return usageError(io, parsed.error);
  const files: string[] = [];
  let output: string | undefined;
  let theme: 'light' | 'dark' = 'light';
  for (let i = 0; i < parsed.rest.length; i++) {
    const arg = parsed.rest[i] as string;
    if (arg === '-o' || arg === '--output') {
      output = parsed.rest[++i];
      if (!output) return usageError(io, CLI_TEXT.takesFileName({ option: arg }));
    } else if (arg === '--theme') {
      const value = parsed.rest[++i];
      if (value !== 'light' && value !== 'dark') return usageError(io, CLI_TEXT.themeValues);
      theme = value;
    } else if (arg.startsWith('-')) return usageError(io, CLI_TEXT.unknownOption({ option: arg }));
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, CLI_TEXT.takesOneFile({ command: 'render' }));
  return renderCommand({ file: files[0] as string, output, theme, diagram: parsed.options }, io);
}

function runImport(args: readonly string[], io: CliIo): number {
  const files: string[] = [];
  let connection: number | undefined;
  let list = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--list') list = true;
    else if (arg === '--connection') {
      connection = Number(args[++i]);
      if (!Number.isInteger(connection) || connection < 1) {
        return usageError(io, CLI_TEXT.connectionNumber);
      }
    } else if (arg.startsWith('--')) return usageError(io, CLI_TEXT.unknownOption({ option: arg }));
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, CLI_TEXT.takesOneFile({ command: 'import' }));
  return importCommand(
    { file: files[0] as string, list, ...(connection ? { connection } : {}) },
    io,
  );
}

function usageError(io: CliIo, message: string): number {
  io.error(`handshake: ${message}\n\n${usage()}`);
  return 2;
}
