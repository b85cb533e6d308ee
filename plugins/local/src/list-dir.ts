import { lstatSync, promises as fsp, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Entry, Logger } from '@rsyncish/core';
import { entryFromStats } from './entry.js';
import { BrokenSymlinkError } from './errors.js';
import { mapFsError } from './fs-errors.js';
import { childPath } from './fs-paths.js';
import type { LocalOptions } from './options.js';

/** How many lstat/stat calls one listing keeps in flight. */
const STAT_BATCH = 64;

export interface ListContext {
  options: Pick<LocalOptions, 'copyLinks' | 'skipLinks' | 'oneFileSystem'>;
  logger: Logger;
}

/**
 * One directory's entries, stat'ed in batches so a 10,000-entry directory
 * costs a few hundred round trips of parallel syscalls, not 10,000 serial ones.
 * Symlinks are followed only with copy_links; broken ones then fail the listing
 * after every good entry was yielded (as rclone does), so a sync never deletes
 * on the strength of an incomplete listing. Sockets, fifos and devices are skipped.
 */
export async function* listDirectory(fsDir: string, dir: string, ctx: ListContext): AsyncGenerator<Entry> {
  let names: Dirent[];
  let dirDev: number | undefined;
  try {
    if (ctx.options.oneFileSystem) dirDev = (await fsp.stat(fsDir)).dev;
    // One readdir call: iterating an opendir() handle costs a round trip per
    // few entries, and a listing is held whole by the engine anyway.
    names = await fsp.readdir(fsDir, { withFileTypes: true });
  } catch (err) {
    throw mapFsError(err, fsDir, { isDir: true });
  }
  const broken: string[] = [];
  let batch: Dirent[] = [];
  const flush = async function* (): AsyncGenerator<Entry> {
    const results = await Promise.all(batch.map((d) => entryOf(d)));
    batch = [];
    for (const e of results) if (e) yield e;
  };

  const entryOf = async (d: Dirent): Promise<Entry | undefined> => {
    const path = childPath(dir, d.name);
    const fsPath = join(fsDir, d.name);
    let stats: Stats;
    try {
      // Synchronous on purpose: on a local disk an lstat is a microsecond or
      // two of syscall, while each async call costs ~10 µs of thread-pool hand-off.
      stats = lstatSync(fsPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        // Node decodes names as UTF-8; an invalid byte became U+FFFD and the
        // decoded name no longer exists. Otherwise it was removed since readdir.
        if (d.name.includes('\uFFFD')) ctx.logger.notice(`${path}: Can't transfer a name that is not valid UTF-8`);
        return undefined;
      }
      throw mapFsError(err, fsPath);
    }
    if (stats.isSymbolicLink() && ctx.options.copyLinks) {
      try {
        stats = await fsp.stat(fsPath);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ELOOP') throw mapFsError(err, fsPath);
        const why = code === 'ENOENT' ? 'no such file or directory' : 'too many levels of symbolic links';
        ctx.logger.error(`${path}: Listing error: symlink: stat ${fsPath}: ${why}`);
        broken.push(path);
        return undefined;
      }
    }
    if (stats.isSymbolicLink()) {
      if (!ctx.options.skipLinks) ctx.logger.notice(`${path}: Can't follow symlink without -L/--copy-links`);
      return undefined;
    }
    if (!stats.isFile() && !stats.isDirectory()) {
      ctx.logger.notice(`${path}: Can't transfer non file/directory`);
      return undefined;
    }
    if (dirDev !== undefined && stats.isDirectory() && stats.dev !== dirDev) {
      ctx.logger.debug(`${path}: not crossing filesystem boundary (one_file_system)`);
      return undefined;
    }
    return entryFromStats(path, stats);
  };

  try {
    for (const d of names) {
      batch.push(d);
      if (batch.length >= STAT_BATCH) yield* flush();
    }
    yield* flush();
  } catch (err) {
    // Entry errors arrive already typed; mapFsError passes those through.
    throw mapFsError(err, fsDir, { isDir: true });
  }
  if (broken.length > 0) {
    const s = broken.length === 1 ? '' : 's';
    throw new BrokenSymlinkError(`${JSON.stringify(fsDir)}: ${broken.length} broken symlink${s}: ${broken.join(', ')}`);
  }
}
