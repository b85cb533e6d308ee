import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import type { HashType } from '@rsyncish/core';
import { loopPacer, type BlockingIo } from './blocking-io.js';
import { fdClose, fdOpen, fdRead } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { readSmallFileSync } from './small-file-sync.js';

/** The hashes this backend computes on demand. */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1'];

/**
 * A big file is read in blocks of this size, small enough to stay in the CPU's
 * cache between the read and the hash: md5 of 2 GiB from the page cache took
 * 3.9 s in 128 KiB blocks and 4.8 s in 1 MiB blocks (the kernel's copy ran at
 * a third of the speed), pinned to one CPU.
 */
export const HASH_BLOCK_BYTES = 128 * 1024;

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
