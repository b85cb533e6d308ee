import type { LimitFunction } from 'p-limit';

/**
 * Keeps the march from running ahead of the work it creates: listing waits
 * while more than `high` tasks are queued behind the limiters it watches.
 * Without it a tree of 100,000 files queued 100,000 closures (and their
 * entries) at once.
 */
export class Backpressure {
  private waiters: (() => void)[] = [];
  private readonly limits: LimitFunction[];

  constructor(limits: LimitFunction | LimitFunction[], private readonly high = 1024) {
    this.limits = Array.isArray(limits) ? limits : [limits];
  }

  /** Resolves once the queues are short enough to add more. */
  async wait(): Promise<void> {
    while (this.pending() > this.high) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Run a task behind `limit` (the first one watched by default); its completion lets waiting listings go on. */
  run<T>(task: () => Promise<T>, limit: LimitFunction = this.limits[0]): Promise<T> {
    return limit(task).finally(() => this.release());
  }

  private pending(): number {
    let n = 0;
    for (const l of this.limits) n += l.pendingCount;
    return n;
  }

  private release(): void {
    if (this.waiters.length === 0 || this.pending() > this.high / 2) return;
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
