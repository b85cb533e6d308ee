import { baseName, Filter, type Backend, type Entry, type OpenedRemote } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { ErrorTally } from '../output/error-tally.js';
import { walk } from './walk.js';

export interface EntryListing {
  /** 1 = the root's entries; -1 = everything (rclone's --max-depth after -R). */
  maxDepth: number;
  /** Which entries reach `each`; both false means both, as in rclone. */
  dirsOnly: boolean;
  filesOnly: boolean;
}

/** One level unless -R (all) or --max-depth (that many), as rclone's ConfigMaxDepth. */
export function listingDepth(recursive: boolean, maxDepth: number): number {
  return !recursive && maxDepth < 0 ? 1 : maxDepth;
}

/**
 * The walk under lsjson, lsf and tree: a file root is listed as that one
 * file (rclone's NewFsSrc), a directory is walked breadth first in byte
 * order, filters apply. `each` runs in listing order; up to `checkers` of
 * them at once when `parallel`, so hashing many files overlaps, and their
 * results are handed to `emit` in order. Directories that fail are logged
 * and the walk goes on; the run then fails with the last error.
 */
export async function listEntries<T>(
  session: Session,
  path: string,
  opt: EntryListing,
  /** `at` is the entry's path in the backend: '' for a file root, which `e` names by its file name. */
  each: (backend: Backend, e: Entry, at: string) => Promise<T>,
  emit: (value: T, e: Entry) => void | Promise<void>,
  verb: string,
): Promise<void> {
  const remote = await session.open(path);
  const errors = new ErrorTally(session.logger, session.json, 'error listing');
  try {
    const root = await statSourceRoot(session, remote);
    const showDirs = opt.dirsOnly || !opt.filesOnly;
    const showFiles = opt.filesOnly || !opt.dirsOnly;
    const pending: { e: Entry; value: Promise<T> }[] = [];
    const drain = async (keep: number) => {
      while (pending.length > keep) {
        const { e, value } = pending.shift()!;
        await emit(await value, e);
      }
    };
    for await (const e of entries(session, remote, root, opt, errors)) {
      if (e.kind === 'dir' ? !showDirs : !showFiles) continue;
      const value = each(remote.backend, e, root.kind === 'file' ? '' : e.path);
      value.catch(() => undefined);
      pending.push({ e, value });
      await drain(Math.max(0, session.engine.checkers - 1));
    }
    await drain(0);
  } finally {
    await remote.backend.close?.();
  }
  errors.throwIfAny(verb);
}

/** What is listed: the file a file root names, else the walk (returned, not delegated: an entry crosses one generator). */
function entries(session: Session, remote: OpenedRemote, root: Entry, opt: EntryListing, errors: ErrorTally): AsyncIterable<Entry> | Entry[] {
  if (root.kind === 'file') return [{ ...root, path: baseName(remote.location.path) }];
  return walk(remote.backend, { maxDepth: opt.maxDepth, checkers: session.engine.checkers, onError: errors.add, filter: new Filter(session.filter), fastList: session.engine.fastList });
}
