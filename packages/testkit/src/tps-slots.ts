import { globalTpsLimiter } from '@rsyncish/core';

export interface TpsSlots {
  /** Slots taken since counting began: one per paced call to the server. */
  readonly taken: number;
  /** Stop counting. */
  stop(): void;
}

/**
 * Count the slots taken from the process-wide --tpslimit limiter of `tps`
 * calls per second, so a test can show a backend opened with
 * `globals: { tpsLimit: tps }` paces every request, by counting rather than
 * by timing. Give a limit high enough not to slow the test.
 */
export function countTpsSlots(tps: number): TpsSlots {
  const limiter = globalTpsLimiter(tps);
  if (!limiter) throw new RangeError(`countTpsSlots: tps must be above 0, got ${tps}`);
  const take = limiter.take;
  let taken = 0;
  limiter.take = async function (this: typeof limiter) {
    taken++;
    await take.call(this);
  };
  return {
    get taken() {
      return taken;
    },
    stop: () => {
      limiter.take = take;
    },
  };
}
