/**
 * Spreads calls out to at most `tps` per second: each caller gets the next free
 * slot 1/tps apart. Shared across backends of one process (see globalTpsLimiter).
 */
export class TpsLimiter {
  private next = 0;
  private readonly spacingMs: number;

  constructor(
    readonly tps: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {
    this.spacingMs = 1000 / tps;
  }

  async take(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.next);
    this.next = slot + this.spacingMs;
    if (slot > now) await this.sleep(slot - now);
  }
}

const GLOBAL_KEY = Symbol.for('rsyncish.tpsLimiter');

/**
 * The process-wide limiter for `--tpslimit`, or undefined when 0. Kept on
 * globalThis so plugins that carry their own copy of core share it too.
 */
export function globalTpsLimiter(tps: number): TpsLimiter | undefined {
  if (!(tps > 0)) return undefined;
  const g = globalThis as unknown as Record<symbol, TpsLimiter | undefined>;
  const existing = g[GLOBAL_KEY];
  if (existing && existing.tps === tps) return existing;
  const limiter = new TpsLimiter(tps);
  g[GLOBAL_KEY] = limiter;
  return limiter;
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
