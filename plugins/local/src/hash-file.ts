import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { HashType } from '@rsyncish/core';
import pLimit from 'p-limit';
import { loopPacer, type BlockingIo } from './blocking-io.js';
import { fdClose, fdOpen, fdRead, fdStat } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { HASH_BLOCK_BYTES } from './hash-block.js';
import { readSmallFileSync } from './small-file-sync.js';
import { hashOnWorker, WrittenFileHasher } from './written-file-hasher.js';

/** The hashes this backend computes on demand. */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1'];

/**
 * Big files are hashed on worker threads, at most one per CPU at a time. The
 * main thread's loop below hands the event loop back every few milliseconds,
 * which costs md5 of 2 GiB ~0.1 s; a worker reads and hashes without
 * stopping, and with more than one CPU, files are hashed side by side.
 */
const workerSlots = pLimit(availableParallelism());

/**
 * Read the file through the hash on a raw descriptor: memory stays flat
 * whatever the size, and a small file costs one open, one read and one close
 * (a stream pipeline per file made `check` of many small files slow). While
 * BlockingIo finds the disk fast, a big file's reads are blocking calls too
 * (md5 of 2 GiB: 3.9 s, against 4.4 s through the thread pool), handing the
 * event loop back every few milliseconds so other transfers and checks go on;
 * slow reads (a cold disk, a network mount) turn that off.
 */
export async function hashFile(fsPath: string, type: HashType, blocking?: BlockingIo): Promise<string | undefined> {
  if (!LOCAL_HASHES.includes(type)) return undefined;
  const hash: Hash = createHash(type);
  // The size is not known before the open: try blocking calls, which give up on a big file.
  if (blocking?.allows(0)) {
    let data: Buffer | undefined;
    try {
      data = blocking.run(() => readSmallFileSync(fsPath));
    } catch (err) {
      throw mapFsError(err, fsPath);
    }
    if (data) return hash.update(data).digest('hex');
  }
  let fd: number;
  try {
    fd = await fdOpen(fsPath, 'r');
  } catch (err) {
    throw mapFsError(err, fsPath);
  }
  try {
    if (hashOnWorker((await fdStat(fd)).size)) {
      const { hashes } = await workerSlots(() => WrittenFileHasher.hashWholeFile(fd, [type]));
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
