import type { Accounting } from './accounting.js';

/**
 * Whole-run retries (rclone's --retries): run the job again while it ended with
 * errors, up to `retries` attempts in all. Totals accumulate across attempts;
 * only the error count starts again, and files copied by an earlier attempt are
 * skipped by the normal up-to-date check. A fatal error ends the retries.
 */
export async function withRunRetries(
  retries: number,
  stats: Accounting,
  run: () => Promise<void>,
  onRetry: (attempt: number, of: number) => void,
  sleepMs = 0,
  signal?: AbortSignal,
): Promise<void> {
  const attempts = Math.max(1, retries);
  for (let attempt = 1; ; attempt++) {
    await run();
    // Ctrl-C ends the run as it is; another attempt is not what the user asked for.
    if (signal?.aborted) return;
    // A fatal error (exit code 7) cannot be fixed by trying again, as in rclone.
    if (stats.errors === 0 || stats.hadFatalError || attempt >= attempts) return;
    onRetry(attempt, attempts);
    if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
    stats.resetErrors();
  }
}
