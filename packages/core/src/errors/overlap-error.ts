import { ExitCode, RsyncishError, type ErrorOptions } from './rsyncish-error.js';

/**
 * The source and destination of a sync, copy or move are the same tree or one
 * holds the other: running would delete the source or copy it into itself.
 * Refused before anything is touched, with rclone's exit code 7.
 */
export class OverlappingRemotesError extends RsyncishError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_OVERLAPPING', message, { exitCode: ExitCode.FatalError, ...options });
  }
}
