import { Help, type Command } from '@oclif/core';
import { isGlobalFlag, takesGlobalFlags } from './leading-flags.js';

/**
 * A command's help shows its own flags and points to `help flags` for the
 * global ones, as rclone's does: every command shares some fifty global
 * flags, and repeating them buried the few that belong to the command.
 */
export class CommandHelp extends Help {
  override formatCommand(command: Command.Loadable): string {
    const own = Object.fromEntries(Object.entries(command.flags ?? {}).filter(([name]) => !isGlobalFlag(name)));
    const text = super.formatCommand({ ...command, flags: own } as Command.Loadable);
    const global = takesGlobalFlags(command)
      ? `\n\n${this.section('GLOBAL FLAGS', `Run "${this.config.bin} help flags" to see the global flags.`)}`
      : '';
    return `${text}${global}`;
  }

  /** The command list ends, as rclone's, with where to find the rest. */
  override async showRootHelp(): Promise<void> {
    await super.showRootHelp();
    this.log(`Use "${this.config.bin} <command> --help" for a command's own flags, "${this.config.bin} help flags" for the global flags.`);
  }
}
