import { performance } from 'node:perf_hooks';

/** Files up to this size may be copied, written or hashed with blocking calls. */
export const BLOCKING_MAX_BYTES = 256 * 1024;

/** One file's whole sequence of blocking calls taking longer than this counts as slow. */
export const SLOW_SEQUENCE_MS = 2;

/** The backend goes back to the thread pool once at least this many sequences were slow... */
export const SLOW_SEQUENCES_ALLOWED = 8;

/** ...and they are at least this share of all sequences so far (a busy VM's odd hiccup is not a slow disk). */
export const SLOW_SHARE = 0.05;

/**
 * Whether small-file work may run as blocking calls on the main thread.
 *
 * Every asynchronous fs call is a round trip through libuv's thread pool (a
 * futex wake, a context switch, an eventfd back), which on this kind of VM
 * costs more than the call itself: copying 10,000 files of 4 KiB took 2.8 s
 * with five pooled calls per file and 2.0 s with the same calls made blocking
 * (pinned to one CPU). A blocking call stalls every other transfer, though,
 * so it is only worth it where calls are fast: small files, and a filesystem
 * that answers in microseconds. A network mount or a busy disk shows itself
 * by sequences of milliseconds, one after another, and then this backend
 * stops blocking; a few slow ones among thousands (the VM was descheduled, a
 * GC ran) do not count.
 */
export class BlockingIo {
  private slow = 0;
  private sequences = 0;
  private off: boolean;

  constructor(enabled = true) {
    this.off = !enabled;
  }

  /** May a file of `size` bytes (-1 when unknown) be handled with blocking calls? */
  allows(size: number): boolean {
    return !this.off && size >= 0 && size <= BLOCKING_MAX_BYTES;
  }

  /** Run one file's blocking sequence, noting whether the filesystem was slow to answer. */
  run<T>(sequence: () => T): T {
    const start = performance.now();
    try {
      return sequence();
    } finally {
      this.sequences++;
      if (performance.now() - start > SLOW_SEQUENCE_MS) {
        this.slow++;
        if (this.slow >= SLOW_SEQUENCES_ALLOWED && this.slow >= this.sequences * SLOW_SHARE) this.off = true;
      }
    }
  }

  /** True once blocking calls are off (turned off from the start, or by slow answers). */
  get gaveUp(): boolean {
    return this.off;
  }
}

/** A loop of blocking calls hands the event loop back this often. */
export const YIELD_EVERY_MS = 10;

/**
 * Paces a loop of blocking calls (a big file's reads, a big directory's
 * lstats) so it hands the event loop back every YIELD_EVERY_MS: other
 * transfers and checks go on, timers and signals are served, and the CLI's
 * GC observer gets its reports (a listing of 10,000 files run in one go let
 * V8 grow its young generation from 4 to 32 MiB before the observer could cap
 * it at 8: 25 MiB more RSS).
 */
export class LoopPacer {
  private since = performance.now();

  /** A promise to await when the loop has run long enough, else undefined (no await: a microtask per call adds up). */
  turn(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.since <= YIELD_EVERY_MS) return undefined;
    return new Promise<void>((resolve) => setImmediate(() => {
      this.since = performance.now();
      resolve();
    }));
  }
}

/**
 * The pacer every loop of this backend shares: the event loop is one per
 * process, and a thousand small directories listed one after another (each
 * well under YIELD_EVERY_MS, awaiting only promises already settled) starve it
 * as much as one big directory.
 */
export const loopPacer = new LoopPacer();

/**
 * One scratch buffer for every blocking small-file sequence. Nothing awaits
 * between filling and using it, so no two sequences can ever share it at once.
 */
let scratch: Buffer | undefined;
export function scratchBuffer(): Buffer {
  return (scratch ??= Buffer.allocUnsafe(BLOCKING_MAX_BYTES + 1));
}
