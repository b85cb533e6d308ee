/**
 * How a backend wants its calls spaced: the pacing a backend declares, as
 * rclone's lib/pacer Default calculator takes it. The numbers belong to the
 * backend (what its server tolerates); what is done with them is core's.
 */
export interface PacerSettings {
  /** Least time between the starts of two calls, ms, and where the wait settles when all is well. */
  minSleepMs: number;
  /** The wait never grows past this, ms, however long calls keep failing (a Retry-After aside). */
  maxSleepMs: number;
  /** After a success the wait shrinks to (2^d - 1)/2^d of itself: 2 keeps three quarters. */
  decayConstant: number;
  /** After a retryable failure the wait grows to 2^a/(2^a - 1) times itself: 1 doubles it; 0 jumps to maxSleepMs. */
  attackConstant: number;
}

/** rclone's Default calculator: 10 ms spacing, doubling on failure up to 2 s. */
export const DEFAULT_PACER_SETTINGS: Readonly<PacerSettings> = {
  minSleepMs: 10,
  maxSleepMs: 2000,
  decayConstant: 2,
  attackConstant: 1,
};

/** The wait after a retryable failure: grown by the attack constant, capped at maxSleepMs. */
export function grownSleep(settings: PacerSettings, sleepMs: number): number {
  const a = settings.attackConstant;
  if (a <= 0) return settings.maxSleepMs;
  // From zero nothing grows, so start from the minimum.
  const from = Math.max(sleepMs, settings.minSleepMs, 1);
  return Math.min(settings.maxSleepMs, Math.round((from * 2 ** a) / (2 ** a - 1)));
}

/** The wait after a success (or an answer that is no reason to slow down): decayed, never below minSleepMs. */
export function decayedSleep(settings: PacerSettings, sleepMs: number): number {
  const d = settings.decayConstant;
  const next = Math.floor((sleepMs * (2 ** d - 1)) / 2 ** d);
  return Math.max(settings.minSleepMs, next);
}
