import { closeSync, readSync } from 'node:fs';
import { hasherFor, type Hasher, type HashType } from '@rsyncish/core';
import pLimit from 'p-limit';
import { fdClose, fdRead } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { HASH_BLOCK_BYTES, hashSlotCount, type IoPolicy } from './io-policy.js';
import { LOCAL_HASHES } from './local-hashes.js';
import { loopPacer } from './loop-pacer.js';
import { openRegularFile, openRegularFileSync } from './open-regular-file.js';
import { readWholeSync, scratchBuffer } from './whole-read.js';
import { WrittenFileHasher } from './written-file-hasher.js';

const hashSlots = pLimit(hashSlotCount());

/**
 * Hash a file the way the policy says for its size (io-policy.ts): whole in
 * one blocking read, on a worker thread, or in blocks through the loop.
 * Memory stays flat whatever the size. One open: the size comes from its fstat.
 */
export async function hashFile(fsPath: string, type: HashType, policy: IoPolicy): Promise<string | undefined> {
  if (!LOCAL_HASHES.includes(type)) return undefined;
  const blocking = policy.blocking;
  const { fd, stats } = blocking ? policy.run(() => openRegularFileSync(fsPath)) : await openRegularFile(fsPath);
  const hash: Hasher = hasherFor(type);
  try {
    switch (policy.hashWay(stats.size, type)) {
      case 'worker': {
        const { hashes } = await hashSlots(() => WrittenFileHasher.hashWholeFile(fd, [type]));
        return hashes[type];
      }
      case 'whole-blocking': {
        const buf = scratchBuffer();
        const got = policy.run(() => readWholeSync(fd, buf));
        hash.update(buf.subarray(0, got));
        // A file that grew past the buffer since its fstat: the rest in blocks.
        if (got === buf.length) await hashBlocks(fd, hash, policy);
        break;
      }
      case 'blocks-blocking':
        await hashBlocks(fd, hash, policy);
        break;
      case 'blocks':
        await hashBlocks(fd, hash);
        break;
    }
  } catch (err) {
    throw mapFsError(err, fsPath);
  } finally {
    if (blocking) closeQuietly(fd);
    else await fdClose(fd).catch(() => {});
  }
  return hash.digest('hex');
}

/**
 * The rest of the file from the descriptor's position, block by block:
 * blocking reads while the policy allows them, handing the event loop back
 * every few milliseconds; else through the thread pool.
 */
async function hashBlocks(fd: number, hash: Hasher, policy?: IoPolicy): Promise<void> {
  const buf = Buffer.allocUnsafe(HASH_BLOCK_BYTES);
  for (;;) {
    let n: number;
    if (policy?.blocking) {
      n = policy.run(() => readSync(fd, buf, 0, HASH_BLOCK_BYTES, null));
      const turn = loopPacer.turn();
      if (turn) await turn;
    } else {
      n = await fdRead(fd, buf, 0, HASH_BLOCK_BYTES, -1);
    }
    if (n === 0) return;
    hash.update(buf.subarray(0, n));
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Read-only: nothing was lost.
  }
}
