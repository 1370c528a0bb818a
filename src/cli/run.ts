import type { Locale } from '../core/text/locale';
import { cliTextIn } from './cliText';
import { CHECK_FORMATS, checkCommand, type CheckFormat } from './checkCommand';
import { commandHelp, isCommandName, usage } from './help';
import { importCommand } from './importCommand';
import { parseDiagramArgs } from './diagramArgs';
import type { CliIo } from './io';
import { mermaidCommand } from './mermaidCommand';
import { nodeRenderIo, renderCommand, type RenderIo } from './renderCommand';
import { VERSION } from './version';

/**
 * Runs the CLI with `args` (without `node` and the script) and returns the exit status; `render`
 * returns it once the browser is done.
 */
export function run(
  args: readonly string[],
  io: CliIo,
  renderIo: RenderIo = nodeRenderIo(io),
): number | Promise<number> {
  const cliText = cliTextIn(io.locale);
  const [command, ...rest] = args;
  if (command === undefined) {
    io.error(usage(io.locale));
    return 2;
  }
  if (command === '--help' || command === '-h') return help([], io);
  if (command === 'help') return help(rest, io);
  if (command === '--version') {
    io.out(VERSION);
    return 0;
  }
  // `handshake check --help` is `handshake help check`, as git and npm have it.
  if (isCommandName(command) && rest.some((arg) => arg === '--help' || arg === '-h')) {
    return help([command], io);
  }
  if (command === 'check') return runCheck(rest, io);
  if (command === 'mermaid') return runMermaid(rest, io);
  if (command === 'import') return runImport(rest, io);
  if (command === 'render') return runRender(rest, renderIo);
  return usageError(io, cliText.unknownCommand({ command }));
}

/** `handshake help [COMMAND]`: all of the usage, or one command's part of it. */
function help(args: readonly string[], io: CliIo): number {
  const cliText = cliTextIn(io.locale);
  const [name, ...extra] = args;
  if (name === undefined) {
    io.out(usage(io.locale));
    return 0;
  }
  if (!isCommandName(name)) return usageError(io, cliText.unknownCommand({ command: name }));
  if (extra.length > 0) return usageError(io, cliText.unknownOption({ option: extra[0] ?? '' }));
  io.out(commandHelp(name, io.locale));
  return 0;
}

function isCheckFormat(value: string | undefined): value is CheckFormat {
  return (CHECK_FORMATS as readonly (string | undefined)[]).includes(value);
}

/** `check [--format F | --json] FILE...`; the last format given wins, as with most tools. */
function runCheck(args: readonly string[], io: CliIo): number {
  const cliText = cliTextIn(io.locale);
  const files: string[] = [];
  let format: CheckFormat = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') format = 'json';
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (!isCheckFormat(value)) return usageError(io, cliText.formatValues);
      format = value;
    } else if (arg.startsWith('--')) return usageError(io, cliText.unknownOption({ option: arg }));
    else files.push(arg);
  }
  if (files.length === 0) return usageError(io, cliText.checkNeedsFile);
  return checkCommand({ files, format }, io);
}

/** `--block N` (a note's block, 1-based) out of `args`, or the usage error. */
function takeBlock(
  args: readonly string[],
  locale: Locale,
): { ok: true; block?: number; rest: string[] } | { ok: false; error: string } {
  const cliText = cliTextIn(locale);
  const rest: string[] = [];
  let block: number | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--block') {
      rest.push(args[i] as string);
      continue;
    }
    block = Number(args[++i]);
    if (!Number.isInteger(block) || block < 1) return { ok: false, error: cliText.blockTakes };
  }
  return { ok: true, rest, ...(block !== undefined ? { block } : {}) };
}

function runMermaid(args: readonly string[], io: CliIo): number {
  const cliText = cliTextIn(io.locale);
  const parsed = parseDiagramArgs(args);
  if (!parsed.ok) return usageError(io, parsed.error);
  const taken = takeBlock(parsed.rest, io.locale);
  if (!taken.ok) return usageError(io, taken.error);
  const unknown = taken.rest.find((arg) => arg.startsWith('--'));
  if (unknown) return usageError(io, cliText.unknownOption({ option: unknown }));
  if (taken.rest.length !== 1) return usageError(io, cliText.takesOneFile({ command: 'mermaid' }));
  return mermaidCommand(taken.rest[0] as string, parsed.options, io, taken.block);
}

function runRender(args: readonly string[], io: RenderIo): number | Promise<number> {
  const cliText = cliTextIn(io.locale);
  const diagramArgs = parseDiagramArgs(args);
  if (!diagramArgs.ok) return usageError(io, diagramArgs.error);
  const taken = takeBlock(diagramArgs.rest, io.locale);
  if (!taken.ok) return usageError(io, taken.error);
  const parsed = { ...diagramArgs, rest: taken.rest };
  const files: string[] = [];
  let output: string | undefined;
  let theme: 'light' | 'dark' = 'light';
  for (let i = 0; i < parsed.rest.length; i++) {
    const arg = parsed.rest[i] as string;
    if (arg === '-o' || arg === '--output') {
      output = parsed.rest[++i];
      if (!output) return usageError(io, cliText.takesFileName({ option: arg }));
    } else if (arg === '--theme') {
      const value = parsed.rest[++i];
      if (value !== 'light' && value !== 'dark') return usageError(io, cliText.themeValues);
      theme = value;
    } else if (arg.startsWith('-')) return usageError(io, cliText.unknownOption({ option: arg }));
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, cliText.takesOneFile({ command: 'render' }));
  return renderCommand(
    {
      file: files[0] as string,
      output,
      theme,
      diagram: parsed.options,
      ...(taken.block !== undefined ? { block: taken.block } : {}),
    },
    io,
  );
}

function runImport(args: readonly string[], io: CliIo): number {
  const cliText = cliTextIn(io.locale);
  const files: string[] = [];
  let connection: number | undefined;
  let list = false;
  let keylog: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--list') list = true;
    else if (arg === '--keylog') {
      keylog = args[++i];
      if (keylog === undefined || keylog === '') return usageError(io, cliText.keylogFile);
    } else if (arg.startsWith('--keylog=')) {
      keylog = arg.slice('--keylog='.length);
      if (keylog === '') return usageError(io, cliText.keylogFile);
    } else if (arg === '--connection') {
      connection = Number(args[++i]);
      if (!Number.isInteger(connection) || connection < 1) {
        return usageError(io, cliText.connectionNumber);
      }
    } else if (arg.startsWith('--')) return usageError(io, cliText.unknownOption({ option: arg }));
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, cliText.takesOneFile({ command: 'import' }));
  return importCommand(
    {
      file: files[0] as string,
      list,
      ...(connection ? { connection } : {}),
      ...(keylog !== undefined ? { keylog } : {}),
    },
    io,
  );
}

function usageError(io: CliIo, message: string): number {
  io.error(`handshake: ${message}\n\n${usage(io.locale)}`);
  return 2;
}
