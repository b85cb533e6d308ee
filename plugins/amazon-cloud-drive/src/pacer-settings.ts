import type { PacerSettings } from '@rsyncish/core';

/**
 * How the acd backend paces its calls: 20 ms apart (rclone's acd minSleep),
 * doubling while calls fail, never more than 2 s apart, and back down by a
 * quarter per success. rclone 1.60 lets its acd waits grow to 256 s; a cap of
 * 2 s keeps a dead server from looking like a hung command (see
 * docs/rclone-differences.md).
 */
export const ACD_PACER: PacerSettings = {
  minSleepMs: 20,
  maxSleepMs: 2000,
  decayConstant: 2,
  attackConstant: 1,
};
