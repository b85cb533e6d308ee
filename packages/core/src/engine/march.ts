import pLimit from 'p-limit';
import type { Backend, Entry } from '../contract/index.js';
import { RsyncishError } from '../errors/index.js';
import type { Accounting } from './accounting.js';
import { listDir } from './list-dir.js';
import { nameKey } from './name-key.js';

export interface MatchedPair {
  src?: Entry;
  dst?: Entry;
  /** Relative path of the pair (the source name when both exist). */
  path: string;
}

export interface MarchCallbacks {
  /** A file on either side. Called as pairs are found; may start work and return. */
  file(pair: MatchedPair): void;
  /** A directory present on the source (dst says whether it exists). Return false to not descend. */
  dir?(pair: MatchedPair): boolean;
  /** A directory only on the destination (for sync's deletes). */
  dstOnlyDir?(pair: MatchedPair): void;
  /** Whether an entry passes the filters. */
  include?(entry: Entry): boolean;
}

/**
 * Walk source and destination together, directory by directory, listing both
 * sides of each directory concurrently (`checkers` at a time). Names are matched
 * case-insensitively when the destination is; two source names that would be
 * one name there are an error for both, never merged.
 */
export async function march(
  src: Backend,
  dst: Backend,
  checkers: number,
  stats: Accounting,
  cb: MarchCallbacks,
): Promise<void> {
  const limit = pLimit(Math.max(1, checkers));
  const ci = dst.capabilities.caseInsensitive;
  const pending: Promise<void>[] = [];

  const visit = async (dir: string, dstExists: boolean): Promise<void> => {
    let srcEntries: Entry[];
    let dstEntries: Entry[];
    try {
      [srcEntries, dstEntries] = await limit(() =>
        Promise.all([
          listDir(src, dir, (e, n) => stats.recordError(joinSafe(dir, n), e)),
          dstExists ? listDir(dst, dir, (e, n) => stats.recordError(joinSafe(dir, n), e), true) : [],
        ]),
      );
    } catch (err) {
      stats.recordError(dir === '' ? '/' : dir, asError(err));
      return;
    }
    const include = cb.include ?? (() => true);
    const dstByKey = new Map<string, Entry>();
    for (const e of dstEntries) dstByKey.set(nameKey(leaf(e.path), ci), e);

    const srcByKey = new Map<string, Entry[]>();
    for (const e of srcEntries) {
      const k = nameKey(leaf(e.path), ci);
      const list = srcByKey.get(k);
      if (list) list.push(e);
      else srcByKey.set(k, [e]);
    }

    for (const [key, group] of srcByKey) {
      const d = dstByKey.get(key);
      dstByKey.delete(key);
      if (group.length > 1) {
        const names = group.map((e) => JSON.stringify(leaf(e.path))).join(' and ');
        for (const e of group) {
          stats.recordError(
            e.path,
            new RsyncishError('ERR_NAME_CLASH', `${names} in ${dir === '' ? 'the source root' : JSON.stringify(dir)} are the same name on ${dst.name}, which is case-insensitive`, {
              hint: 'rename one of them; neither was copied',
              exitCode: 6,
            }),
          );
        }
        continue;
      }
      const s = group[0];
      if (!include(s)) {
        continue;
      }
      if (s.kind === 'dir') {
        if (d && d.kind !== 'dir') {
          stats.recordError(s.path, new RsyncishError('ERR_KIND_CLASH', `"${s.path}" is a directory on the source but a file on ${dst.name}`, { hint: 'remove or rename the destination file' }));
          continue;
        }
        const descend = cb.dir ? cb.dir({ src: s, dst: d, path: s.path }) : true;
        if (descend) pending.push(visit(s.path, d !== undefined));
      } else if (d && d.kind === 'dir') {
        stats.recordError(s.path, new RsyncishError('ERR_KIND_CLASH', `"${s.path}" is a file on the source but a directory on ${dst.name}`, { hint: 'remove or rename the destination directory' }));
      } else {
        cb.file({ src: s, dst: d, path: s.path });
      }
    }
    for (const d of dstByKey.values()) {
      if (d.kind === 'dir') cb.dstOnlyDir?.({ dst: d, path: d.path });
      else cb.file({ dst: d, path: d.path });
    }
  };

  pending.push(visit('', true));
  // Directories are added while earlier ones resolve; drain until none remain.
  for (let i = 0; i < pending.length; i++) await pending[i];
}

function leaf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function joinSafe(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
