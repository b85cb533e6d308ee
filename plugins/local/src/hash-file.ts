import { createHash, type Hash } from 'node:crypto';
import type { HashType } from '@rsyncish/core';
import type { BlockingIo } from './blocking-io.js';
import { fdClose, fdOpen, fdRead } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { readSmallFileSync } from './small-file-sync.js';

/** The hashes this backend computes on demand. */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1'];

const BLOCK = 1024 * 1024;

/**
 * Read the file through the hash in 1 MiB blocks on a raw descriptor: memory
 * stays flat whatever the size, and a small file costs one open, one read and
 * one close (a stream pipeline per file made `check` of many small files slow).
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
    // Start small (most files are), grow to 1 MiB blocks once the file proves big.
    let buf = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = await fdRead(fd, buf, 0, buf.length, -1);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      if (n === buf.length && buf.length < BLOCK) buf = Buffer.allocUnsafe(BLOCK);
    }
  } catch (err) {
    throw mapFsError(err, fsPath);
  } finally {
    await fdClose(fd).catch(() => {});
  }
  return hash.digest('hex');
}
