import { UsageError } from '@rsyncish/core';

/** The parts of an oclif flag definition this needs. */
export interface FlagShape {
  type: 'boolean' | 'option';
  char?: string;
  multiple?: boolean;
  default?: unknown;
}

export interface EnvFlags {
  /** The argv with the flags the environment sets and the command line does not. */
  argv: string[];
  /** -v count from RSYNCISH_VERBOSE when no -v was given. */
  verbosity: number;
  /** One "Setting --x from ..." line per variable used, for the DEBUG log. */
  used: string[];
}

const PREFIX = 'RSYNCISH_';
/** Go's strconv.ParseBool, which rclone uses for a boolean from the environment. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** `--dry-run` -> `RSYNCISH_DRY_RUN`, as rclone's RCLONE_<FLAG>. */
export function envName(flag: string): string {
  return PREFIX + flag.toUpperCase().replace(/-/g, '_');
}

/**
 * rclone reads every flag from RCLONE_<FLAG> too, with the command line
 * winning. The same here for RSYNCISH_<FLAG>: a flag the command line gives is
 * left alone, except a repeatable one (--exclude), whose values add up as
 * rclone's do. A variable holds one value (never a comma list), a boolean is
 * Go's true/false spelling, and RSYNCISH_VERBOSE is the count of -v. A bad
 * value is refused naming the variable, as rclone does.
 * `--flag=true|false` on the command line is read too, so a boolean set in
 * the environment can be turned off for one run.
 */
export function applyEnvFlags(
  argv: readonly string[],
  verbosity: number,
  flags: Record<string, FlagShape>,
  env: NodeJS.ProcessEnv,
): EnvFlags {
  const { argv: cmdline, given } = readBooleanValues(argv, flags);
  const added: string[] = [];
  const used: string[] = [];
  let level = verbosity;
  for (const [name, def] of Object.entries(flags)) {
    const key = envName(name);
    const value = env[key];
    if (value === undefined || name === 'config') continue; // RSYNCISH_CONFIG is read where the default path is.
    if (name === 'verbose') {
      if (verbosity > 0) continue;
      level = verboseCount(value, key);
      used.push(`Setting --verbose ${level} from environment variable ${key}="${value}"`);
      continue;
    }
    if (!def.multiple && (given.has(name) || (def.char !== undefined && given.has(`-${def.char}`)))) continue;
    used.push(`Setting --${name} "${value}" from environment variable ${key}="${value}"`);
    if (def.type === 'boolean') {
      if (parseBool(value, name, key)) added.push(`--${name}`);
    } else {
      if (typeof def.default === 'number' && !/^-?\d+$/.test(value.trim())) throw badValue(value, name, key, 'give a whole number');
      added.push(`--${name}=${value}`);
    }
  }
  return { argv: [...added, ...cmdline], verbosity: level, used };
}

/** The flags the command line names, and its `--bool=value` forms made plain (or dropped when false). */
function readBooleanValues(argv: readonly string[], flags: Record<string, FlagShape>): { argv: string[]; given: Set<string> } {
  const out: string[] = [];
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const long = /^--([\w-]+)(?:=(.*))?$/s.exec(arg);
    if (long) {
      given.add(long[1]);
      if (long[2] !== undefined && flags[long[1]]?.type === 'boolean') {
        if (parseBool(long[2], long[1])) out.push(`--${long[1]}`);
        continue;
      }
    } else if (/^-[A-Za-z]/.test(arg)) {
      given.add(arg.slice(0, 2));
    }
    out.push(arg);
  }
  return { argv: out, given };
}

function parseBool(value: string, flag: string, key?: string): boolean {
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw badValue(value, flag, key, 'use true or false (or 1, 0)');
}

function verboseCount(value: string, key: string): number {
  if (/^\d+$/.test(value.trim())) return Number(value);
  if (TRUE.has(value)) return 1;
  if (FALSE.has(value)) return 0;
  throw badValue(value, 'verbose', key, 'use 1 for -v or 2 for -vv');
}

function badValue(value: string, flag: string, key: string | undefined, hint: string): UsageError {
  const where = key === undefined ? `for --${flag}` : `when setting --${flag} from environment variable ${key}`;
  return new UsageError('ERR_BAD_FLAG', `invalid value "${value}" ${where}`, { hint });
}
