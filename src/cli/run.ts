import { checkCommand } from './checkCommand';
import type { CliIo } from './io';

export const USAGE = `Usage: handshake <command> [options]

Commands:
  check FILE...   check .handshake scenarios; one line per problem:
                  FILE:LINE:COL: error|warning|info CODE: MESSAGE
    --json        print a JSON array of {file, line, column, endLine, endColumn,
                  severity, code, message} instead

Exit status: 0 no errors, 1 errors found, 2 usage or file errors.`;

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
  return usageError(io, `unknown command '${command}'`);
}

function usageError(io: CliIo, message: string): number {
  io.error(`handshake: ${message}\n\n${USAGE}`);
  return 2;
}
