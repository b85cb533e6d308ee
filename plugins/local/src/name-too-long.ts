import { FatalBackendError } from '@rsyncish/core';

// Linux's NAME_MAX and PATH_MAX; most other systems' are the same or larger.
const NAME_MAX = 255;
const PATH_MAX = 4096;

/**
 * ENAMETOOLONG means either one name is over NAME_MAX bytes or the whole
 * path is over PATH_MAX: say which, since the fix differs.
 */
export function nameTooLongError(fsPath: string, cause: unknown): FatalBackendError {
  const where = JSON.stringify(fsPath);
  const longest = Math.max(...fsPath.split('/').map((s) => Buffer.byteLength(s)));
  if (longest > NAME_MAX) {
    return new FatalBackendError(`${where}: file name too long (a name of ${longest} bytes)`, {
      hint: `most filesystems allow ${NAME_MAX} bytes per name; shorten the name at the source`,
      cause,
    });
  }
  const bytes = Buffer.byteLength(fsPath);
  if (bytes < PATH_MAX) {
    // Neither the name nor the path is too long: a symlink on the way is.
    return new FatalBackendError(`${where}: file name too long (a symlink's target is longer than the system allows)`, {
      hint: 'shorten the target of the symlink, or leave -L off',
      cause,
    });
  }
  return new FatalBackendError(`${where}: path too long (${bytes} bytes)`, {
    hint: `the system allows ${PATH_MAX - 1} bytes for a whole path; use a shorter root or fewer nested directories`,
    cause,
  });
}
