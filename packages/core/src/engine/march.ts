import pLimit from 'p-limit';
import type { Backend, Entry } from '../contract/index.js';
import { isNotFound, RsyncishError } from '../errors/index.js';
import { displayName } from '../names/index.js';
import type { Accounting } from './accounting.js';
import { treeSource } from './tree-source.js';
import { DestinationNames } from './name-key.js';

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
  /**
   * Whether a listed entry takes part at all (filters), asked per side before
   * names are matched, as rclone filters each listing: an excluded entry is
   * never matched, never clashes and, for a directory, is never listed.
   */
  include?(entry: Entry, side: 'src' | 'dst'): boolean;
  /**
   * Whether a directory, once both sides are listed, is left out whole
   * (--exclude-if-present): nothing in it is matched, copied or deleted.
   */
  excludeListing?(src: Entry[], dst: Entry[]): boolean;
  /**
   * A file on one side and a directory of the same name on the other are two
   * unrelated entries (a source-only one and a destination-only one), as in
   * rclone's march; `check` reports them that way. Otherwise they are an error.
   */
  kindsApart?: boolean;
  /** Awaited before each listing, so the walk never runs far ahead of the work it feeds. */
  backpressure?(): Promise<void>;
  /** Checked before each listing: once true (Ctrl-C), no more directories are listed. */
  stop?(): boolean;
  /** --fast-list: read each side with one recursive listing where its backend has one. */
  fastList?: boolean;
  /**
   * --no-traverse: the destination is never listed; each included source
   * file is looked up there by its name instead (rclone's NewObject per
   * file), so only destination files of a source name take part.
   */
  noTraverse?: boolean;
}

/**
 * Walk source and destination together, directory by directory, listing both
 * sides of each directory concurrently (`checkers` listings at a time). A
 * source name matches the destination name it would be stored as (after the
 * destination's name encoding, case-insensitively when the destination is);
 * two source names that would be one name there are an error for both, never
 * merged. Left over, a source name and a destination name that differ only in
 * Unicode normalization (NFC/NFD) match when neither has another candidate, as
 * in rclone; a twin whose partner matched exactly stays a destination-only
 * name (kept by copy, extraneous for sync), never overwritten.
 * `ignoreCase` (--ignore-case-sync) matches case-insensitively whatever the
 * destination says.
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
  const names = new DestinationNames(dst.capabilities, ignoreCase);
  const include = cb.include ?? (() => true);
  const listSrc = treeSource(src, cb.fastList);
  const listDst = treeSource(dst, cb.fastList);
  const pending: Promise<void>[] = [];
  const bad = (dir: string) => (e: Error, n: string) => stats.recordError(dir === '' ? n : `${dir}/${n}`, e);

  const visit = async (dir: string, srcExists: boolean, dstExists: boolean): Promise<void> => {
    let srcEntries: Entry[];
    let dstEntries: Entry[];
    try {
      [srcEntries, dstEntries] = await limit(async () => {
        await cb.backpressure?.();
        if (cb.stop?.()) return [[], []];
        if (cb.noTraverse) {
          return lookUpEach(dst, srcExists ? await listSrc(dir, bad(dir)) : [], include, checkers, bad(dir));
        }
        return Promise.all([
          srcExists ? listSrc(dir, bad(dir)) : [],
          dstExists ? listDst(dir, bad(dir), true) : [],
        ]);
      });
    } catch (err) {
      stats.recordError(dir === '' ? '/' : dir, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (cb.excludeListing?.(srcEntries, dstEntries)) return;
    const { pairs, clashes } = matchNames(
      srcEntries.filter((e) => include(e, 'src')),
      dstEntries.filter((e) => include(e, 'dst')),
      names,
    );
    for (const group of clashes) reportClash(group, dir, dst, names.caseInsensitive, stats);

    const onDir = (pair: MatchedPair) => {
      const descend = cb.dir ? cb.dir(pair) : pair.src !== undefined;
      if (descend) pending.push(visit(pair.path, pair.src !== undefined, pair.dst !== undefined));
    };

    for (const { src: s, dst: d } of pairs) {
      if (!s) {
        if (d!.kind === 'dir') onDir({ dst: d, path: d!.path });
        else cb.file({ dst: d, path: d!.path });
        continue;
      }
      if (d && d.kind !== s.kind && cb.kindsApart) {
        if (d.kind === 'dir') onDir({ dst: d, path: d.path });
        else cb.file({ dst: d, path: d.path });
        if (s.kind === 'dir') onDir({ src: s, path: s.path });
        else cb.file({ src: s, path: s.path });
        continue;
      }
      if (d && d.kind !== s.kind) {
        stats.recordError(s.path, new RsyncishError('ERR_KIND_CLASH',
          `"${s.path}" is a ${s.kind === 'dir' ? 'directory' : 'file'} on the source but a ${d.kind === 'dir' ? 'directory' : 'file'} on ${dst.name}`,
          { hint: 'remove or rename one of them' }));
        continue;
      }
      if (s.kind === 'dir') onDir({ src: s, dst: d, path: s.path });
      else cb.file({ src: s, dst: d, path: s.path });
    }
  };

  pending.push(visit('', true, true));
  // Directories are added while earlier ones resolve; drain until none remain.
  for (let i = 0; i < pending.length; i++) await pending[i];
}

/**
 * --no-traverse: a source directory's entries and, for its included files,
 * the destination's entries of the same names, each looked up on its own
 * (`checkers` at a time); a name not there is simply absent. Any other
 * failure is that file's error, and the file takes no part (a copy could
 * not know what it replaces).
 */
