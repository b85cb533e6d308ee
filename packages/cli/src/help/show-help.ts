import type { Config } from '@oclif/core';
import { readCommandLine } from '../cli/command-line.js';
import { CommandHelp } from './command-help.js';
import { formatGlobalFlags } from './flags-help.js';
import { leadingFlags } from './leading-flags.js';

/** Help for one command (or topic), or the command list when id is undefined. */
export async function showHelp(config: Config, id: string | undefined): Promise<void> {
  const help = new CommandHelp(config, config.pjson.oclif.helpOptions ?? {});
  await help.showHelp(id === undefined ? [] : [id]);
}

/**
 * `rsyncish help [command...]` and `rsyncish help flags [regexp]`. The words
 * are read as a command line, so a mistyped one gets the same suggestion.
 */
export async function runHelpCommand(config: Config, argv: readonly string[]): Promise<void> {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (words[0] === 'flags') {
    process.stdout.write(`${formatGlobalFlags(config, words[1])}\n`);
    return;
  }
  const line = readCommandLine(words, { ids: config.commandIDs, flags: leadingFlags() });
  await showHelp(config, line.id);
}
