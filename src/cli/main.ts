import { localeOf } from '../core/text/locale';
import { cliTextIn } from './cliText';
import { outputState, processIo, reasonOf } from './io';
import { run } from './run';

// A reader that stops early (`handshake check ... | head`) is not an error of ours: the rest of
// the output is dropped and the exit status is still the command's (1 when a check failed).
// Any other failure to write (a full disk: `> /dev/full`) ends with its reason and status 2.
// Like other command-line tools, the messages follow LC_ALL, LC_MESSAGES or LANG: read once here
// and passed to every part that words something.
const locale = localeOf(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
const cliText = cliTextIn(locale);

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  outputState.failure ??= reasonOf(error, locale);
});
process.on('exit', () => {
  if (outputState.failure === undefined) return;
  process.stderr.write(
    `handshake: ${cliText.cannotWrite({ file: cliText.theOutput, reason: outputState.failure })}\n`,
  );
  process.exitCode = 2;
});
void Promise.resolve(run(process.argv.slice(2), processIo(locale))).then((status) => {
  process.exitCode = status;
});
