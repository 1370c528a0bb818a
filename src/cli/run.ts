import type { MermaidOptions } from '../core/render/mermaid';
import { NUMBER_STYLES, type NumberStyle } from '../core/render/numberStyle';
import { checkCommand } from './checkCommand';
import { importCommand } from './importCommand';
import type { CliIo } from './io';
import { mermaidCommand } from './mermaidCommand';

export const USAGE = `Usage: handshake <command> [options]

Commands:
  check FILE...   check .handshake scenarios; one line per problem:
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

Exit status: 0 no errors, 1 errors found (the diagram is still printed),
2 usage or file errors.`;

/** Runs the CLI with `args` (without `node` and the script) and returns the exit status. */
export function run(args: readonly string[], io: CliIo): number {
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
  return usageError(io, `unknown command '${command}'`);
}

function runMermaid(args: readonly string[], io: CliIo): number {
  const options: { -readonly [K in keyof MermaidOptions]?: MermaidOptions[K] } = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--no-states') options.showStates = false;
    else if (arg === '--no-payload') options.showPayload = false;
    else if (arg === '--no-line-numbers') options.lineNumbers = false;
    else if (arg === '--numbers') {
      const value = args[++i];
      if (!value || !(NUMBER_STYLES as readonly string[]).includes(value)) {
        return usageError(io, `--numbers takes ${NUMBER_STYLES.join(', ')}`);
      }
      options.numbers = value as NumberStyle;
    } else if (arg === '--max-segments') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) {
        return usageError(io, '--max-segments takes a whole number of at least 1');
      }
      options.maxSegments = value;
    } else if (arg.startsWith('--')) return usageError(io, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) return usageError(io, 'mermaid takes exactly one FILE');
  return mermaidCommand(files[0] as string, options, io);
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
