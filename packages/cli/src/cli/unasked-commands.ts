import { UsageError } from '@rsyncish/core';

/**
 * Commands that change a remote but do not ask -i's questions (only copy,
 * sync, move, copyto and moveto do). -i there is refused: run as if it were
 * not given, they would delete or write what the user meant to approve first.
 */
const UNASKED = new Set(['delete', 'deletefile', 'purge', 'rmdir', 'rmdirs', 'mkdir', 'touch', 'rcat']);

export function refuseUnaskedInteractive(command: string, interactive: boolean): void {
  if (!interactive || !UNASKED.has(command)) return;
  throw new UsageError('ERR_BAD_FLAG', `-i/--interactive is not supported by ${command}: it would not ask before each change`, {
    hint: `see what ${command} would do with --dry-run first, then run it without -i`,
  });
}
