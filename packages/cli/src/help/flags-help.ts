import { CommandHelp as OclifCommandHelp, type Command, type Config } from '@oclif/core';
import { UsageError } from '@rsyncish/core';
import { GLOBAL_FLAGS_HOST, isGlobalFlag } from './leading-flags.js';

/** Renders only the flag sections of a command's help, grouped by their help group. */
class FlagSections extends OclifCommandHelp {
  protected override sections(): ReturnType<OclifCommandHelp['sections']> {
    return super.sections().filter((s) => s.header === 'FLAGS');
  }
}

/**
 * `rsyncish help flags [regexp]`: the global flags in their groups (GLOBAL,
 * FILTERS, ...), those whose name matches the regexp when one is given, as
 * rclone's `help flags` does.
 */
export function formatGlobalFlags(config: Config, pattern?: string): string {
  const host = config.findCommand(GLOBAL_FLAGS_HOST);
  let match: RegExp | undefined;
  try {
    match = pattern === undefined ? undefined : new RegExp(pattern);
  } catch (err) {
    throw new UsageError('ERR_BAD_REGEXP', `help flags: invalid regexp "${pattern}": ${(err as Error).message}`, {
      hint: 'give a regular expression that matches flag names, e.g. "help flags size"',
    });
  }
  const flags = Object.fromEntries(
    Object.entries(host?.flags ?? {}).filter(([name]) => isGlobalFlag(name) && (match === undefined || match.test(name))),
  );
  const command = { ...(host as Command.Loadable), id: 'help flags', args: {}, flags };
  return new FlagSections(command, config, { maxWidth: process.stdout.columns || 80 } as never).generate();
}
