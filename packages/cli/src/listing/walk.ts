import { parentOf, treeSource, type Backend, type DirLister, type Entry, type Filter } from '@rsyncish/core';

export interface WalkOptions {
  /** 1 = the root's entries only; -1 = no limit (rclone's --max-depth). */
  maxDepth: number;
  /** Directories listed at once. */
  checkers: number;
  /** A directory below the root could not be listed (or held a bad name); the walk goes on. */
  onError(path: string, err: Error): void;
  /** The filter flags: excluded files are not yielded, excluded directories not listed. */
  filter?: Filter;
  /** --fast-list: one recursive listing where the backend has one, for a walk of more than one level. */
  fastList?: boolean;
}

/**
 * Every entry under the backend's root. With --fast-list, on a backend that
 * lists recursively and a walk of more than one level, read with one
 * listing and printed in the order rclone prints it then; otherwise as
 * walkFolders gives them.
 */
export async function* walk(backend: Backend, options: WalkOptions): AsyncGenerator<Entry> {
  for await (const batch of walkBatches(backend, options)) yield* batch;
}

/**
 * The walk in batches, a directory's entries at a time, in walk()'s order:
 * a listing of millions of entries costs a promise per directory, not one
 * per entry.
 */
export function walkBatches(backend: Backend, options: WalkOptions): AsyncGenerator<Entry[]> {
  // As rclone's walk: a recursive listing for more than one level (walk.Walk, walk.ListR).
  const recursive = options.fastList === true && options.maxDepth !== 1 && typeof backend.listRecursive === 'function';
  return recursive ? walkRecursive(backend, options) : walkFolders(backend, options, treeSource(backend));
}

/** The walk of one recursive listing, in the order rclone prints it, as one batch. */
async function* walkRecursive(backend: Backend, options: WalkOptions): AsyncGenerator<Entry[]> {
  const all: Entry[] = [];
  for await (const batch of walkFolders(backend, options, treeSource(backend, true))) all.push(...batch);
  if (options.maxDepth < 0) {
    // rclone prints an unbounded one as the store gives it: files in key order, then the folders they implied, sorted.
    yield [...all.filter((e) => e.kind === 'file').sort(byName), ...all.filter((e) => e.kind === 'dir').sort(byName)];
  } else {
    // A bounded one folder by folder, the folders in path order, each one's entries sorted.
    yield all.sort((a, b) => byBytes(parentOf(a.path), parentOf(b.path)) || byName(a, b));
  }
}

/**
 * Every entry under the backend's root, breadth first, each directory's
 * entries sorted by byte order of their names as rclone sorts them. rclone
 * itself lists directories concurrently and so interleaves them at random;
 * this order is one of its possible orders and is stable. Up to `checkers`
 * directories are listed ahead of the one being yielded, so memory holds a
 * few listings, never a whole level of the tree. An error listing the root
 * itself is thrown: nothing can be listed then.
 */
async function* walkFolders(backend: Backend, options: WalkOptions, listDir: DirLister): AsyncGenerator<Entry[]> {
  const list = async (dir: string): Promise<Entry[]> => {
    // An entry refused or not listable is reported by its own path.
    const bad = (err: Error, name: string) => options.onError(dir === '' ? name : `${dir}/${name}`, err);
    if (dir === '') return listDir(dir, bad);
    try {
      return await listDir(dir, bad);
    } catch (err) {
      options.onError(dir, err as Error);
      return [];
    }
  };
  // Directories in breadth-first order; listings[i] is the listing of dirs[i],
  // started for the first few of them.
  const dirs: { path: string; depth: number }[] = [{ path: '', depth: 1 }];
  const listings: Promise<Entry[]>[] = [];
  const ahead = Math.max(1, options.checkers);
  while (dirs.length > 0) {
    while (listings.length < ahead && listings.length < dirs.length) listings.push(list(dirs[listings.length].path));
    const entries = await listings.shift()!;
    const { path, depth } = dirs.shift()!;
    // --exclude-if-present: the root is left out by its own listing, a directory below before it is listed.
    if (path === '' && options.filter?.listingHasMarker(entries)) return;
    const batch: Entry[] = [];
    for (const e of entries.sort(byName)) {
      if (options.filter && !options.filter.include(e)) continue;
      if (e.kind === 'dir' && options.filter?.hasExcludeMarkers && await options.filter.excludedByMarker(backend, e.path)) continue;
      batch.push(e);
      if (e.kind === 'dir' && (options.maxDepth < 0 || depth < options.maxDepth)) dirs.push({ path: e.path, depth: depth + 1 });
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * Go compares strings by bytes; so must we, or `B` and `a` and `Ä` land
 * elsewhere. UTF-8 byte order is code point order, which plain `<` on JS
 * strings matches except where UTF-16 surrogates meet U+E000..U+FFFF; only
 * then do we pay for the byte comparison.
 */
export function byName(a: Entry, b: Entry): number {
  return byBytes(a.path, b.path);
}

function byBytes(x: string, y: string): number {
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx === cy) continue;
    if (cx >= 0xd800 || cy >= 0xd800) return Buffer.compare(Buffer.from(x), Buffer.from(y));
    return cx - cy;
  }
  return x.length - y.length;
}
