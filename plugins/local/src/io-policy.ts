import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { HashType } from '@rsyncish/core';
import { CRYPTO_HASHES } from './local-hashes.js';

// Which way the local backend's I/O layer (local-io.ts) handles a file of a
// given size. Every threshold is here, with the measurement it stands on
// (this kind of 2-CPU VM, files in the page cache, `npm run bench` unless
// said otherwise); the layer asks and does what it is told.

/**
 * Files up to this size are copied, written and hashed whole with blocking
 * calls on the main thread while the filesystem answers fast. An async fs
 * call is a round trip through libuv's thread pool that costs more than a
 * microsecond-long call on a local disk: 10,000 files of 4 KiB copied in
 * 2.8 s with five pooled calls a file, 2.0 s with the same calls blocking
 * (pinned to one CPU). A blocking call stalls every other transfer, so only
 * small files, which are quick.
 */
export const BLOCKING_MAX_BYTES = 256 * 1024;

/**
 * A network mount or a busy disk shows itself by slow answers one after
 * another; then blocking calls stop for the rest of the run. One file's
 * blocking sequence longer than SLOW_SEQUENCE_MS is slow; blocking stops
 * once SLOW_SEQUENCES_ALLOWED are, and they are SLOW_SHARE of all sequences
 * so far: a busy VM's odd hiccup (descheduled, a GC) is not a slow disk.
 */
export const SLOW_SEQUENCE_MS = 2;
export const SLOW_SEQUENCES_ALLOWED = 8;
export const SLOW_SHARE = 0.05;

/**
 * get() reads files up to this size with one read() into one buffer, no
 * stream machinery per file; bigger ones stream. Not higher: 200 files of
 * 1 MiB uploaded to the ACD emulator took 5.1 s and peaked at 123 MiB of RSS
 * streamed, 6.6 s and 147 MiB read whole (fresh pages for every buffer, and
 * the whole file held while it is sent); `copy --checksum` of them 1.29
 * times the CPU read whole.
 */
export const WHOLE_READ_BYTES = 256 * 1024;

/**
 * Files from this size up are hashed on a worker thread where another CPU
 * can run it: `check` of a 2 GiB file against its copy took 8.0-8.5 s with
 * both hashes on the main thread, 4.5 s on two workers; a 1 GiB download
 * from the ACD emulator 3.3-3.8 s with the hash in the stream, 3.0-3.5 s with
 * the written file hashed on a worker. Below it a worker's start (~20 ms,
 * ~10 MiB of RSS) is not worth it; with one CPU it gains nothing (md5sum of
 * 2 GiB pinned: 4.40 s against 4.37).
 */
export const WORKER_HASH_BYTES = 64 * 1024 * 1024;

/**
 * Files are read for hashing in blocks of this size, which stay in the CPU's
 * cache between the read and the hash: md5 of 2 GiB took 3.9 s in 128 KiB
 * blocks, 4.8 s in 1 MiB ones (pinned to one CPU).
 */
export const HASH_BLOCK_BYTES = 128 * 1024;

/**
 * A streamed read's chunk: fewer calls, and fewer chunks for every stage
 * after it. A 1 GiB upload to the ACD emulator took 3.2-3.6 s of user CPU in
 * 1 MiB chunks, 4.2-4.4 s in 256 KiB ones.
 */
export const READ_CHUNK_BYTES = 1024 * 1024;

/** How much a streamed write may hold while the disk catches up (at most --transfers times over). */
export const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * The same for a big file not hashed on a worker: with 1 MiB a 1 GiB
 * download from the ACD emulator, hashed in the stream on the main thread,
 * stalled on every write in turn (5.0 s); with 8 MiB the hash runs on while
 * the pool writes (4.3 s). Hashed on a worker, the main thread keeps up with
 * 1 MiB (3.0-3.5 s, the same with 2 or 8 and 3-14 MiB more RSS).
 */