async function lookUpEach(
  dst: Backend,
  srcEntries: Entry[],
  include: (e: Entry, side: 'src' | 'dst') => boolean,
  checkers: number,
  onError: (err: Error, name: string) => void,
): Promise<[Entry[], Entry[]]> {
  const limit = pLimit(Math.max(1, checkers));
  const failed = new Set<Entry>();
  const found = await Promise.all(srcEntries.map((e) => (e.kind !== 'file' || !include(e, 'src') ? undefined : limit(async () => {
    try {
      return await dst.stat(e.path);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      failed.add(e);
      onError(err instanceof Error ? err : new Error(String(err)), leaf(e.path));
      return undefined;
    }
  }))));
  return [srcEntries.filter((e) => !failed.has(e)), found.filter((e): e is Entry => e !== undefined)];
}

/**
 * Pair one directory's entries: exact matches (by the destination's key)
 * first, then normalization twins that have no other candidate on either
 * side. Unpaired entries come back alone; source names sharing a key are
 * clashes and take no part.
 */
export function matchNames(srcEntries: Entry[], dstEntries: Entry[], names: DestinationNames): { pairs: Array<{ src?: Entry; dst?: Entry }>; clashes: Entry[][] } {
  const dstByKey = new Map<string, Entry>();
  for (const e of dstEntries) dstByKey.set(names.key(leaf(e.path)), e);
  const srcByKey = new Map<string, Entry[]>();
  for (const e of srcEntries) {
    const k = names.key(leaf(e.path));
    const group = srcByKey.get(k);
    if (group) group.push(e);
    else srcByKey.set(k, [e]);
  }
  const pairs: Array<{ src?: Entry; dst?: Entry }> = [];
  const clashes: Entry[][] = [];
  const unmatched: Entry[] = [];
  for (const [key, group] of srcByKey) {
    if (group.length > 1) {
      clashes.push(group);
      // The destination's file of that name is neither's: leave it out of the run.
      dstByKey.delete(key);
      continue;
    }
    const d = dstByKey.get(key);
    if (d) {
      dstByKey.delete(key);
      pairs.push({ src: group[0], dst: d });
    } else {
      unmatched.push(group[0]!);
    }
  }
  const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const srcTwins = count(unmatched.map((e) => names.twin(leaf(e.path))));
  const dstTwins = count([...dstByKey.values()].map((e) => names.twin(leaf(e.path))));
  const dstByTwin = new Map([...dstByKey].map(([k, e]) => [names.twin(leaf(e.path)), k] as const));
  for (const s of unmatched) {
    const t = names.twin(leaf(s.path));
    const dstKey = srcTwins.get(t) === 1 && dstTwins.get(t) === 1 ? dstByTwin.get(t) : undefined;
    const d = dstKey === undefined ? undefined : dstByKey.get(dstKey);
    if (d) dstByKey.delete(dstKey!);
    pairs.push({ src: s, dst: d });
  }
  for (const d of dstByKey.values()) pairs.push({ dst: d });
  return { pairs, clashes };
}

function reportClash(group: Entry[], dir: string, dst: Backend, caseInsensitive: boolean, stats: Accounting): void {
  const list = group.map((e) => JSON.stringify(displayName(leaf(e.path)))).join(' and ');
  const where = dir === '' ? 'the source root' : JSON.stringify(dir);
  const name = leaf(group[0]!.path);
  const same = dst.capabilities.caseInsensitive
    ? `the same name on ${dst.name}, which is case-insensitive`
    : caseInsensitive ? 'the same name when case is ignored (--ignore-case-sync)' : `the same name on ${dst.name} (it stores them as one name)`;
  // One exact name twice (a drive that allows it, e.g. a file and a folder):
  // a clash of entries, whatever the destination's case rules.
  const message = group.every((e) => leaf(e.path) === name)
    ? `${where} holds ${kinds(group)} named ${JSON.stringify(displayName(name))}; on ${dst.name} that name can be only one of them`
    : `${list} in ${where} are ${same}`;
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
