import { isRetryable, retryAfterMsOf } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { preciseSleep } from './precise-sleep.js';
import type { TpsLimiter } from './tps-limiter.js';

export interface PacerOptions {
  /** Least time between the starts of two calls, ms (ACD: 20). */
  minSleepMs?: number;
  /** Backoff unit: after the n-th failure in a row the wait is random in [0, base·2^(n-1)). Default 1000. */
  backoffBaseMs?: number;
  /** n is capped here, so the longest wait is base·2^(cap-1). Default 9 (256 s). */
  maxBackoffExponent?: number;
  /** Attempts per call in all (`--low-level-retries`), at least 1. Default 10. */
  attempts?: number;
  /** Shared `--tpslimit` limiter, when set. */
  tps?: TpsLimiter;
  logger?: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * One per backend instance: spaces calls out, backs off exponentially with
 * jitter while calls keep failing, and retries a call whose error is typed as
 * retryable (core's RetryableError, RateLimitedError, …). It never looks at
 * anything but the error's class, so every backend gets the same policy.
 */
export class Pacer {
  private readonly minSleepMs: number;
  private readonly backoffBaseMs: number;
  private readonly maxExponent: number;
  readonly attempts: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** Failures in a row across all calls of this pacer; a success resets it. */
  private consecutiveFailures = 0;
  /** Earliest time the next call may start. */
  private nextStart = 0;

  constructor(private readonly options: PacerOptions = {}) {
    this.minSleepMs = options.minSleepMs ?? 10;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
    this.maxExponent = options.maxBackoffExponent ?? 9;
    this.attempts = Math.max(1, Math.floor(options.attempts ?? 10));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? preciseSleep;
    this.random = options.random ?? Math.random;
  }

  /** Run `fn`, retrying it while it fails with a retryable error, up to `attempts` in all. */
  async call<T>(fn: (attempt: number) => Promise<T>, what = 'call'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.beginCall();
      try {
        const result = await fn(attempt);
        this.succeeded();
        return result;
      } catch (err) {
        this.failed(err);
        if (!isRetryable(err) || attempt >= this.attempts) throw err;
        this.options.logger?.debug(
          `${what}: low level retry ${attempt}/${this.attempts - 1} (error ${err instanceof Error ? err.message : String(err)})`,
        );
      }
    }
  }

  /** Run `fn` once, paced, for calls that must not be repeated (uploads). */
  async callNoRetry<T>(fn: () => Promise<T>): Promise<T> {
    await this.beginCall();
    try {
      const result = await fn();
      this.succeeded();
      return result;
    } catch (err) {
      this.failed(err);
      throw err;
    }
  }

  /** The wait after the n-th failure in a row: random in [0, base·2^(n-1)), never below the minimum spacing. */
  backoffMs(failures: number): number {
    if (failures <= 0) return this.minSleepMs;
    const n = Math.min(failures, this.maxExponent);
    const max = this.backoffBaseMs * 2 ** (n - 1);
    return Math.max(this.minSleepMs, Math.floor(this.random() * max));
  }

  private async beginCall(): Promise<void> {
    // Claim a slot first so concurrent callers queue up behind each other.
    for (;;) {
      const now = this.now();
      if (now >= this.nextStart) {
        // Counted from this call's actual start, so two starts are never
        // closer than minSleepMs; preciseSleep keeps the wait from running late.
        this.nextStart = now + this.minSleepMs;
        break;
      }
      await this.sleep(this.nextStart - now);
    }
    await this.options.tps?.take();
  }

  private succeeded(): void {
    this.consecutiveFailures = 0;
  }

  private failed(err: unknown): void {
    if (!isRetryable(err)) return;
    this.consecutiveFailures++;
    let wait = this.backoffMs(this.consecutiveFailures);
    const retryAfter = retryAfterMsOf(err);
    if (retryAfter !== undefined) wait = Math.max(wait, retryAfter);
    this.nextStart = Math.max(this.nextStart, this.now() + wait);
  }
}
