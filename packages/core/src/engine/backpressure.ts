import type { LimitFunction } from 'p-limit';

/**
 * Keeps the march from running ahead of the work it creates: listing waits
 * while more than `high` tasks are queued behind a limiter. Without it a tree
 * of 100,000 files queued 100,000 closures (and their entries) at once.
 */
export class Backpressure {
  private waiters: (() => void)[] = [];

  constructor(private readonly limit: LimitFunction, private readonly high = 1024) {}

  /** Resolves once the queue is short enough to add more. */
  async wait(): Promise<void> {
    while (this.limit.pendingCount > this.high) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Wrap a task so its completion lets waiting listings go on. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task).finally(() => this.release());
  }

  private release(): void {
    if (this.waiters.length === 0 || this.limit.pendingCount > this.high / 2) return;
    const ready = this.waiters;
    this.waiters = [];
    for (const w of ready) w();
  }
}

/** Promises still running, without keeping finished ones (and their results) alive. */
export class WorkSet {
  private readonly running = new Set<Promise<unknown>>();

  add(p: Promise<unknown>): void {
    const tracked: Promise<unknown> = p.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Wait for everything, including work added while waiting. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
