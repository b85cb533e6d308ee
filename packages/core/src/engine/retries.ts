import type { Accounting } from './accounting.js';

/** What the whole-run retry loop tells the user, in rclone's words (see withRunRetries). */
export interface RunRetryReport {
  /** An attempt after the first ended without errors. */
  succeeded(attempt: number, of: number): void;
  /** An attempt ended with errors; `retrying` is false when it was the last one. */
  failed(attempt: number, of: number, retrying: boolean): void;
  /** No attempt is made again: `fatal` after a fatal error, `no-retry` when every error is one retrying will not fix. */
  stopped(why: 'fatal' | 'no-retry'): void;
}

/**
 * Whole-run retries (rclone's --retries and cmd.Run loop): run the job again
 * while it ended with errors, up to `retries` attempts in all, but only while
 * some error may be fixed by trying again: a fatal error (exit code 7), or
 * errors that all say retrying will not help (exit code 6), end the loop at
 * once. Totals accumulate across attempts; only the error count starts again,
 * and files copied by an earlier attempt are skipped by the normal up-to-date
 * check.
 */
export async function withRunRetries(
  retries: number,
  stats: Accounting,
  run: () => Promise<void>,
  report: RunRetryReport,
  sleepMs = 0,
  signal?: AbortSignal,
): Promise<void> {
  const attempts = Math.max(1, retries);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await run();
    // Ctrl-C ends the run as it is; another attempt is not what the user asked for.
    if (signal?.aborted) return;
    if (stats.errors === 0) {
      if (attempt > 1) report.succeeded(attempt, attempts);
      return;
    }
    if (stats.hadFatalError) return report.stopped('fatal');
    if (!stats.hadRetryError) return report.stopped('no-retry');
    report.failed(attempt, attempts, attempt < attempts);
    if (attempt === attempts) return;
    stats.resetErrors();
    if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
  }
}
