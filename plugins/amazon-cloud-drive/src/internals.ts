import type { PacerSettings } from '@rsyncish/core';

/** Timings rclone hard-codes; tests shorten them. Not user options. */
export interface AcdInternals {
  /** Poll interval of the upload check (rclone: 5 s). */
  uploadPollMs: number;
  /** Pause before checking a move took effect (rclone: 200 ms). */
  moveSettleMs: number;
  /** Poll interval while waiting for a move to show (rclone: 1 s). */
  movePollMs: number;
  /** Wait after finding a folder that is not AVAILABLE (rclone: 1 s). */
  unavailableFolderWaitMs: number;
  /** Overrides of the declared pacing (ACD_PACER). */
  pacer: Partial<PacerSettings>;
  /** The pacer's clock; tests read the spacing of call starts on a fake one. */
  pacerClock?: { now: () => number; sleep: (ms: number) => Promise<void> };
  /** The redirect server port of the OAuth setup (53682). */
  redirectPort: number;
}

export const DEFAULT_INTERNALS: AcdInternals = {
  uploadPollMs: 5000,
  moveSettleMs: 200,
  movePollMs: 1000,
  unavailableFolderWaitMs: 1000,
  pacer: {},
  redirectPort: 53682,
};
