import { BackendError, ExitCode, RsyncishError, type ErrorOptions } from '@rsyncish/core';

// Shared with every backend; kept importable from here for this plugin's modules.
export { DirectoryNotEmptyError, NotADirectoryError, IsADirectoryError } from '@rsyncish/core';

/**
 * The OS refused access (EACCES/EPERM/EROFS). Calling again at once cannot
 * help, so no low-level retry; but as in rclone, which does not mark it
 * "no retry", it is worth another whole-run attempt (someone may be fixing
 * the permissions), and it exits with the uncategorised code.
 */
export class PermissionDeniedError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_PERMISSION', message, {
      hint: 'check the permissions of the path and its parent directories (ls -ld), or run as a user who may access it',
      exitCode: ExitCode.UncategorizedError,
      ...options,
    });
  }
}

/**
 * The source file changed while it was read (rclone's "source file is being
 * updated"). A later whole-run retry usually copies it cleanly.
 */
export class SourceChangedError extends RsyncishError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_SOURCE_CHANGED', message, {
      hint: 'the file was modified while being copied; run again, or set --local-no-check-updated for files that only grow (logs)',
      exitCode: ExitCode.RetryError,
      ...options,
    });
  }
}

/** With -L, symlinks whose target is missing (or loops) cannot be copied. */
export class BrokenSymlinkError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_BROKEN_SYMLINK', message, {
      hint: 'remove or fix the links, or drop -L/--copy-links to skip symlinks',
      exitCode: ExitCode.NoRetryError,
      ...options,
    });
  }
}

/** The path the user named is a FIFO, socket or device: nothing to list or copy as a file. */
export class NotAFileOrDirectoryError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_NOT_FILE_OR_DIR', message, {
      hint: 'name a directory or a regular file; pipes, sockets and devices are not copied',
      exitCode: ExitCode.DirNotFound,
      ...options,
    });
  }
}
