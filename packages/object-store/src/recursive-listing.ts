import { joinPath, mapLimit, type Entry } from '@rsyncish/core';

export interface RecursiveListingInit<T> {
  /** The listed folder's key prefix in the store: '' or `a/b/`. */
  prefix: string;
  /** The listed folder's engine path, which every yielded path starts from. */
  dir: string;
  /** The full key of one listed object. */
  keyOf(item: T): string;
  /** The engine's name for one stored key segment, or undefined for one that cannot be a name (after logging it). */
  name(stored: string): string | undefined;
  /** The file entry for one listed object at `path` (a HEAD for its modtime), or undefined when it is gone. */
  file(item: T, path: string): Promise<Entry | undefined>;
  /** file() calls in flight per page. */
  concurrency: number;
}

/**
 * The entries of a listing without delimiter (every key below the prefix, page
 * by page) as a walk of the delimiter listing would give them: each key's
 * folders once, before the first file in them, then its file. A key ending in
 * `/` is a folder marker, a folder and no file, as `list` treats it. A key
 * with a segment that cannot be a name is left out from that segment down,
 * as `list` leaves out the folder of that name and so all below it.
 * `seen` is set once any key was listed, so an empty listing can be told apart.
 */
export async function* recursiveEntries<T>(pages: AsyncIterable<T[]>, init: RecursiveListingInit<T>, seen: { any: boolean } = { any: false }): AsyncGenerator<Entry> {
  const dirs = new Set<string>();
  // A stored folder segment that is no name leaves out everything below it: one notice for it, not one per key.
  const refused = new Set<string>();
  for await (const page of pages) {
    const files: { item: T; path: string }[] = [];
    const found: Entry[] = [];
    for (const item of page) {
      seen.any = true;
      const key = init.keyOf(item);
      if (!key.startsWith(init.prefix) || key.length === init.prefix.length) continue;
      const segments = key.slice(init.prefix.length).split('/');
      const isMarker = segments[segments.length - 1] === '';
      if (isMarker) segments.pop();
      let path = init.dir;
      let stored = '';
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        stored = stored ? `${stored}/${segments[i]}` : segments[i]!;
        const last = i === segments.length - 1 && !isMarker;
        if (!last && refused.has(stored)) {
          ok = false;
          break;
        }
        const name = init.name(segments[i]!);
        if (name === undefined) {
          if (!last) refused.add(stored);
          ok = false;
          break;
        }
        path = joinPath(path, name);
        if (last) files.push({ item, path });
        else if (!dirs.has(path)) {
          dirs.add(path);
          found.push({ path, kind: 'dir', size: -1 });
        }
      }
    }
    yield* found;
    const entries = await mapLimit(files, init.concurrency, ({ item, path }) => init.file(item, path));
    for (const e of entries) if (e) yield e;
  }
}
