import { constants, type BigIntStats } from 'node:fs';
import type { Entry } from '@rsyncish/core';
import { modTimeOfStats } from './mod-time.js';

const { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK } = constants;

/** What a stat found, from its mode read once as a number (each of BigIntStats' isFile() and the like does bigint arithmetic). */
export type StatKind = 'file' | 'dir' | 'link' | 'other';

export function kindOfStats(stats: BigIntStats): StatKind {
  const type = Number(stats.mode) & S_IFMT;
  return type === S_IFREG ? 'file' : type === S_IFDIR ? 'dir' : type === S_IFLNK ? 'link' : 'other';
}

/** A file or directory entry from a (bigint, for exact nanoseconds) stat; directories have size -1 as on other backends. */
export function entryFromStats(path: string, stats: BigIntStats, kind: StatKind = kindOfStats(stats)): Entry {
  const { modTime, modTimeNanos } = modTimeOfStats(stats);
  const e: Entry = kind === 'dir' ? { path, kind: 'dir', size: -1, modTime } : { path, kind: 'file', size: Number(stats.size), modTime };
  if (modTimeNanos !== 0) e.modTimeNanos = modTimeNanos;
  return e;
}
