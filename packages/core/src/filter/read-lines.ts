import { readFileSync } from 'node:fs';
import { UsageError } from '../errors/index.js';

/** Standard input can be read once; every `-` after the first sees the same lines. */
let stdinText: string | undefined;

/**
 * The lines of a rules or list file (`-` is standard input), as rclone's
 * forEachLine: trimmed, with blank lines and `#`/`;` comments skipped, unless
 * `raw` (--files-from-raw), which keeps every line exactly as written.
 */
export function readLines(file: string, flag: string, raw = false): string[] {
  let text: string;
  try {
    text = file === '-' ? (stdinText ??= readFileSync(0, 'utf8')) : readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError('ERR_FILTER_FILE', `${flag}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check the file name',
    });
  }
  const lines = text.split('\n');
  // A final newline ends the last line; it does not start an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  if (raw) return lines.map((l) => l.replace(/\r$/, ''));
  return lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
}
