import { performance } from 'node:perf_hooks';
import { YIELD_EVERY_MS } from './io-policy.js';

/**
 * Paces a loop of blocking calls (a big file's reads, a big directory's
 * lstats) so it hands the event loop back every YIELD_EVERY_MS.
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
