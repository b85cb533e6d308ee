import type { RootLocation } from '../contract/index.js';
import { OverlappingRemotesError, UsageError } from '../errors/index.js';
import type { Filter } from '../filter/index.js';
import { rootRelation } from '../paths/index.js';
import type { SyncMode } from './sync.js';

/** What to do once the roots are compared: run, or nothing because the source is already the destination. */
export type OverlapVerdict = 'run' | 'already-there';

const RCLONE_OVERLAP = "can't sync or move files on overlapping remotes";

/**
 * Refuse a run whose source and destination overlap, before anything is
 * touched. As rclone: sync and move refuse any overlap, unless the
 * destination lies inside the source and the filters exclude it; the same
 * directory is "nothing to do" for copy and move. Unlike rclone, copy also
 * refuses a destination inside the source, which it would copy into itself on
 * every run, and a source inside the destination that holds its own path
 * there (`copy a/backup a` with an `a/backup/backup`), which would overwrite
 * the source; and move refuses a case-only rename on a case-insensitive remote
 * (rclone renames through a temporary name). A single file whose destination
 * is itself is already there.
 */
export async function guardOverlap(
  mode: SyncMode,
  src: RootLocation,
  dst: RootLocation,
  filter: Filter,
  singleFile?: { name: string },
  srcHasDir: (path: string) => Promise<boolean> = async () => false,
): Promise<OverlapVerdict> {
  if (singleFile) return guardSingleFile(mode, src, { ...dst, path: joined(dst.path, singleFile.name) });
  const relation = rootRelation(src, dst);
  switch (relation.kind) {
    case 'apart':
      return 'run';
    case 'same':
      if (mode === 'sync') throw overlapping(mode, 'source and destination are the same directory', 'choose a destination outside the source');
      if (mode === 'move' && spelledDifferently(src.path, dst.path)) throw caseOnlyRename(src.path, dst.path);
      return 'already-there';
    case 'dst-inside-src':
      if (excludedByFilters(relation.rel, filter)) return 'run';
      throw overlapping(mode, `the destination is inside the source (at "${relation.rel}")`,
        `choose a destination outside the source, or exclude it with a filter rule: --exclude "/${relation.rel}/**"`);
    case 'src-inside-dst':
      if (mode !== 'copy') {
        throw overlapping(mode, `the source is inside the destination (at "${relation.rel}")`,
          'choose a destination outside the source; sync would delete the rest of the destination, then the source');
      }
      // Copying `a/backup` into `a` writes the source's own `backup/...` over the source.
      if (excludedByFilters(relation.rel, filter) || !(await srcHasDir(relation.rel))) return 'run';
      throw overlapping(mode, `the source is at "${relation.rel}" in the destination and holds a "${relation.rel}" of its own, which would be copied over the source`,
        `exclude it with --exclude "/${relation.rel}/**", or copy into a directory outside the source`);
  }
}

function guardSingleFile(mode: SyncMode, srcFile: RootLocation, dstFile: RootLocation): OverlapVerdict {
  const relation = rootRelation(srcFile, dstFile);
  if (relation.kind === 'same') {
    // Only the file's own name matters: its folder spelled in another case is the same folder.
    if (mode === 'move' && baseOf(srcFile.path) !== baseOf(dstFile.path)) throw caseOnlyRename(srcFile.path, dstFile.path);
    return 'already-there';
  }
  if (relation.kind === 'dst-inside-src') {
    throw overlapping(mode, 'the destination directory is the source file itself', `name a directory to ${mode} the file into, or use ${mode}to to give it a new name`);
  }
  return 'run';
}

/** rclone's rule: the destination is left out when any directory on the way to it is excluded. */
export function excludedByFilters(rel: string, filter: Filter): boolean {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    if (!filter.includeDir(parts.slice(0, i).join('/'))) return true;
  }
  return false;
}

function overlapping(mode: SyncMode, why: string, hint: string): OverlappingRemotesError {
  const what = mode === 'copy' ? "can't copy files on overlapping remotes" : RCLONE_OVERLAP;
  return new OverlappingRemotesError(`${what}: ${why}`, { hint });
}

/**
 * `moveto remote:F remote:f` where names are case-insensitive: the
 * destination "exists" and is identical, so moving would delete the only copy.
 */
function caseOnlyRename(from: string, to: string): UsageError {
  const tmp = `${baseOf(from)}.renaming`;
  return new UsageError('ERR_CASE_ONLY_RENAME', `can't move "${from}" to "${to}": the names differ only in case and this remote ignores case`, {
    hint: `rename it in two steps, through another name: moveto ... ${tmp}, then moveto ... ${baseOf(to)}`,
  });
}

/** Two paths found the same, compared as typed: they differ only in case. */
function spelledDifferently(a: string, b: string): boolean {
  const trim = (p: string) => p.split('/').filter((s) => s !== '').join('/');
  return trim(a) !== trim(b);
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function joined(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}
