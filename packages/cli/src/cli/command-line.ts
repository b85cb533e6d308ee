import { UsageError } from '@rsyncish/core';
import { didYouMean } from './did-you-mean.js';

/** What the reader needs to know of one flag that may come before the command. */
export interface LeadingFlag {
  name: string;
  char?: string;
  takesValue: boolean;
}

export interface CommandTable {
  /** oclif's command ids, `:`-joined (`config:create`). */
  ids: readonly string[];
  flags: readonly LeadingFlag[];
}

export interface CommandLine {
  /** The command's id (`config:create`), or undefined when none was named. */
  id?: string;
  /** Everything else, flags that came before the command first, in their order. */
  argv: string[];
  /** -h or --help came before any `--`. */
  help: boolean;
}

/**
 * Read a command line the way rclone (cobra) does: global flags may come before
 * the command, and the command is the longest run of words that names one
 * (`config create`). oclif takes the first word as the command and glues
 * unknown words into it, so main.ts asks this first and hands oclif the id
 * with the flags moved after it.
 */
export function readCommandLine(argv: readonly string[], table: CommandTable): CommandLine {
  const leading: string[] = [];
  let i = 0;
  while (i < argv.length && isFlag(argv[i])) {
    const taken = flagTokens(argv, i, table);
    leading.push(...argv.slice(i, i + taken));
    i += taken;
  }
  const words: string[] = [];
  const ids = new Set(table.ids);
  const prefixes = usablePrefixes(table.ids);
  if (i < argv.length && argv[i] !== '--') {
    const first = argv[i];
    if (!prefixes.has(first)) throw unknownCommand(first, table.ids);
    words.push(first);
    i++;
    // A further word belongs to the id only when the longer id exists (`config show`, not `lsd acd:`).
    while (i < argv.length && prefixes.has([...words, argv[i]].join(':'))) words.push(argv[i++]);
  }
  const rest = [...leading, ...argv.slice(i)];
  const dashes = rest.indexOf('--');
  const before = dashes === -1 ? rest : rest.slice(0, dashes);
  const help = before.includes('-h') || before.includes('--help');
  const id = words.length > 0 ? words.join(':') : undefined;
  if (id !== undefined && !ids.has(id) && !help) {
    // Words naming a group of commands but no command of its own: show the group's help.
    return { id, argv: rest, help: true };
  }
  return { id, argv: rest, help };
}

/** How many arguments the flag at argv[i] takes up: itself, and its value if it has one apart. */
function flagTokens(argv: readonly string[], i: number, table: CommandTable): number {
  const arg = argv[i];
  if (arg.includes('=')) return 1;
  const next = argv[i + 1];
  if (arg.startsWith('--')) {
    const known = table.flags.find((f) => f.name === arg.slice(2));
    if (known) return known.takesValue && next !== undefined ? 2 : 1;
  } else {
    // A cluster of short flags: only its last letter may take the next argument (`-vf '- x'`).
    const letters = [...arg.slice(1)];
    const specs = letters.map((l) => table.flags.find((f) => f.char === l));
    if (specs.every((s) => s !== undefined)) {
      const valueAt = specs.findIndex((s) => s!.takesValue);
      if (valueAt === -1) return 1;
      // `-fX` carries its value; `-f X` takes the next argument.
      return valueAt === letters.length - 1 && next !== undefined ? 2 : 1;
    }
  }
  // Unknown here (a backend's --<type>-<option>, or a typo the command will
  // report): like cobra, it takes the next argument unless that names a command.
  if (next === undefined || isFlag(next) || usablePrefixes(table.ids).has(next)) return 1;
  return 2;
}

function isFlag(arg: string): boolean {
  return arg.startsWith('-') && arg !== '-' && arg !== '--';
}

/** Every id and every leading part of one: what the words typed so far may still grow into. */
function usablePrefixes(ids: readonly string[]): Set<string> {
  return new Set(ids.flatMap((id) => id.split(':').map((_, n, parts) => parts.slice(0, n + 1).join(':'))));
}

export function topLevelNames(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.split(':')[0]))].sort();
}

function unknownCommand(typed: string, ids: readonly string[]): UsageError {
  const near = didYouMean(typed, topLevelNames(ids));
  const listed = near.map((n) => `"${n}"`);
  const suggestion = listed.length === 0 ? '' : `did you mean ${listed.slice(0, -1).join(', ')}${listed.length > 1 ? ' or ' : ''}${listed.at(-1)}? `;
  return new UsageError('ERR_UNKNOWN_COMMAND', `unknown command "${typed}" for "rsyncish"`, {
    hint: `${suggestion}"rsyncish help" lists the commands`,
  });
}
