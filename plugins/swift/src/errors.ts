import { BackendError, ExitCode, type ErrorOptions } from '@rsyncish/core';

/** rmdir of a container or folder that still holds objects. */
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
