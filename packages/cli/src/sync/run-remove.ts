import { deleteFiles, Filter, purge, removeEmptyDirs, statRoot } from '@rsyncish/core';
import { openTreeRoot, type TreeRoot } from '../cli/file-root.js';
import type { Session } from '../cli/session.js';
import { ErrorTally } from '../output/error-tally.js';
import { sizeSuffix } from '../stats/rclone-units.js';

export type RemoveKind = 'delete' | 'rmdirs' | 'purge';

export interface RemoveRequest {
  kind: RemoveKind;
  path: string;
  /** delete: also remove directories left empty (--rmdirs). rmdirs: keep the root (--leave-root). */
  rmdirs?: boolean;
  leaveRoot?: boolean;
}

/**
 * delete, rmdirs and purge: walk and remove, logging each removal at INFO
 * (`path: Deleted`, `dir: Removing directory`) and, with --dry-run, a NOTICE
 * for each thing it would remove, as rclone does.
 */
export async function runRemove(session: Session, req: RemoveRequest): Promise<void> {
  const { logger, json } = session;
  // delete reads a tree (a file path is a root holding that file); rmdirs and purge need a directory.
  const tree = req.kind === 'delete' ? await openTreeRoot(session, req.path, 'delete') : undefined;
  const remote = tree?.remote ?? await session.open(req.path);
  const errors = new ErrorTally(session.logger, session.json, req.kind === 'delete' ? "Couldn't delete" : 'failed to remove');
  const show = (p: string) => p || remote.backend.name;
  let files = 0;
  let dirs = 0;
  const base = {
    checkers: session.engine.checkers,
    dryRun: session.engine.dryRun,
    onDeleted: (p: string, kind: 'file' | 'dir') => {
      if (kind === 'file') files++;
      else dirs++;
      logger.info(`${show(p)}: ${kind === 'file' ? 'Deleted' : 'Removing directory'}`);
      json.emit('deleted', { path: p, side: kind === 'file' ? 'dst' : 'dir' });
    },
    onDryRun: (p: string, action: string) => {
      json.emit('dry-run', { path: p, action });
      const words = action === 'purge' ? 'purge directory' : action;
      logger.notice(`${show(p)}: Skipped ${words} as --dry-run is set`);
    },
    onError: errors.add,
  };
  try {
    if (tree) {
      await runDelete(session, tree, base, req.rmdirs ?? false);
    } else {
      await statRoot(remote);
      if (req.kind === 'rmdirs') await removeEmptyDirs(remote.backend, { ...base, leaveRoot: req.leaveRoot ?? false });
      else await purge(remote.backend, base);
    }
  } finally {
    await remote.backend.close?.();
  }
  json.emit('summary', { deletedFiles: files, deletedDirs: dirs, errors: errors.count });
  errors.throwIfAny(req.kind);
}

async function runDelete(session: Session, tree: TreeRoot, base: Parameters<typeof deleteFiles>[1], rmdirs: boolean): Promise<void> {
  const { remote } = tree;
  const filter = new Filter(tree.filter);
  for (const w of filter.warnings) session.logger.notice(w);
  await deleteFiles(remote.backend, {
    ...base,
    filter,
    onDryRun: (p, action, size) => {
      session.json.emit('dry-run', { path: p, action, size });
      session.logger.notice(`${p}: Skipped ${action} as --dry-run is set (size ${sizeSuffix(size ?? -1)})`);
    },
  });
  // A file root has no directories of its own; the one holding it is not the user's to remove.
  if (rmdirs && tree.file === undefined) await removeEmptyDirs(remote.backend, { ...base, leaveRoot: true });
}
