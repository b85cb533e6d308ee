import { tuneHeap } from './tune-heap.js';

let saveCodeCache: (() => void) | undefined;
let started = false;

/** bin/run.cjs hands over its code cache's save(). */
export function setCodeCacheSaver(save: (() => void) | undefined): void {
  saveCodeCache = save;
}

/**
 * A command is about to do its work (BaseCommand.init calls this last), so
 * what starting it compiles is compiled: the bundles' code cache is written
 * now when it was missing (bin/code-cache.cjs), then the heap is tuned for a
 * long run. Tuning changes V8 flags, and a code cache is only valid under
 * the flags it was made with: Node's own cache of each built-in module too,
 * so tuning at the very start made every built-in loaded after it compile
 * from source (~20 ms a start).
 */
export function startWork(): void {
  if (started) return;
  started = true;
  saveCodeCache?.();
  tuneHeap();
}
