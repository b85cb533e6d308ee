import { promises as fsp } from 'node:fs';

/** A stat's modification time as core's Entry carries it: whole milliseconds, rounded down. */
export function modTimeMs(stats: { mtimeMs: number }): number {
  return Math.floor(stats.mtimeMs);
}

/**
 * Seconds for utimes() that land exactly on `ms`. Node hands libuv a double of
 * seconds, which truncates to microseconds: 1700000000.123 is stored as
 * ...122.999 ms. Half a microsecond more survives the double rounding
 * (an ulp is ~0.24 µs here) and truncates to exactly ...123.000.
 */
export function utimesSeconds(ms: number): number {
  return Math.floor(ms) / 1000 + 5e-7;
}

/** Set atime and mtime to `ms`, as rclone does. Callers stat to see what was stored. */
export async function writeModTime(fsPath: string, ms: number): Promise<void> {
  const t = utimesSeconds(ms);
  await fsp.utimes(fsPath, t, t);
}
