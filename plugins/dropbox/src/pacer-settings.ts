import type { PacerSettings } from '@rsyncish/core';

/** rclone's dropbox pacing: 10 ms apart at least, doubling while calls fail, at most 2 s. */
export const DROPBOX_PACER: PacerSettings = {
  minSleepMs: 10,
  maxSleepMs: 2000,
  decayConstant: 2,
  attackConstant: 1,
};
