import type { Backend, Entry, RootLocation } from '../contract/index.js';
import { ExitCode, RsyncishError } from '../errors/index.js';
import type { Filter } from '../filter/index.js';
import { rootRelation } from '../paths/index.js';
import { Accounting } from './accounting.js';
import { excludedByFilters } from './overlap-guard.js';
import { transferFile } from './transfer.js';

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
 * neither. Within one remote, or into another root of the same storage, a
 * server-side move does it in one step; else the backup copies it
 * server-side where it can, else the bytes are streamed and verified as any
 * transfer. Returns the
 * name it has in the backup, and whether it was moved in one server-side step.
 */
export async function moveIntoBackup(dst: Backend, entry: Entry, target: BackupTarget, signal?: AbortSignal): Promise<{ to: string; serverSide: boolean }> {
  const to = backupName(entry.path, target.suffix, target.keepExtension);
  const backup = target.backend;
  if (backup === dst && dst.move) {
    await dst.move(entry.path, to);
    return { to, serverSide: true };
  }
  // Another root of the same storage: a rename there where the backend can (local, ACD).
  if (await backup.moveFrom?.(dst, entry.path, to, { signal })) return { to, serverSide: true };
  let serverSide = true;
  if (backup === dst && dst.copy) {
    await dst.copy(entry.path, to);
  } else if (!(await backup.copyFrom?.(dst, entry.path, to, { size: entry.size, modTime: entry.modTime, modTimeNanos: entry.modTimeNanos, signal }))) {
    // Bytes moved aside are not bytes transferred: they are counted apart.
    serverSide = false;
    await transferFile({ src: dst, dst: backup, srcEntry: entry, dstPath: to, signal }, new Accounting());
  }
  await dst.delete(entry.path);
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
