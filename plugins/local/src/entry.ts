import type { BigIntStats } from 'node:fs';
import type { Entry } from '@rsyncish/core';
import { modTimeOfStats } from './mod-time.js';

/** A file or directory entry from a (bigint, for exact nanoseconds) stat; directories have size -1 as on other backends. */
export function entryFromStats(path: string, stats: BigIntStats): Entry {
  const { modTime, modTimeNanos } = modTimeOfStats(stats);
  const e: Entry = stats.isDirectory() ? { path, kind: 'dir', size: -1, modTime } : { path, kind: 'file', size: Number(stats.size), modTime };
  if (modTimeNanos !== 0) e.modTimeNanos = modTimeNanos;
  return e;
}
