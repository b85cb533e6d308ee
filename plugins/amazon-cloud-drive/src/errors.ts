import { BackendError, ExitCode, type ErrorOptions } from '@rsyncish/core';

// Shared with every backend; kept importable from here for this plugin's modules.
export { DirectoryNotEmptyError, NotADirectoryError, IsADirectoryError } from '@rsyncish/core';

/** The server broke one of its own rules (two nodes with one name, a node that cannot be moved). */
export class AcdConsistencyError extends BackendError {
  readonly retryable = false;
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_ACD_INCONSISTENT', message, { exitCode: ExitCode.NoRetryError, ...options });
  }
}
