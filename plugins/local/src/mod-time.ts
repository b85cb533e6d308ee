import type { BigIntStats } from 'node:fs';
import { pathUtimes } from './fd-io.js';
import { nativeFileTimes } from './native-file-times.js';

/** A modtime as core's Entry carries it: whole milliseconds and the nanoseconds past them. */
export interface ModTime {
  modTime: number;
  modTimeNanos: number;
}

/** A stat's modification time as core's Entry carries it: whole milliseconds, rounded down. */
export function modTimeMs(stats: { mtimeMs: number }): number {
  return Math.floor(stats.mtimeMs);
}

/** The exact modtime of a bigint stat (a number stat's mtimeMs is a double, off by up to ~250 ns). */
export function modTimeOfStats(stats: BigIntStats): ModTime {
  // Node has divided already: mtimeMs is mtimeNs / 1e6, truncated toward
  // zero. One remainder gives the nanoseconds; a time before 1970 with a
  // fraction is moved down a millisecond, so the nanoseconds are never negative.
  let ms = Number(stats.mtimeMs);
  let nanos = Number(stats.mtimeNs % NS_PER_MS);
  if (nanos < 0) {
    nanos += 1_000_000;
    ms -= 1;
  }
  return { modTime: ms, modTimeNanos: nanos };
}

const NS_PER_MS = 1_000_000n;

/** Whether times can be set to the nanosecond: the optional addon is built. */
export function canSetNanoseconds(): boolean {
  return nativeFileTimes() !== undefined;
}

/** What this platform keeps of a modtime we set, in ms: 1 ns with the addon, else Node's 1 µs. */
export function settablePrecisionMs(): number {
  return canSetNanoseconds() ? 1e-6 : 1e-3;
}

/**
 * Seconds for utimes() that land exactly on the microsecond of `ms` +
 * `nanos`. Node hands libuv a double of seconds, which truncates to
 * microseconds: 1700000000.123 is stored as ...122.999 ms. Half a microsecond
 * more survives the double rounding (an ulp is ~0.24 µs here) and truncates
 * to exactly ...123.000.
 */
export function utimesSeconds(ms: number, nanos = 0): number {
  return Math.floor(ms) / 1000 + Math.floor(nanos / 1000) / 1e6 + 5e-7;
}

/** Whether utimes() alone cannot store this time: it has digits below the microsecond. */
export function needsNanoseconds(nanos: number | undefined): boolean {
  return nanos !== undefined && nanos % 1000 !== 0 && canSetNanoseconds();
}

/**
 * Set the nanoseconds utimes() cannot, after it has set the microseconds.
 * Rejects when the call fails; the microsecond time then stays.
 */
export async function writeNanoseconds(fsPath: string, ms: number, nanos: number): Promise<void> {
  const native = nativeFileTimes();
  if (native === undefined) throw new Error('nanosecond modtimes need the @rsyncish/file-times-native addon, which is not built');
  const seconds = Math.floor(ms / 1000);
  const ns = (ms - seconds * 1000) * 1_000_000 + nanos;
  await native.setTimes(fsPath, seconds, ns, seconds, ns);
}

/**
 * Set atime and mtime to `ms` (+ `nanos`) as far as Node's utimes can: to the
 * microsecond. needsNanoseconds() says when writeNanoseconds() should follow.
 */
export async function writeMicroseconds(fsPath: string, ms: number, nanos = 0): Promise<void> {
  const t = utimesSeconds(ms, nanos);
  await pathUtimes(fsPath, t, t);
}
