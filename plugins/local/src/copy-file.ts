import { closeSync, constants, promises as fsp } from 'node:fs';
import { BLOCKING_MAX_BYTES } from './io-policy.js';
import { SourceChangedError } from './errors.js';
import { fdClose, pathCopyFile, pathStat } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import { openRegularFile, openRegularFileSync } from './open-regular-file.js';
import { replaceAtomically, writeWholeSync } from './atomic-write.js';
import { readWholeSync, scratchBuffer } from './whole-read.js';

export interface CopyCheck {
  /** The size the listing gave; -1 skips the check. */
  expected: number;
  /**
   * Refuse a source whose size is not the expected one (rclone's default);
   * without it, one that grew is cut to the expected size, one that shrank is still refused.
   */
  checkUpdated: boolean;
}

/**
 * Copy a small file with blocking calls: read it whole into the scratch
 * buffer, then writeWholeSync. Returns the bytes copied, or undefined when the
 * source has grown past what blocking calls handle (copy it by the kernel).
 */
export function copyWholeSync(srcFs: string, dstFs: string, check: CopyCheck, mtimeSeconds?: number): number | undefined {
  const buf = scratchBuffer();
  let got: number;
  try {
    // What is no longer a regular file is refused unread.
    const { fd } = openRegularFileSync(srcFs);
    try {
      got = readWholeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw mapFsError(err, srcFs);
  }
  // Without the update check, a file that grew is copied at the size it was listed with, as get() reads it.
  if (!check.checkUpdated && check.expected >= 0 && got > check.expected) got = check.expected;
  if (check.expected >= 0 && got !== check.expected) throw sourceChanged(srcFs, check.expected, got > BLOCKING_MAX_BYTES ? 'more' : got);
  if (got > BLOCKING_MAX_BYTES) return undefined;
  writeWholeSync(dstFs, buf.subarray(0, got), mtimeSeconds);
  return got;
}

/**
 * Copy a file by the kernel (copy_file_range, or a reflink where the
 * filesystem can) into a temp name, let `finish` set its times, then rename
 * it into place (replaceAtomically). Returns the bytes copied.
 */
export async function copyByKernel(srcFs: string, dstFs: string, check: CopyCheck, finish: (tempPath: string) => Promise<void>, signal?: AbortSignal): Promise<number> {
  // copyFile opens the source itself, blocking on a FIFO: check first that
  // it is still a regular file (the moment between the two is all it could
  // still be swapped in).
  const { fd } = await openRegularFile(srcFs);
  await fdClose(fd).catch(() => {});
  return replaceAtomically(dstFs, async (temp) => {
    try {
      await pathCopyFile(srcFs, temp, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    } catch (err) {
      throw copyError(err, srcFs);
    }
    await finish(temp);
    // The kernel's copy cannot be stopped midway; an abort that came
    // meanwhile drops it here, before the rename, as an aborted put would.
    signal?.throwIfAborted();
    let size = (await pathStat(temp)).size;
    // Checked before the rename: the real name keeps its previous version.
    // Without the update check, a file that grew is cut to the size it was
    // listed with, as get() reads it (rclone's no_check_updated).
    if (check.expected >= 0 && size > check.expected && !check.checkUpdated) {
      await fsp.truncate(temp, check.expected);
      size = check.expected;
    }
    if (check.expected >= 0 && size !== check.expected) throw sourceChanged(srcFs, check.expected, size);
    return size;
  });
}

function sourceChanged(srcFs: string, expected: number, now: number | string): SourceChangedError {
  return new SourceChangedError(`${JSON.stringify(srcFs)}: can't copy - source file is being updated (size changed from ${expected} to ${now}); the previous version was kept`);
}

/**
 * The error of a kernel copy, naming the side it is about: a full disk, a
 * quota, a file too big or a read-only filesystem is the destination's, left
 * for replaceAtomically to name by the real name (not the temp one); anything
 * else is the source's.
 */
function copyError(err: unknown, srcFs: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  const destinationSide = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' || code === 'EROFS';
  return destinationSide ? err : mapFsError(err, srcFs);
}
