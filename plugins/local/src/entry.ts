import type { Stats } from 'node:fs';
import type { Entry } from '@rsyncish/core';
import { modTimeMs } from './mod-time.js';

/** A file or directory entry from a stat; directories have size -1 as on other backends. */
export function entryFromStats(path: string, stats: Stats): Entry {
  return stats.isDirectory()
    ? { path, kind: 'dir', size: -1, modTime: modTimeMs(stats) }
    : { path, kind: 'file', size: stats.size, modTime: modTimeMs(stats) };
}
