import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { HashType } from '@rsyncish/core';
import pLimit from 'p-limit';
import { loopPacer, type BlockingIo } from './blocking-io.js';
import { fdClose, fdRead } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { HASH_BLOCK_BYTES } from './hash-block.js';
import { openRegularFile } from './open-regular-file.js';
import { readSmallFileSync } from './small-file-sync.js';
import { hashOnWorker, WrittenFileHasher } from './written-file-hasher.js';

/** The hashes this backend computes on demand. */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1'];

/**
 * Files hashed on worker threads at once: one per CPU, so that they run side by side
 * where there are CPUs for it, and never every thread of the pool (4 unless
 * UV_THREADPOOL_SIZE says otherwise), which the other transfers' I/O needs.
 */
export function hashSlotCount(cpus = availableParallelism(), poolThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.min(cpus, poolThreads - 1));
}

const hashSlots = pLimit(hashSlotCount());

export interface HashFileOptions {
  /** Small files, and big files' reads, as blocking calls while the filesystem is fast. */
  blocking?: BlockingIo;
}

/**
 * Hash a file, by the fastest way at hand for its size:
 * - a small file in one blocking read, while BlockingIo finds the disk fast
 *   (a stream pipeline per file made `check` of many small files slow);
 * - a file of 64 MiB or more on a worker thread when
 *   there is another CPU (check of a 2 GiB file against its copy: 4.5 s
 *   instead of 8.0-8.5, the two hashes side by side);
 * - else read on a raw descriptor through the hash: blocking reads while the
 *   disk is fast (md5 of 2 GiB: 3.9 s, against 4.4 s through the thread
 *   pool), handing the event loop back every few milliseconds so other
 *   transfers and checks go on; slow reads (a network mount) turn that off.
 * Memory stays flat whatever the size.
 */
export async function hashFile(fsPath: string, type: HashType, options: HashFileOptions = {}): Promise<string | undefined> {
  if (!LOCAL_HASHES.includes(type)) return undefined;
  const { blocking } = options;
  // The size is not known before the open: try blocking calls, which give up on a big file.
  if (blocking?.allows(0)) {
    let data: Buffer | undefined;
    try {
      data = blocking.run(() => readSmallFileSync(fsPath));
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
    if (data) return createHash(type).update(data).digest('hex');
  }
  return hashByReading(fsPath, type, blocking);
}

/** A file too big for one blocking read: on a worker thread, or through the loop in blocks. */
async function hashByReading(fsPath: string, type: HashType, blocking?: BlockingIo): Promise<string | undefined> {
  const hash: Hash = createHash(type);
  const { fd, stats } = await openRegularFile(fsPath);
  try {
    if (hashOnWorker(stats.size)) {
      const { hashes } = await hashSlots(() => WrittenFileHasher.hashWholeFile(fd, [type]));
      return hashes[type];
    }
    const buf = Buffer.allocUnsafe(HASH_BLOCK_BYTES);
    for (;;) {
      let n: number;
      if (blocking && !blocking.gaveUp) {
        n = blocking.run(() => readSync(fd, buf, 0, HASH_BLOCK_BYTES, null));
        const turn = loopPacer.turn();
        if (turn) await turn;
      } else {
        n = await fdRead(fd, buf, 0, HASH_BLOCK_BYTES, -1);
      }
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } catch (err) {
    throw mapFsError(err, fsPath);
  } finally {
    await fdClose(fd).catch(() => {});
  }
  return hash.digest('hex');
}
