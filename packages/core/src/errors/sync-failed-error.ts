import type { Accounting } from '../engine/accounting.js';
import { exitCodeOf, hintOf } from './error-shape.js';
import { ExitCode, RsyncishError } from './rsyncish-error.js';

/**
 * A copy, sync or move that ran to its end with failed files (rclone's
 * "failed to copy with 3 errors: last error was: ..."). It carries the run's
 * stats, so a library caller still sees what was transferred; its exit code
 * and hint are those of the last error.
 */
export class SyncFailedError extends RsyncishError {
  constructor(
    verb: string,
    readonly stats: Accounting,
  ) {
    const last = stats.lastError;
    const reason = last?.message ?? 'unknown error';
    super('ERR_SYNC_FAILED', stats.errors <= 1 ? `failed to ${verb}: ${reason}` : `failed to ${verb} with ${stats.errors} errors: last error was: ${reason}`, {
      exitCode: exitCodeOf(last) ?? ExitCode.UncategorizedError,
      hint: hintOf(last) ?? 'run again: files already copied are skipped',
      cause: last,
    });
  }
}
