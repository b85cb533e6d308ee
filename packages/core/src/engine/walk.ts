import pLimit from 'p-limit';
import type { Backend, Entry } from '../contract/index.js';
import type { Filter } from '../filter/index.js';
import { treeSource } from './tree-source.js';

export interface WalkOptions {
  /** Directory to start from ('' = the root). */
  dir?: string;
  /** Listings in flight at once. */
  checkers?: number;
  filter?: Filter;
  /** Levels to descend: 1 = only `dir` itself; undefined = unlimited. */
  maxDepth?: number;
  /** --fast-list: read the tree with one recursive listing where the backend has one. */
  fastList?: boolean;
  /** Called for an entry refused by name validation or a listing that failed. */
  onError(path: string, err: Error): void;
}

/**
 * Every entry under a directory, listing up to `checkers` directories at once.
 * Entries are yielded one directory at a time, so memory holds one listing per
 * directory in flight, never the whole tree.
 */
export async function* walk(backend: Backend, options: WalkOptions): AsyncGenerator<Entry> {
  const limit = pLimit(Math.max(1, options.checkers ?? 8));
  const filter = options.filter;
  // As rclone, a walk of more than one level lists recursively.
  const listDir = treeSource(backend, options.fastList && options.maxDepth !== 1);
  type Listing = { dir: string; depth: number; entries: Entry[] };
  const queue: Promise<Listing>[] = [];
  const start = (dir: string, depth: number) =>
    queue.push(limit(async () => {
      try {
        return { dir, depth, entries: await listDir(dir, (e, n) => options.onError(dir ? `${dir}/${n}` : n, e)) };
      } catch (err) {
        if (depth === 1) throw err;
        options.onError(dir, err as Error);
        return { dir, depth, entries: [] };
      }
    }));
  start(options.dir ?? '', 1);
  for (let i = 0; i < queue.length; i++) {
    const { depth, entries } = await queue[i];
    // --exclude-if-present: a marked directory is left out whole (the root by its listing).
    if (i === 0 && filter?.listingHasMarker(entries)) break;
    for (const e of entries) {
      if (e.kind === 'dir') {
        if (filter && !filter.includeDir(e.path)) continue;
        if (filter?.hasExcludeMarkers && await filter.excludedByMarker(backend, e.path)) continue;
        yield e;
        if (options.maxDepth === undefined || depth < options.maxDepth) start(e.path, depth + 1);
      } else if (!filter || filter.includeFile(e)) {
        yield e;
      }
    }
    queue[i] = undefined as unknown as Promise<Listing>; // let finished listings be collected
  }
}
