import type { Entry } from '../contract/index.js';
import { isNotFound, NotFoundError } from '../errors/index.js';
import type { OpenedRemote } from './open-remote.js';

/**
 * The entry at the root of an opened remote path: a directory, or a single
 * file the user named. A root that does not exist is "directory not found"
 * (exit 3), as rclone reports a missing source or listing root.
 */
export async function statRoot(remote: OpenedRemote): Promise<Entry> {
  try {
    return await remote.backend.stat('');
  } catch (err) {
    if (isNotFound(err)) {
      throw new NotFoundError(`directory not found: ${remote.location.text}`, {
        isDir: true,
        hint: 'check the path; "rsyncish lsd" lists the directories that exist',
        cause: err,
      });
    }
    throw err;
  }
}
