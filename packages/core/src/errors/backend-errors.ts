import { ExitCode, RsyncishError, type ErrorOptions } from './rsyncish-error.js';

/**
 * Typed errors every backend maps its failures to. The engine's retry policy
 * reads only these classes (and `retryable`), never backend-specific details.
 */
export abstract class BackendError extends RsyncishError {
  /** Whether a low-level retry of the same call may succeed. */
  abstract readonly retryable: boolean;
}

export class NotFoundError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions & { isDir?: boolean } = {}) {
    super('ERR_NOT_FOUND', message, {
      exitCode: options.isDir ? ExitCode.DirNotFound : ExitCode.FileNotFound,
      ...options,
    });
  }
}

export class AlreadyExistsError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_ALREADY_EXISTS', message, options);
  }
}

export class RateLimitedError extends BackendError {
  readonly retryable = true;
  /** Milliseconds the server asked us to wait, when it said. */
  readonly retryAfterMs?: number;
  constructor(message: string, options: ErrorOptions & { retryAfterMs?: number } = {}) {
    super('ERR_RATE_LIMITED', message, {
      hint: 'lower --tpslimit or --transfers, or raise --low-level-retries',
      exitCode: ExitCode.RetryError,
      ...options,
    });
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class RetryableError extends BackendError {
  readonly retryable = true;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_RETRYABLE', message, { exitCode: ExitCode.RetryError, ...options });
  }
}

export class UnauthorizedError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_UNAUTHORIZED', message, { exitCode: ExitCode.FatalError, ...options });
  }
}

export class TooLargeError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_TOO_LARGE', message, { exitCode: ExitCode.NoRetryError, ...options });
  }
}

export class FatalBackendError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_FATAL', message, { exitCode: ExitCode.FatalError, ...options });
  }
}

/** A name from a backend that would escape the remote root or cannot be a path segment. */
export class UnsafeNameError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_UNSAFE_NAME', message, {
      hint: 'the server returned a name that cannot be a file name; rename it on the server',
      exitCode: ExitCode.NoRetryError,
      ...options,
    });
  }
}

/** Transfer verification failed: the destination's hash differs from the bytes sent. */
export class HashMismatchError extends BackendError {
  readonly retryable = true;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_HASH_MISMATCH', message, { exitCode: ExitCode.RetryError, ...options });
  }
}

/** rmdir of a directory (folder, bucket, container) that still holds entries. */
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

/** A path that should be a directory is a file, or one of its parents is. */
export class NotADirectoryError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_NOT_A_DIRECTORY', message, { exitCode: ExitCode.DirNotFound, ...options });
  }
}

/** A path that should be a file is a directory. */
export class IsADirectoryError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_IS_A_DIRECTORY', message, { exitCode: ExitCode.NoRetryError, ...options });
  }
}

/**
 * A source entry listed as a file is no longer a regular file when it is
 * opened (swapped for a named pipe, a socket or a device). Nothing was read.
 * The engine skips it with a notice, as a listing skips such files.
 */
export class NotARegularFileError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_NOT_A_REGULAR_FILE', message, {
      hint: 'it changed since it was listed; only regular files are copied',
      exitCode: ExitCode.NoRetryError,
      ...options,
    });
  }
}
