import { Filter, statRoot, UsageError, type Entry, type FilterOptions, type OpenedRemote } from '@rsyncish/core';
import { splitDest } from '../sync/split-dest.js';
import type { Session } from './session.js';

/**
 * The root of a command that reads a tree (ls, size, md5sum, cat, delete,
 * check's source): a directory, or a file, which is then a root holding that
 * one file (rclone's NewFsSrc). Filters cannot narrow a single file further,
 * so with a file root they are refused, as rclone refuses them.
 */
export async function statSourceRoot(session: Session, remote: OpenedRemote): Promise<Entry> {
  const root = await statRoot(remote);
  if (root.kind === 'file' && new Filter(session.filter).active) {
    throw new UsageError('ERR_FILTER_FILE_ROOT', `can't limit to single files when using filters: ${remote.location.text}`, {
      hint: 'name the directory and let the filters pick the file, or drop the filter flags',
    });
  }
  return root;
}

export interface TreeRoot {
  /** The remote to walk: the path itself, or the directory holding the file it named. */
  remote: OpenedRemote;
  /** The filter to walk it with: the session's, or just the one file. */
  filter: FilterOptions;
  /** The file's name when the path named a file. */
  file?: string;
}

/**
 * Open a path as a tree to walk, with a file path opened as its directory
 * and a filter holding only that file, so the walkers (delete, check) need
 * not know about single files. The caller closes `remote`.
 */
export async function openTreeRoot(session: Session, text: string, command: string): Promise<TreeRoot> {
  const remote = await session.open(text);
  let root: Entry;
  try {
    root = await statSourceRoot(session, remote);
  } catch (err) {
    await remote.backend.close?.();
    throw err;
  }
  if (root.kind !== 'file') return { remote, filter: session.filter };
  await remote.backend.close?.();
  const { parent, name } = splitDest(text, command);
  return { remote: await session.open(parent), filter: { files: [name] }, file: name };
}