export const HASHED_WRITE_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * A loop of blocking calls (a big file's reads, a big directory's lstats)
 * hands the event loop back this often, so other transfers and checks go on
 * and timers and signals are served.
 */
export const YIELD_EVERY_MS = 10;

/**
 * How put() writes a file. There is no gathered write through the thread
 * pool: for files of 256 KiB to 1 MiB it was no faster than the stream
 * (`copy --checksum` of 200 files of 1 MiB: 0.96 times the CPU, 1.05 the
 * wall time, within the noise).
 */
export type WriteWay =
  /** Gathered, then written with blocking calls (open, write, futimes, close, rename). */
  | 'whole-blocking'
  /** Streamed into the file, hashed (if at all) as it passes. */
  | 'stream'
  /** Streamed into the file, hashed by a worker reading the file behind the writer. */
  | 'stream-hash-on-worker';

/** How a local-to-local copy is made. */
export type CopyWay = 'whole-blocking' | 'kernel';

/** How a file is hashed, once open and its size known. */
export type HashWay = 'whole-blocking' | 'worker' | 'blocks-blocking' | 'blocks';

/** How a file is read for get(). */
export type ReadWay = 'whole' | 'stream';

/**
 * Files hashed on workers at once: one per CPU, and never every thread of
 * libuv's pool (4 unless UV_THREADPOOL_SIZE says otherwise), which the other
 * transfers' I/O needs. One count for the process: the pool is the process's.
 */
export function hashSlotCount(cpus = availableParallelism(), poolThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.min(cpus, poolThreads - 1));
}

/**
 * The policy of one backend: the fixed thresholds above, and whether blocking
 * calls are still on (they turn off for good when the filesystem answers
 * slowly, see SLOW_SEQUENCE_MS).
 */
export class IoPolicy {
  private slow = 0;
  private sequences = 0;
  private blockingOff: boolean;

  /** `blocking` false: never block (tests of the pooled ways); `cpus`: what availableParallelism() says. */
  constructor(options: { blocking?: boolean; cpus?: number } = {}) {
    this.blockingOff = options.blocking === false;
    this.cpus = options.cpus ?? availableParallelism();
  }

  private readonly cpus: number;

  /** Blocking calls are still on. */
  get blocking(): boolean {
    return !this.blockingOff;
  }

  /** `size` -1: unknown, streamed. */
  writeWay(size: number, hashing: boolean): WriteWay {
    if (size >= 0 && size <= BLOCKING_MAX_BYTES && this.blocking) return 'whole-blocking';
    return hashing && this.onWorker(size) ? 'stream-hash-on-worker' : 'stream';
  }

  /** The write buffer of a streamed write of `size` bytes, written the `way` writeWay() said. */
  writeBuffer(size: number, way: WriteWay): number {
    return way !== 'stream-hash-on-worker' && size >= WORKER_HASH_BYTES ? HASHED_WRITE_BUFFER_BYTES : WRITE_BUFFER_BYTES;
  }

  copyWay(size: number): CopyWay {
    return size >= 0 && size <= BLOCKING_MAX_BYTES && this.blocking ? 'whole-blocking' : 'kernel';
  }

  /** How to hash a file of `size` with `type`: on a worker only a hash node:crypto computes there. */
  hashWay(size: number, type: HashType = 'md5'): HashWay {
    if (this.onWorker(size) && CRYPTO_HASHES.includes(type)) return 'worker';
    if (!this.blocking) return 'blocks';
    return size <= BLOCKING_MAX_BYTES ? 'whole-blocking' : 'blocks-blocking';
  }

  readWay(size: number, ranged: boolean): ReadWay {
    return !ranged && size <= WHOLE_READ_BYTES ? 'whole' : 'stream';
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
        if (this.slow >= SLOW_SEQUENCES_ALLOWED && this.slow >= this.sequences * SLOW_SHARE) this.blockingOff = true;
      }
    }
  }

  private onWorker(size: number): boolean {
    return size >= WORKER_HASH_BYTES && this.cpus > 1;
  }
}
