import { isNotFound } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { splitDest } from '../sync/split-dest.js';
import { NotAFileError } from './file-op-errors.js';

/** deletefile: remove the one file named; a directory or a missing path is refused, as rclone refuses it. */
export async function runDeletefile(session: Session, path: string): Promise<void> {
  const { parent, name } = splitDest(path, 'deletefile');
  const remote = await session.open(parent);
  try {
    const entry = await remote.backend.stat(name).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (entry?.kind !== 'file') throw new NotAFileError(path);
    if (session.engine.dryRun) {
      session.logger.notice(`${name}: Skipped delete as --dry-run is set`);
      return;
    }
    await remote.backend.delete(name);
    session.logger.info(`${name}: Deleted`);
  } finally {
    await remote.backend.close?.();
  }
}
