import { checkCommand } from './checkCommand';
import { importCommand } from './importCommand';
import { parseDiagramArgs } from './diagramArgs';
import type { CliIo } from './io';
import { mermaidCommand } from './mermaidCommand';
import { nodeRenderIo, renderCommand, type RenderIo } from './renderCommand';

export const USAGE = `Usage: handshake <command> [options]

Commands:
  check FILE...   check .handshake scenarios, and the \`\`\`handshake blocks of
                  Markdown files (.md); one line per problem:
                  FILE:LINE:COL: error|warning|info CODE: MESSAGE
    --json        print a JSON array of {file, line, column, endLine, endColumn,
                  severity, code, message} instead
  mermaid FILE    print the scenario as a Mermaid sequence diagram
    --numbers asWritten|absolute|relative
                  how seq/ack are shown (default asWritten; relative is
                  Wireshark's relative sequence numbers)
    --no-states   no notes for state changes
    --no-payload  no payload text in the labels
    --no-line-numbers
                  do not number arrows with their source lines
    --max-segments N
                  draw at most N segments (from the start)
  import FILE     print a packet capture (pcap, pcapng) or tcpdump text output as a
                  .handshake scenario, with Wireshark's TCP analysis in comments
    --connection N
                  only the Nth TCP connection
    --list        list the connections instead
  render FILE     draw the diagram as an SVG with the bundled Mermaid in headless
                  Chromium (CHROME_PATH names the browser if it is elsewhere)
    -o OUT        write to OUT (OUT.png for a PNG); SVG to standard output if not given
    --theme light|dark
                  the colours (default light)
    and the options of mermaid

Exit status: 0 no errors, 1 errors found (the diagram is still printed or drawn),
2 usage or file errors, or no browser to draw with.`;

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
    (command === undefined ? io.error : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') {
    const files = rest.filter((arg) => !arg.startsWith('--'));
    const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--json');
    if (unknown.length > 0) return usageError(io, `unknown option ${unknown[0]}`);
    if (files.length === 0) return usageError(io, 'check needs at least one FILE');
    return checkCommand({ files, json: rest.includes('--json') }, io);
  }
  if (command === 'mermaid') return runMermaid(rest, io);
  if (command === 'import') return runImport(rest, io);
  if (command === 'render') return runRender(rest, renderIo);
  return usageError(io, `unknown command '${command}'`);
}

function runMermaid(args: readonly string[], io: CliIo): number {
  const parsed = parseDiagramArgs(args);
  if (!parsed.ok) return usageError(io, parsed.error);
  const unknown = parsed.rest.find((arg) => arg.startsWith('--'));
  if (unknown) return usageError(io, `unknown option ${unknown}`);
  if (parsed.rest.length !== 1) return usageError(io, 'mermaid takes exactly one FILE');
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
      if (!output) return usageError(io, `${arg} takes a file name`);
    } else if (arg === '--theme') {
      const value = parsed.rest[++i];
      if (value !== 'light' && value !== 'dark')
        return usageError(io, '--theme takes light or dark');
      theme = value;
    } else if (arg.startsWith('-')) return usageError(io, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, 'render takes exactly one FILE');
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
        return usageError(io, '--connection takes a connection number (1, 2, ...; see --list)');
      }
    } else if (arg.startsWith('--')) return usageError(io, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, 'import takes exactly one FILE');
  return importCommand(
    { file: files[0] as string, list, ...(connection ? { connection } : {}) },
    io,
  );
}

function usageError(io: CliIo, message: string): number {
  io.error(`handshake: ${message}\n\n${USAGE}`);
  return 2;
}
