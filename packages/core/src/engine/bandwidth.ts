import { setTimeout as delay } from 'node:timers/promises';
import { limitAt, type BwPair, type BwSlot } from './bwlimit-timetable.js';

/** Time for the bucket; injected so tests need no real waiting. */
export interface BucketClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: BucketClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

/**
 * A token bucket shared by every transfer: a chunk of n bytes takes n tokens,
 * and a caller whose take leaves the bucket short waits until the rate has
 * paid its share back, so all transfers together keep to the rate. It starts
 * empty and holds at most one second's worth, as rclone's limiter does.
 */
export class TokenBucket {
  private tokens = 0;
  private last: number;

  constructor(
    private rate: number,
    private readonly clock: BucketClock = realClock,
  ) {
    this.last = clock.now();
  }

  setRate(rate: number): void {
    this.refill();
    this.rate = rate;
    this.tokens = Math.min(this.tokens, Math.max(0, rate));
  }

  async take(n: number, signal?: AbortSignal): Promise<void> {
    if (this.rate <= 0) return;
    this.refill();
    this.tokens -= n;
    if (this.tokens < 0) await this.clock.sleep((-this.tokens / this.rate) * 1000, signal);
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.rate > 0) this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }
}

/**
 * --bwlimit for a run: the timetable's limit of the current minute, up for
 * bytes written to the destination and down for bytes read from the source.
 * Every transfer streams through both; a single rate (up = down) is one
 * bucket. `onChange` hears each scheduled change, for rclone's log line.
 */
export class BandwidthLimiter {
  private readonly tx: TokenBucket;
  private readonly rx: TokenBucket;
  private current: BwPair;
  private minute = -1;

  constructor(
    private readonly slots: BwSlot[],
    private readonly onChange: (limit: BwPair, first: boolean) => void = () => {},
    private readonly wallClock: () => Date = () => new Date(),
    clock?: BucketClock,
  ) {
    this.current = limitAt(slots, wallClock());
    this.tx = new TokenBucket(this.current.tx, clock);
    this.rx = new TokenBucket(this.current.rx, clock);
    this.minute = Math.floor(wallClock().getTime() / 60_000);
    onChange(this.current, true);
  }

  /** Wait until `n` more bytes may pass. */
  async take(n: number, signal?: AbortSignal): Promise<void> {
    this.followTimetable();
    await this.tx.take(n, signal);
    if (this.current.rx !== this.current.tx) await this.rx.take(n, signal);
  }

  /** The timetable is read again when the minute changes, as rclone's one-minute ticker. */
  private followTimetable(): void {
    const now = this.wallClock();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute === this.minute) return;
    this.minute = minute;
    const next = limitAt(this.slots, now);
    if (next.tx === this.current.tx && next.rx === this.current.rx) return;
    this.current = next;
    this.tx.setRate(next.tx);
    this.rx.setRate(next.rx);
    this.onChange(next, false);
  }
}
