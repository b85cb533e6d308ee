import type { PacerSettings } from '@rsyncish/core';

/**
 * How the drive backend paces its calls: pacer_min_sleep apart (rclone: 100
 * ms), doubling while Google says rateLimitExceeded or a 5xx, and back
 * down by a quarter per success. Google asks for exponential backoff;
 * rclone's Google calculator also grows to seconds, so the cap is 16 s.
 */
export function drivePacer(minSleepMs: number): PacerSettings {
  return { minSleepMs, maxSleepMs: 16_000, decayConstant: 2, attackConstant: 1 };
}
