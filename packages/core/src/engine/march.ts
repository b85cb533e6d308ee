import pLimit from 'p-limit';
import type { Backend, Entry } from '../contract/index.js';
import { RsyncishError } from '../errors/index.js';
import type { Accounting } from './accounting.js';
import { listDir } from './list-dir.js';
import { nameKey } from './name-key.js';

export interface MatchedPair {
  src?: Entry;
  dst?: Entry;
  /** Relative path of the pair (the source's when both exist). */
  path: string;
}

export interface MarchCallbacks {
  /** A file on either side or both. Called as pairs are found; may start work and return. */
  file(pair: MatchedPair): void;
  /**
   * A directory on either side or both. Return whether to descend into it
   * (default: when the source has it). Not called for the root.
   */
  dir?(pair: MatchedPair): boolean;
  /** Whether a directory takes part at all (filters); excluded ones are never listed. */
  includeDir?(path: string): boolean;
  /** Awaited before each listing, so the walk never runs far ahead of the work it feeds. */
  backpressure?(): Promise<void>;
  /** Checked before each listing: once true (Ctrl-C), no more directories are listed. */
  stop?(): boolean;
}

/**
 * Walk source and destination together, directory by directory, listing both
 * sides of each directory concurrently (`checkers` listings at a time). Names
 * are matched case-insensitively when the destination is; two source names that
 * would be one name there are an error for both, never merged. `ignoreCase`
 * (--ignore-case-sync) matches case-insensitively whatever the destination says.
 */
export async function march(
  src: Backend,
  dst: Backend,
  checkers: number,
  stats: Accounting,
  cb: MarchCallbacks,
  ignoreCase = false,
): Promise<void> {
  const limit = pLimit(Math.max(1, checkers));
  const ci = ignoreCase || dst.capabilities.caseInsensitive;
  const includeDir = cb.includeDir ?? (() => true);
  const pending: Promise<void>[] = [];
  const bad = (dir: string) => (e: Error, n: string) => stats.recordError(dir === '' ? n : `${dir}/${n}`, e);

  const visit = async (dir: string, srcExists: boolean, dstExists: boolean): Promise<void> => {
    let srcEntries: Entry[];
    let dstEntries: Entry[];
    try {
      [srcEntries, dstEntries] = await limit(async () => {
        await cb.backpressure?.();
        if (cb.stop?.()) return [[], []];
        return Promise.all([
          srcExists ? listDir(src, dir, bad(dir)) : [],
          dstExists ? listDir(dst, dir, bad(dir), true) : [],
        ]);
      });
    } catch (err) {
      stats.recordError(dir === '' ? '/' : dir, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const dstByKey = new Map<string, Entry>();
    for (const e of dstEntries) dstByKey.set(nameKey(leaf(e.path), ci), e);
    const srcByKey = new Map<string, Entry[]>();
    for (const e of srcEntries) {
      const k = nameKey(leaf(e.path), ci);
      const group = srcByKey.get(k);
      if (group) group.push(e);
      else srcByKey.set(k, [e]);
    }

    const onDir = (pair: MatchedPair) => {
      if (!includeDir(pair.path)) return;
      const descend = cb.dir ? cb.dir(pair) : pair.src !== undefined;
      if (descend) pending.push(visit(pair.path, pair.src !== undefined, pair.dst !== undefined));
    };

    for (const [key, group] of srcByKey) {
      const d = dstByKey.get(key);
      dstByKey.delete(key);
      if (group.length > 1) {
        reportClash(group, dir, dst, stats);
        continue;
      }
      const s = group[0];
      if (d && d.kind !== s.kind) {
        stats.recordError(s.path, new RsyncishError('ERR_KIND_CLASH',
          `"${s.path}" is a ${s.kind === 'dir' ? 'directory' : 'file'} on the source but a ${d.kind === 'dir' ? 'directory' : 'file'} on ${dst.name}`,
          { hint: 'remove or rename one of them' }));
        continue;
      }
      if (s.kind === 'dir') onDir({ src: s, dst: d, path: s.path });
      else cb.file({ src: s, dst: d, path: s.path });
    }
    for (const d of dstByKey.values()) {
      if (d.kind === 'dir') onDir({ dst: d, path: d.path });
      else cb.file({ dst: d, path: d.path });
    }
  };

  pending.push(visit('', true, true));
  // Directories are added while earlier ones resolve; drain until none remain.
  for (let i = 0; i < pending.length; i++) await pending[i];
}

function reportClash(group: Entry[], dir: string, dst: Backend, stats: Accounting): void {
  const names = group.map((e) => JSON.stringify(leaf(e.path))).join(' and ');
  const where = dir === '' ? 'the source root' : JSON.stringify(dir);
  const name = leaf(group[0].path);
  // One exact name twice (a drive that allows it, e.g. a file and a folder):
  // a clash of entries, whatever the destination's case rules.
  const message = group.every((e) => leaf(e.path) === name)
    ? `${where} holds ${kinds(group)} named ${JSON.stringify(name)}; on ${dst.name} that name can be only one of them`
    : `${names} in ${where} are the same name ${dst.capabilities.caseInsensitive ? `on ${dst.name}, which is case-insensitive` : 'when case is ignored (--ignore-case-sync)'}`;
  for (const e of group) {
    stats.recordError(e.path, new RsyncishError('ERR_NAME_CLASH', message,
      { hint: 'rename one of them; neither was copied', exitCode: 6 }), false);
  }
}

/** "a file and a directory", "2 files": what a group of entries is. */
function kinds(group: Entry[]): string {
  const count = (n: number, what: string) => (n === 1 ? `a ${what}` : `${n} ${what}s`);
  const dirs = group.filter((e) => e.kind === 'dir').length;
  const files = group.length - dirs;
  return [files && count(files, 'file'), dirs && count(dirs, 'directory').replace(/ys$/, 'ies')].filter(Boolean).join(' and ');
}

function leaf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
