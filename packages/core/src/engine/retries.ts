import type { Accounting } from './accounting.js';

/**
 * Whole-run retries (rclone's --retries): run the job again while it ended with
 * errors, up to `retries` attempts in all. Totals accumulate across attempts;
 * only the error count starts again, and files copied by an earlier attempt are
 * skipped by the normal up-to-date check.
 */
export async function withRunRetries(
  retries: number,
  stats: Accounting,
  run: () => Promise<void>,
  onRetry: (attempt: number, of: number) => void,
  sleepMs = 0,
): Promise<void> {
  const attempts = Math.max(1, retries);
  for (let attempt = 1; ; attempt++) {
    await run();
    if (stats.errors === 0 || attempt >= attempts) return;
    onRetry(attempt, attempts);
    if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
    stats.resetErrors();
  }
}
