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
