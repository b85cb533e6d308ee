import { BackendError, ExitCode, type ErrorOptions } from '@rsyncish/core';

/** rmdir of a folder that still holds files or folders. */
export class DirectoryNotEmptyError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_DIR_NOT_EMPTY', message, {
      hint: 'remove its contents first (rsyncish purge removes a directory with everything in it)',
      exitCode: ExitCode.NoRetryError,
      ...options,
    });
  }
}

/** A path that should be a folder is a file (or one of its parents is). */
export class NotADirectoryError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_NOT_A_DIRECTORY', message, { exitCode: ExitCode.DirNotFound, ...options });
  }
}

/** A path that should be a file is a folder. */
export class IsADirectoryError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_IS_A_DIRECTORY', message, { exitCode: ExitCode.NoRetryError, ...options });
  }
}

/** The server broke one of its own rules (two nodes with one name, a node that cannot be moved). */
export class AcdConsistencyError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_ACD_INCONSISTENT', message, { exitCode: ExitCode.NoRetryError, ...options });
  }
}
