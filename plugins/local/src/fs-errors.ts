import { AlreadyExistsError, FatalBackendError, NotFoundError, RetryableError } from '@rsyncish/core';
import {
  DirectoryNotEmptyError,
  IsADirectoryError,
  NotADirectoryError,
  PermissionDeniedError,
} from './errors.js';
import { nameTooLongError } from './name-too-long.js';

export interface MapOptions {
  /** The missing thing is a directory (exit code 3 instead of 4). */
  isDir?: boolean;
}

/**
 * Turn a Node fs error into core's typed errors, naming the path the user
 * knows. Errors without an errno code (bugs, stream errors) pass through.
 */
export function mapFsError(err: unknown, fsPath: string, options: MapOptions = {}): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = JSON.stringify(fsPath);
  const cause = err;
  switch (code) {
    case 'ENOENT':
      return new NotFoundError(`${where}: ${options.isDir ? 'directory' : 'file'} not found`, { isDir: options.isDir, cause });
    case 'EEXIST':
      return new AlreadyExistsError(`${where}: already exists`, { cause });
    case 'EACCES':
    case 'EPERM':
      return new PermissionDeniedError(`${where}: permission denied`, { cause });
    case 'EROFS':
      return new PermissionDeniedError(`${where}: read-only file system`, { cause });
    case 'ENOSPC':
    case 'EDQUOT':
      return new FatalBackendError(`${where}: ${code === 'EDQUOT' ? 'disk quota exceeded' : 'the disk is full (no space left on device)'}`, {
        hint: code === 'EDQUOT'
          ? 'free some of your files on that disk or ask for a bigger quota (quota -s shows it), then run again'
          : 'free some space on that disk (df -h shows what is left), then run again',
        cause,
      });
    case 'ENOTDIR':
      return new NotADirectoryError(`${where}: not a directory (the path or one of its parents is a file)`, { cause });
    case 'EISDIR':
      return new IsADirectoryError(`${where}: is a directory`, { cause });
    case 'ENOTEMPTY':
      return new DirectoryNotEmptyError(`${where}: directory not empty`, { cause });
    case 'ENAMETOOLONG':
      return nameTooLongError(fsPath, cause);
    case 'ELOOP':
      return new FatalBackendError(`${where}: too many levels of symbolic links`, { hint: 'a symlink points at itself or in a loop', cause });
    case 'EMFILE':
    case 'ENFILE':
    case 'EAGAIN':
    case 'EBUSY':
      return new RetryableError(`${where}: ${(err as Error).message}`, { cause });
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

