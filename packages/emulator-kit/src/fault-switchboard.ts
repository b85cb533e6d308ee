/** A one-shot fault: the next `count` requests matching method and path get `status`. */
export interface Injection {
  status: number;
  count?: number;
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path contains this string (any when absent). */
  path?: string;
}

/**
 * Reads the common fields of an injection from a control request: `status` (one of `statuses`),
 * `count` (default 1), `method`, `path`. `invalid` makes the service's 400.
 */
export function parseInjection(raw: Record<string, unknown>, statuses: readonly number[], invalid: (message: string) => Error): Injection {
  const status = Number(raw['status']);
  if (!statuses.includes(status)) throw invalid(`status must be one of ${statuses.join(', ')}`);
  const count = raw['count'] === undefined ? 1 : Number(raw['count']);
  if (!Number.isInteger(count) || count < 1) throw invalid('count must be a positive integer');
  const fault: Injection = { status, count };
  if (raw['method'] !== undefined) fault.method = String(raw['method']).toUpperCase();
  if (raw['path'] !== undefined) fault.path = String(raw['path']);
  return fault;
}

/**
 * What an emulator's fault injector holds whatever the service: settings a test switches at run
 * time (and can reset to the start-up ones), one-shot injections, a one-second rate window and
 * the dice. Clock and randomness are injected so tests can decide them.
 */
export class FaultSwitchboard<S extends { rateLimit: number }, F extends Injection> {
  settings: S;
  private injected: Array<F & { count: number }> = [];
  private windowStart = 0;
  private windowCount = 0;

  constructor(
    private readonly initial: S,
    protected readonly now: () => number = Date.now,
    protected readonly random: () => number = Math.random,
  ) {
    this.settings = structuredClone(initial);
  }

  update(patch: Partial<S>): S {
    Object.assign(this.settings, patch);
    return this.settings;
  }

  /** Back to the settings the emulator started with, and no pending injections. */
  reset(): S {
    this.settings = structuredClone(this.initial);
    this.injected = [];
    return this.settings;
  }

  inject(fault: F): void {
    this.injected.push({ ...fault, count: fault.count ?? 1 });
  }

  pendingInjections(): F[] {
    return this.injected.map((f) => ({ ...f }));
  }

  /** The first injection matching this request, consumed (one of its `count`) if found. */
  protected takeMatching(method: string, path: string): F | undefined {
    const i = this.injected.findIndex((f) => (!f.method || f.method === method) && (!f.path || path.includes(f.path)));
    if (i < 0) return undefined;
    const fault = this.injected[i]!;
    fault.count -= 1;
    if (fault.count <= 0) this.injected.splice(i, 1);
    return fault;
  }

  /** Counts this request; true when it is more than `rateLimit` in the current second. */
  protected overRateLimit(): boolean {
    const limit = this.settings.rateLimit;
    if (limit <= 0) return false;
    const now = this.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount++;
    return this.windowCount > limit;
  }

  protected chance(p: number): boolean {
    return p > 0 && (p >= 1 || this.random() < p);
  }
}
