import { CLI_TEXT } from './cliText';
import { readFileSync } from 'node:fs';

/** What the CLI needs from the outside world, so commands can be tested without a process. */
export interface CliIo {
  readonly readText: (path: string) => string | { readonly reason: string };
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
}

/** Why a file could not be read, in the current language. */
function reasonOf(code: string): string | undefined {
  return code === 'ENOENT'
    ? CLI_TEXT.noSuchFile
    : code === 'EACCES'
      ? CLI_TEXT.permissionDenied
      : code === 'EISDIR'
        ? CLI_TEXT.isDirectory
        : undefined;
}

export const processIo: CliIo = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      return { reason: reasonOf(code) ?? (error as Error).message };
    }
  },
  out: (line) => process.stdout.write(line + '\n'),
  error: (line) => process.stderr.write(line + '\n'),
};
