import { performance } from 'node:perf_hooks';

/** Files up to this size may be copied, written or hashed with blocking calls. */
export const BLOCKING_MAX_BYTES = 256 * 1024;

/** One file's whole sequence of blocking calls taking longer than this counts as slow. */
export const SLOW_SEQUENCE_MS = 10;

/** After this many slow sequences the backend goes back to the thread pool for good. */
export const SLOW_SEQUENCES_ALLOWED = 3;

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
 * by slow sequences, and after a few of those this backend stops blocking.
 */
export class BlockingIo {
  private slow = 0;

  constructor(private readonly enabled = true) {}

  /** May a file of `size` bytes (-1 when unknown) be handled with blocking calls? */
  allows(size: number): boolean {
    return this.enabled && this.slow < SLOW_SEQUENCES_ALLOWED && size >= 0 && size <= BLOCKING_MAX_BYTES;
  }

  /** Run one file's blocking sequence, noting whether the filesystem was slow to answer. */
  run<T>(sequence: () => T): T {
    const start = performance.now();
    try {
      return sequence();
    } finally {
      if (performance.now() - start > SLOW_SEQUENCE_MS) this.slow++;
    }
  }

  /** True once slow answers have turned blocking calls off. */
  get gaveUp(): boolean {
    return this.slow >= SLOW_SEQUENCES_ALLOWED;
  }
}

/**
 * One scratch buffer for every blocking small-file sequence. Nothing awaits
 * between filling and using it, so no two sequences can ever share it at once.
 */
let scratch: Buffer | undefined;
export function scratchBuffer(): Buffer {
  return (scratch ??= Buffer.allocUnsafe(BLOCKING_MAX_BYTES + 1));
}
