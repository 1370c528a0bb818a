import { readFileSync } from 'node:fs';

/** What the CLI needs from the outside world, so commands can be tested without a process. */
export interface CliIo {
  readonly readText: (path: string) => string | { readonly reason: string };
  readonly out: (line: string) => void;
  readonly error: (line: string) => void;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

export const processIo: CliIo = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      return { reason: REASONS[code] ?? (error as Error).message };
    }
  },
  out: (line) => process.stdout.write(line + '\n'),
  error: (line) => process.stderr.write(line + '\n'),
};
