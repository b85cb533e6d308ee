import { ExitCode, RsyncishError } from './rsyncish-error.js';

/** rclone's words, which scripts grep for. */
const MAX_TRANSFER_MESSAGE = 'max transfer limit reached as set by --max-transfer';

/**
 * --max-transfer was reached: exit code 8. `--cutoff-mode hard` cuts the file
 * in flight and stops the run at once (fatal: no whole-run retry); soft and
 * cautious let the transfers in flight finish and start no more (retrying
 * would only reach the limit again).
 */
export class MaxTransferReachedError extends RsyncishError {
  /** How the whole-run retry loop treats it (Accounting reads this). */
  readonly retryClass: 'fatal' | 'never';
  constructor(hard: boolean) {
    super('ERR_MAX_TRANSFER', MAX_TRANSFER_MESSAGE, {
      exitCode: ExitCode.TransferExceeded,
      hint: 'raise --max-transfer, or run again to transfer the rest',
    });
    this.retryClass = hard ? 'fatal' : 'never';
  }
}

/**
 * --immutable: a destination file that differs from its source is never
 * replaced. rclone's message and exit code (6: retrying will not help).
 */
export class ImmutableModifiedError extends RsyncishError {
  constructor() {
    super('ERR_IMMUTABLE_MODIFIED', 'immutable file modified', {
      exitCode: ExitCode.NoRetryError,
      hint: 'the destination file differs from the source; without --immutable it would be replaced',
    });
  }
}

/** The retry class an error declares, if any (by shape, as every error check here). */
export function retryClassOf(err: unknown): 'fatal' | 'never' | undefined {
  const c = typeof err === 'object' && err !== null ? (err as { retryClass?: unknown }).retryClass : undefined;
  return c === 'fatal' || c === 'never' ? c : undefined;
}

/**
 * --max-duration passed: rclone 1.60 makes it a fatal error (exit 7), so the
 * run is not retried; what was not transferred waits for the next run.
 */
export class MaxDurationReachedError extends RsyncishError {
  constructor() {
    super('ERR_MAX_DURATION', 'max transfer duration reached as set by --max-duration', {
      exitCode: ExitCode.FatalError,
      hint: 'raise --max-duration, or run again to transfer the rest',
    });
  }
}
