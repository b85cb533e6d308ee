import type { Backend, Entry } from '../contract/index.js';
import { isNotFound, partialListingOf } from '../errors/index.js';
import { assertSafeName, baseName, parentOf } from '../paths/index.js';
import { listDir } from './list-dir.js';

/** One directory's entries, as listDir gives them, for a walk or a march that does not care how they were read. */
export type DirLister = (dir: string, onBadEntry: (err: Error, name: string) => void, missingOk?: boolean) => Promise<Entry[]>;

/**
 * Where a walk or a march reads a tree from: one `list` per directory, or,
 * with --fast-list on a backend that has listRecursive(), one recursive
 * listing of the first directory asked for (the walk's start), after which
 * every directory below it is served from memory. The walk above is the same
 * either way, so filters prune exactly as before: an excluded directory is
 * listed by the server but never asked for, and none of its entries reach
 * the caller. The price, as in rclone, is the whole tree in memory at once.
 */
export function treeSource(backend: Backend, fastList = false): DirLister {
  const perDirectory: DirLister = (dir, bad, missingOk) => listDir(backend, dir, bad, missingOk);
  if (!fastList || typeof backend.listRecursive !== 'function') return perDirectory;
  let top: string | undefined;
  let tree: Promise<Tree> | undefined;
  return async (dir, bad, missingOk = false) => {
    if (top === undefined) {
      top = dir;
      tree = readTree(backend, dir);
      tree.catch(() => undefined);
    } else if (!isWithin(dir, top)) {
      return perDirectory(dir, bad, missingOk);
    }
    let t: Tree;
    try {
      t = await tree!;
    } catch (err) {
      if (missingOk && isNotFound(err) && dir === top) return [];
      throw err;
    }
    for (const f of t.failures.get(dir) ?? []) bad(f.error, f.name);
    const entries = t.children.get(dir) ?? [];
    // Each directory is asked for once: let the walk free what it has read.
    t.children.delete(dir);
    t.failures.delete(dir);
    return entries;
  };
}

interface Tree {
  /** Entries by the directory that holds them. */
  children: Map<string, Entry[]>;
  /** Entries refused or not listable, by directory, reported when that directory is read. */
  failures: Map<string, { error: Error; name: string }[]>;
}

/**
 * The whole recursive listing, grouped by directory. Every name is checked as
 * listDir checks it; a directory the backend left implied by its entries'
 * paths is added, as rclone's walk adds it, so nothing below goes unseen.
 */
async function readTree(backend: Backend, top: string): Promise<Tree> {
  const tree: Tree = { children: new Map(), failures: new Map() };
  const fail = (dir: string, error: Error, name: string) => {
    const list = tree.failures.get(dir);
    if (list) list.push({ error, name });
    else tree.failures.set(dir, [{ error, name }]);
  };
  const add = (dir: string, e: Entry) => {
    const list = tree.children.get(dir);
    if (list) list.push(e);
    else tree.children.set(dir, [e]);
  };
  const dirs = new Set<string>([top]);
  const implied = new Map<string, Entry>();
  const place = (e: Entry) => {
    const dir = parentOf(e.path);
    const name = baseName(e.path);
    try {
      if (!isWithin(dir, top) || e.path === top) throw new Error(`entry path ${JSON.stringify(e.path)} is not inside ${JSON.stringify(top)}`);
      assertSafeName(name, dir === '' ? `${backend.name} root` : `${backend.name} "${dir}"`);
    } catch (err) {
      fail(isWithin(dir, top) ? dir : top, err as Error, isWithin(dir, top) ? name : e.path);
      return;
    }
    if (e.kind === 'dir') {
      if (dirs.has(e.path)) {
        // Already implied by an entry below it: the listed one replaces the stand-in.
        const stand = implied.get(e.path);
        if (stand) Object.assign(stand, e);
        implied.delete(e.path);
        return;
      }
      dirs.add(e.path);
    }
    for (let d = dir; !dirs.has(d); d = parentOf(d)) {
      const stand: Entry = { path: d, kind: 'dir', size: -1 };
      dirs.add(d);
      implied.set(d, stand);
      add(parentOf(d), stand);
    }
    add(dir, e);
  };
  try {
    for await (const e of backend.listRecursive!(top)) place(e);
  } catch (err) {
    const partial = partialListingOf(err);
    if (!partial) throw err;
    for (const e of partial.listed) place(e);
    for (const f of partial.failures) fail(top, f.error, f.name);
  }
  return tree;
}

/** `dir` is `top` or below it. */
function isWithin(dir: string, top: string): boolean {
  return top === '' || dir === top || dir.startsWith(`${top}/`);
}
