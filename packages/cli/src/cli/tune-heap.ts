import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { observeStreamedBytes } from '@rsyncish/core';

/** Streamed bytes between two collections of the young generation (collectChunksEarly). */
export const YOUNG_COLLECTION_BYTES = 8 * 1024 * 1024;

/** Where the young generation stops growing: two semi-spaces of 4 MiB. */
export const YOUNG_GENERATION_CAP = 8 * 1024 * 1024;

/**
 * Tells, from the start times of full collections, when they come too fast:
 * `count` of them within `windowMs` (a 100,000-file check runs ~2 a second,
 * a 1 GiB download held back to 50 % growth ~8).
 */
export class FullCollectionRate {
  private readonly times: number[] = [];

  constructor(
    private readonly count = 10,
    private readonly windowMs = 2000,
  ) {}

  /** Note a full collection that started at `time` (ms); true once `count` of them fell within `windowMs`. */
  tooFast(time: number): boolean {
    this.times.push(time);
    if (this.times.length > this.count) this.times.shift();
    return this.times.length === this.count && time - this.times[0]! < this.windowMs;
  }
}

/**
 * V8 settings for a long run, applied once a command starts its work
 * (start-work.ts): V8 flags on the command line (the bin's shebang) would cost
 * ~30 ms of every start, since Node's built-in startup snapshot and code
 * cache are only used with the flags they were built with.
 * - The young generation stops growing at 4 MiB per semi-space (16 by
 *   default): V8 fixes the maximum when the process starts, so growth is
 *   switched off once it is there: at once if start-up left it there, else
 *   when the GC observer sees it. The observer's reports wait for free turns
 *   of the event loop: a listing of 10,000 files run in one go let V8 grow it
 *   from 4 to 32 MiB first (25 MiB more RSS), so the local backend's long
 *   loops yield every few milliseconds (LoopPacer). Held at 4 MiB instead, a
 *   1 GiB download ran 2.5 times the full collections.
 * - The old generation grows by half (not up to 4x) between full collections.
 *   Together these keep 25-45 MiB of peak RSS off the 100,000-file runs for
 *   the same CPU time. But V8 counts Buffer memory towards that growth, so a
 *   big streamed transfer, whose chunks die young but are many, ran a full
 *   collection every 100 ms (42 for a 1 GiB download: 0.65 s of 5 s). When
 *   full collections come that fast, the old generation may grow 4x again,
 *   V8's own upper bound. (`--heap-growing-percent=0`, "V8 decides", set at
 *   run time does not bring V8's choice back: 38 collections instead of 11.)
 * - Streamed chunks are collected every 8 MiB (collectChunksEarly).
 * - WebAssembly (only undici's HTTP parser, llhttp) is compiled by the
 *   baseline compiler alone: optimising it cost 35 MiB of RSS and 0.2 s on the
 *   first HTTP request of every run, and it only parses headers.
 */
export function tuneHeap(): void {
  collectChunksEarly();
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--heap-growing-percent=50');
  let youngCapped = capYoungGeneration();
  let growthFree = false;
  const rate = new FullCollectionRate();
  const watch = new PerformanceObserver((list) => {
    for (const gc of list.getEntries()) {
      if (growthFree || (gc as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      if (rate.tooFast(gc.startTime)) {
        setFlagsFromString('--heap-growing-percent=300');
        growthFree = true;
      }
    }
    if (!youngCapped) youngCapped = capYoungGeneration();
    if (youngCapped && growthFree) watch.disconnect();
  });
  watch.observe({ entryTypes: ['gc'] });
}

/** Stops the young generation growing if it has reached YOUNG_GENERATION_CAP; true when it did. */
function capYoungGeneration(): boolean {
  if (youngGenerationSize() < YOUNG_GENERATION_CAP) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

function youngGenerationSize(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

type MinorGc = (options: { type: 'minor' }) => void;

/**
 * A big transfer makes a fresh buffer of every chunk it reads, and V8 frees
 * dead buffers only when 32 MiB of them have piled up (a constant of V8's,
 * not a flag): a 1 GiB download from the ACD emulator peaked at 108-114 MiB
 * of RSS. A young-generation collection after every 8 MiB that streamed
 * (core's observeStreamedBytes) keeps it at 87-95 MiB, for no measurable
 * time: each takes well under a millisecond, since the young generation
 * holds little else. Node has no API for it but V8's gc(), which
 * --expose-gc makes available to a context created after it is set. That
 * is done at the first 8 MiB, not before: a command that streams nothing (a
 * copy of 10,000 small local files) never changes V8's flags or makes a
 * context for it (done at start, that copy measured slower: medians of 8,
 * 1.75 s against 1.5 s; done lazily, 1.68 s against 1.69 s).
 */
export function collectChunksEarly(gc: () => MinorGc | undefined = exposedGc, every = YOUNG_COLLECTION_BYTES): void {
  let since = 0;
  let collect: MinorGc | undefined;
  observeStreamedBytes((bytes) => {
    since += bytes;
    if (since < every) return;
    since = 0;
    collect ??= gc() ?? (() => {});
    collect({ type: 'minor' });
  });
}

function exposedGc(): MinorGc | undefined {
  try {
    // Dead buffers are then freed during the collection that finds them, not
    // by a task on V8's worker threads, which lagged by a second while both
    // cores were busy: in a 200 x 1 MiB upload to the emulator, up to 34 MiB of
    // dead buffers piled up (peaks of 95-108 MiB RSS in 5 runs of 10; with this,
    // 89-93 over 25 runs, the same CPU time).
    setFlagsFromString('--no-concurrent-array-buffer-sweeping');
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as MinorGc) : undefined;
  } catch {
    return undefined;
  }
}
