import type { Backend, Entry, RootLocation } from '../contract/index.js';
import { ExitCode, RsyncishError } from '../errors/index.js';
import type { Filter } from '../filter/index.js';
import { rootRelation } from '../paths/index.js';
import { moveFile } from './move-file.js';
import { excludedByFilters } from './overlap-guard.js';

/**
 * Where --backup-dir / --suffix put the destination files a run would replace
 * or delete: the --backup-dir remote, or the destination itself when only
 * --suffix is given (the file is renamed next to itself).
 */
export interface BackupTarget {
  backend: Backend;
  /** Added to each backed-up name ('' keeps the name). */
  suffix: string;
  /** --suffix-keep-extension: the suffix goes before the extension (`a.bak.txt`). */
  keepExtension: boolean;
}

/** A file's name in the backup: rclone's SuffixName (Go's path.Ext: from the last dot of the last element). */
export function backupName(path: string, suffix: string, keepExtension: boolean): string {
  if (suffix === '') return path;
  if (!keepExtension) return path + suffix;
  const leafStart = path.lastIndexOf('/') + 1;
  const dot = path.lastIndexOf('.');
  const ext = dot >= leafStart ? path.slice(dot) : '';
  return path.slice(0, path.length - ext.length) + suffix + ext;
}

/**
 * Move one destination file into the backup, and only then remove it from the
 * destination: whatever fails, the file is in one place or the other, never in
 * neither (see moveFile: server-side where the storage can, else streamed).
 * Returns the name it has in the backup, and whether it moved server-side.
 */
export async function moveIntoBackup(dst: Backend, entry: Entry, target: BackupTarget, signal?: AbortSignal): Promise<{ to: string; serverSide: boolean }> {
  const to = backupName(entry.path, target.suffix, target.keepExtension);
  const { serverSide } = await moveFile(dst, entry, target.backend, to, signal);
  return { to, serverSide };
}

const refuse = (message: string, hint: string) => new RsyncishError('ERR_BACKUP_DIR', message, { exitCode: ExitCode.FatalError, hint });

/**
 * rclone's checks on --backup-dir, in its words: it lives on the
 * destination's remote, and overlaps neither the destination (unless the
 * filters leave it out of the run) nor the source. Otherwise a run would back
 * up its own backups, or copy them back over the source.
 */
export function guardBackupDir(src: RootLocation, dst: RootLocation, backup: RootLocation, filter: Filter): void {
  if (backup.store !== dst.store) {
    throw refuse('parameter to --backup-dir has to be on the same remote as destination', 'give a --backup-dir path on the destination\'s remote, e.g. remote:old');
  }
  if (overlaps(dst, backup, filter)) {
    throw refuse("destination and parameter to --backup-dir mustn't overlap", 'put the backup dir outside the destination, or exclude it with a filter rule');
  }
  if (overlaps(src, backup, filter)) {
    throw refuse("source and parameter to --backup-dir mustn't overlap", 'put the backup dir outside the source');
  }
}

function overlaps(root: RootLocation, backup: RootLocation, filter: Filter): boolean {
  const r = rootRelation(root, backup);
  if (r.kind === 'apart') return false;
  if (r.kind === 'dst-inside-src') return !excludedByFilters(r.rel, filter);
  return true;
}
