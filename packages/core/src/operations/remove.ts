import pLimit from 'p-limit';
import type { Backend } from '../contract/index.js';
import type { Filter } from '../filter/index.js';
import { walk } from '../engine/walk.js';
import { isNotFound } from '../errors/index.js';
import { parentOf } from '../paths/index.js';

export interface RemoveOptions {
  checkers: number;
  dryRun: boolean;
  filter?: Filter;
  onDeleted(path: string, kind: 'file' | 'dir'): void;
  /** `size` is the file's, for a file a dry run would delete. */
  onDryRun(path: string, action: string, size?: number): void;
  onError(path: string, err: Error): void;
}

/** `delete`: remove the files that pass the filters; directories stay unless rmdirs follows. */
export async function deleteFiles(backend: Backend, o: RemoveOptions): Promise<number> {
  const limit = pLimit(Math.max(1, o.checkers));
  const work: Promise<void>[] = [];
  let n = 0;
  for await (const e of walk(backend, { checkers: o.checkers, filter: o.filter, onError: o.onError })) {
    if (e.kind !== 'file') continue;
    n++;
    work.push(limit(async () => {
      if (o.dryRun) return o.onDryRun(e.path, 'delete', e.size);
      await backend.delete(e.path);
      o.onDeleted(e.path, 'file');
    }).catch((err: unknown) => o.onError(e.path, err as Error)));
  }
  await Promise.all(work);
  return n;
}

/** `rmdirs`: remove every empty directory under the root, deepest first (and the root unless leaveRoot). */
export async function removeEmptyDirs(backend: Backend, o: RemoveOptions & { leaveRoot: boolean }): Promise<void> {
  const dirs: string[] = [];
  const hasFiles = new Set<string>();
  for await (const e of walk(backend, { checkers: o.checkers, onError: o.onError })) {
    if (e.kind === 'dir') dirs.push(e.path);
    else for (let p = parentOf(e.path); ; p = parentOf(p)) {
      if (hasFiles.has(p)) break;
      hasFiles.add(p);
      if (p === '') break;
    }
  }
  if (!o.leaveRoot) dirs.push('');
  dirs.sort((a, b) => depth(b) - depth(a));
  for (const d of dirs) {
    if (hasFiles.has(d)) continue;
    if (o.dryRun) {
      o.onDryRun(d, 'remove directory');
      continue;
    }
    try {
      await backend.rmdir(d);
      o.onDeleted(d, 'dir');
    } catch (err) {
      o.onError(d || '/', err as Error);
    }
  }
}

/** `purge`: the directory and everything in it, ignoring filters. */
export async function purge(backend: Backend, o: Omit<RemoveOptions, 'filter'>): Promise<void> {
  if (o.dryRun) {
    o.onDryRun('', 'purge');
    return;
  }
  if (backend.purge) {
    await backend.purge('');
    o.onDeleted('', 'dir');
    return;
  }
  await deleteFiles(backend, o);
  try {
    await removeEmptyDirs(backend, { ...o, leaveRoot: false });
  } catch (err) {
    // Where a directory is only a key prefix (S3, Swift), deleting its last
    // file removed it: nothing is left to remove.
    if (!isNotFound(err)) throw err;
  }
}

function depth(p: string): number {
  return p === '' ? 0 : p.split('/').length;
}

