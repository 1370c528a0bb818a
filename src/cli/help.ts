import type { Locale } from '../core/text/locale';
import { cliTextIn, COMMANDS, type CommandName } from './cliText';

/** Whether `word` names a command that `handshake help` can describe. */
export function isCommandName(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** The whole usage text (`handshake --help`), in the current language. */
export function usage(locale: Locale): string {
  const cliText = cliTextIn(locale);
  const help = cliText.help;
  const sections = COMMANDS.map((name) => help.commands[name].text);
  return [help.usage, '', help.commandsHeading, ...sections, help.other, '', help.exitStatus].join(
    '\n',
  );
}

/** One command's part of the usage (`handshake help check`), under its own synopsis. */
export function commandHelp(name: CommandName, locale: Locale): string {
  const cliText = cliTextIn(locale);
  const help = cliText.help;
  const { args, text } = help.commands[name];
  return [help.synopsis({ command: name, args }), '', text, '', help.exitStatus].join('\n');
}
