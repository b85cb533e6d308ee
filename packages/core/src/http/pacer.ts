import { isRetryable, retryAfterMsOf } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { formatDuration } from '../units/duration.js';
import { DEFAULT_PACER_SETTINGS, decayedSleep, grownSleep, type PacerSettings } from './pacer-calculator.js';
import { preciseSleep } from './precise-sleep.js';
import type { TpsLimiter } from './tps-limiter.js';

export interface PacerOptions {
  /** The backend's declared pacing; missing fields take rclone's defaults. */
  settings?: Partial<PacerSettings>;
  /** Attempts per call in all (`--low-level-retries`), at least 1. Default 10. */
  attempts?: number;
  /** Shared `--tpslimit` limiter, when set. */
  tps?: TpsLimiter;
  logger?: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One per backend instance: spaces the starts of calls at least the current
 * wait apart, doubles that wait (up to the backend's cap) while calls fail
 * with a retryable error and lets it decay back once they succeed, and retries
 * a failed call up to `attempts` in all. It never looks at anything but the
 * error's class, so every backend gets the same policy.
 */
export class Pacer {
  private readonly settings: PacerSettings;
  readonly attempts: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Current spacing between call starts, ms. */
  private sleepMs: number;
  /** Earliest time the next call may start. */
  private nextStart = 0;

  constructor(private readonly options: PacerOptions = {}) {
    this.settings = { ...DEFAULT_PACER_SETTINGS, ...options.settings };
    this.attempts = Math.max(1, Math.floor(options.attempts ?? 10));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? preciseSleep;
    this.sleepMs = this.settings.minSleepMs;
  }

  /** The wait now kept between the starts of two calls, ms. */
  get currentSleepMs(): number {
    return this.sleepMs;
  }

  /**
   * Run `fn`, retrying it while it fails with a retryable error, up to
   * `attempts` in all; `what` names the call in the retry lines.
   */
  async call<T>(fn: (attempt: number) => Promise<T>, what = 'pacer'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.beginCall();
      try {
        const result = await fn(attempt);
        this.answered();
        return result;
      } catch (err) {
        this.failed(err);
        if (!isRetryable(err) || attempt >= this.attempts) throw err;
        this.logRetry(attempt, err, what);
      }
    }
  }

  /** Run `fn` once, paced, for calls that must not be repeated (uploads). */
  async callNoRetry<T>(fn: () => Promise<T>): Promise<T> {
    await this.beginCall();
    try {
      const result = await fn();
      this.answered();
      return result;
    } catch (err) {
      this.failed(err);
      throw err;
    }
  }

  /**
   * Say that a call is being tried again, in rclone's words, for callers that
   * retry a sequence of paced calls themselves (a paged listing). Logged at
   * INFO, so `-v` shows a server that keeps failing instead of a silent wait.
   */
  logRetry(attempt: number, err: unknown, what = 'pacer'): void {
    const message = err instanceof Error ? err.message : String(err);
    this.options.logger?.info(`${what}: low level retry ${attempt}/${this.attempts} (error ${message})`);
  }

  private async beginCall(): Promise<void> {
    // Claim a slot first so concurrent callers queue up behind each other.
    for (;;) {
      const now = this.now();
      if (now >= this.nextStart) {
        // Counted from this call's actual start, so two starts are never
        // closer than the wait; preciseSleep keeps the wait from running late.
        this.nextStart = now + this.sleepMs;
        break;
      }
      await this.sleep(this.nextStart - now);
    }
    await this.options.tps?.take();
  }

  /** The server answered: whatever it said, it is up, so the wait decays towards the minimum. */
  private answered(): void {
    const next = decayedSleep(this.settings, this.sleepMs);
    if (next !== this.sleepMs) this.options.logger?.debug(`pacer: Reducing sleep to ${formatDuration(next)}`);
    this.sleepMs = next;
  }

  private failed(err: unknown): void {
    if (!isRetryable(err)) {
      this.answered();
      return;
    }
    const next = grownSleep(this.settings, this.sleepMs);
    if (next !== this.sleepMs) this.options.logger?.debug(`pacer: Rate limited, increasing sleep to ${formatDuration(next)}`);
    this.sleepMs = next;
    // A Retry-After is the server's own word and is honoured once, even past the cap;
    // the spacing of later calls stays within it.
    const wait = Math.max(this.sleepMs, retryAfterMsOf(err) ?? 0);
    this.nextStart = Math.max(this.nextStart, this.now() + wait);
  }
}
