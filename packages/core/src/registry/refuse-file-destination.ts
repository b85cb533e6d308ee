import { isNotFound, UsageError } from '../errors/index.js';
import type { OpenedRemote } from './open-remote.js';

/**
 * A destination that must be a directory (to copy, sync, move or check a tree
 * into, or to hold a copyto's file) but is a file: refused before anything is
 * listed, as rclone refuses it when it opens the remote ("is a file not a
 * directory", exit 1). Retrying cannot change it. A missing one is fine: it is
 * made when the first file arrives.
 */
export async function refuseFileDestination(remote: OpenedRemote): Promise<void> {
  const root = await remote.backend.stat('').catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (root?.kind !== 'file') return;
  throw new UsageError('ERR_DEST_IS_FILE', `destination "${remote.location.text}" is a file, not a directory`, {
    hint: 'name a directory to put the files in (copyto copies one file under a new name)',
  });
}
