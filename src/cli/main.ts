import { setLocale } from '../core/text/locale';
import { processIo } from './io';
import { run } from './run';

// A reader that stops early (`handshake check ... | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Like other command-line tools, the messages follow LC_ALL, LC_MESSAGES or LANG.
setLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
void Promise.resolve(run(process.argv.slice(2), processIo)).then((status) => {
  process.exitCode = status;
});
