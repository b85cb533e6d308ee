import { inspect } from 'node:util';
import { exitCodeOf, ExitCode, formatError } from '@rsyncish/core';

interface OclifLikeError extends Error {
  oclif?: { exit?: number | false };
  code?: string;
}

/**
 * Print one error as one line on stderr (`ERROR : ...`), or through `write`, and return the exit
 * code. Our errors carry their own code; oclif's usage errors (unknown flag or
 * command, missing argument, bad value) map to 1 like rclone's usage errors.
 * A stack is printed only with -vv, or for a throw that is not an Error at all.
 */
export function reportError(err: unknown, opts: { showStack?: boolean; bin?: string; write?: (line: string) => void } = {}): number {
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Ours, from any copy of core (a plugin may carry its own): known by shape.
  const ours = exitCodeOf(err);
  if (ours !== undefined) {
    write(`ERROR : ${formatError(err)}`);
    if (opts.showStack && err instanceof Error && err.stack) write(err.stack);
    return ours;
  }
  if (!(err instanceof Error)) {
    write(`ERROR : unexpected failure: ${inspect(err)}`);
    write(new Error('thrown from here').stack ?? '');
    return ExitCode.UncategorizedError;
  }
  const e = err as OclifLikeError;
  // oclif's exit(n) is a throw; it carries the code and nothing to print.
  if (e.code === 'EEXIT' && typeof e.oclif?.exit === 'number') return e.oclif.exit;
  if (e.oclif !== undefined) {
    write(`ERROR : ${usageLine(e.message, opts.bin ?? 'rsyncish')}`);
    if (opts.showStack && e.stack) write(e.stack);
    return ExitCode.UsageError;
  }
  write(`ERROR : ${formatError(err)}`);
  if (opts.showStack && err.stack) write(err.stack);
  return ExitCode.UncategorizedError;
}

/** oclif's usage messages span lines and end with "See more help with --help"; we want one line. */
function usageLine(message: string, bin: string): string {
  const notFound = /^command (.+) not found$/.exec(message.trim());
  if (notFound) {
    return `unknown command "${notFound[1].replace(/:/g, ' ')}" (hint: run "${bin} help" for the list of commands)`;
  }
  // oclif's name for it; rclone's words, which scripts may grep for.
  const unknownFlag = /^Nonexistent flags?: (.+)$/m.exec(message);
  if (unknownFlag) {
    const names = unknownFlag[1].split(', ').map((f) => f.replace(/=.*$/, ''));
    return `unknown flag: ${names.join(', ')} (hint: run "${bin} help flags" for the global flags, "<command> --help" for a command's own)`;
  }
  const text = message
    .replace(/See more help with --help/g, '')
    .replace(/^Parsing (--[\w-]+)\s*\n/, '$1: ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\s+/g, ' ');
  return `${text} (hint: see "--help" for usage)`;
}
