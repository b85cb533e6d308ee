import {
  AlreadyExistsError,
  DirectoryNotEmptyError,
  FatalBackendError,
  IsADirectoryError,
  NotFoundError,
  RetryableError,
} from '@rsyncish/core';

/**
 * The engine decides about retries from core's typed errors alone, so every
 * file system error leaves this backend as one of them.
 */
export function typedError(err: unknown, path: string, isDir = false): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const what = JSON.stringify(path);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new NotFoundError(`${what}: not found`, { isDir, cause: err });
    case 'EISDIR':
      return new IsADirectoryError(`${what}: is a directory`, { cause: err });
    case 'EEXIST':
      return new AlreadyExistsError(`${what}: a file is in the way`, { cause: err });
    case 'ENOTEMPTY':
      return new DirectoryNotEmptyError(`${what}: directory not empty`, { cause: err });
    case 'EACCES':
    case 'EPERM':
    case 'ENOSPC':
    case 'EROFS':
      return new FatalBackendError(`${what}: ${(err as Error).message}`, { cause: err });
    default:
      return new RetryableError(`${what}: ${(err as Error).message}`, { cause: err });
  }
}
