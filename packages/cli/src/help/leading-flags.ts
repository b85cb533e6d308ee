import type { LeadingFlag } from '../cli/command-line.js';
import { globalFlags } from '../global-flags.js';

/** The global flags as the command-line reader needs them, and -h, which is --help. */
export function leadingFlags(): LeadingFlag[] {
  const flags: LeadingFlag[] = Object.entries(globalFlags).map(([name, flag]) => ({
    name,
    char: (flag as { char?: string }).char,
    takesValue: flag.type !== 'boolean',
  }));
  flags.push({ name: 'help', char: 'h', takesValue: false });
  return flags;
}

export function isGlobalFlag(name: string): boolean {
  return Object.hasOwn(globalFlags, name);
}

/**
 * The command whose manifest entry carries the global flags' help. Every
 * command of BaseCommand shares the same seventy-odd global flags; the
 * manifest (read at every start) keeps them on this one command and marks the
 * others with `globalFlags` (scripts/write-manifest.mjs).
 */
export const GLOBAL_FLAGS_HOST = 'copy';

/** Whether a command from oclif's manifest takes the global flags. */
export function takesGlobalFlags(command: { flags?: object; globalFlags?: unknown }): boolean {
  return command.globalFlags !== undefined || Object.keys(command.flags ?? {}).some(isGlobalFlag);
}
