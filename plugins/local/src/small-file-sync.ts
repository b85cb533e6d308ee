import { closeSync, futimesSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BLOCKING_MAX_BYTES, scratchBuffer } from './blocking-io.js';
import { SourceChangedError } from './errors.js';
import { mapFsError } from './fs-errors.js';
import { openRegularFileSync } from './open-regular-file.js';
import { tempName } from './temp-name.js';

// The blocking twins of the small-file paths in atomic-write.ts and
// hash-file.ts, for when BlockingIo allows them. Same calls, same temp name
// and rename, same errors; only no thread-pool round trip per call.

/**
 * Write `bytes` of `data` to `fsPath` under a temp name, set its mtime
 * (utimes seconds) on the open descriptor, and rename it into place. On any
 * failure the temp file is removed and the error names `fsPath`.
 */
export function writeAtomicallySync(fsPath: string, data: Buffer, bytes: number, mtimeSeconds?: number): void {
  const tempPath = join(dirname(fsPath), tempName(basename(fsPath)));
  try {
    const fd = openSync(tempPath, 'wx');
    try {
      for (let off = 0; off < bytes; ) off += writeSync(fd, data, off, bytes - off, off);
      if (mtimeSeconds !== undefined) futimesSync(fd, mtimeSeconds, mtimeSeconds);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, fsPath);
  } catch (err) {
    try {
      unlinkSync(tempPath);
    } catch {
      // Never created, or already gone.
    }
    throw mapFsError(err, fsPath);
  }
}

export interface SmallCopy {
  /** The size the listing gave; -1 skips the check. */
  expected: number;
  /**
   * Refuse a source whose size is not the expected one (rclone's default);
   * without it, one that grew is cut to the expected size, one that shrank is still refused.
   */
  checkUpdated: boolean;
  mtimeSeconds?: number;
}

/**
 * Copy a small file: read it whole into the scratch buffer, then
 * writeAtomicallySync. Returns the bytes copied, or undefined when the source
 * has grown past what blocking calls handle (the caller copies it the pooled way).
 */
export function copySmallFileSync(srcFs: string, dstFs: string, options: SmallCopy): number | undefined {
  const buf = scratchBuffer();
  let got: number;
  try {
    got = readWholeSync(srcFs, buf);
  } catch (err) {
    throw mapFsError(err, srcFs);
  }
  // Without the update check, a file that grew is copied at the size it was listed with, as get() reads it.
  if (!options.checkUpdated && options.expected >= 0 && got > options.expected) got = options.expected;
  if (options.expected >= 0 && got !== options.expected) {
    const now = got > BLOCKING_MAX_BYTES ? 'more' : got;
    throw new SourceChangedError(`${JSON.stringify(srcFs)}: can't copy - source file is being updated (size changed from ${options.expected} to ${now}); the previous version was kept`);
  }
  if (got > BLOCKING_MAX_BYTES) return undefined;
  writeAtomicallySync(dstFs, buf, got, options.mtimeSeconds);
  return got;
}

/**
 * The whole content of a file of at most BLOCKING_MAX_BYTES, in the scratch
 * buffer (valid until the next blocking sequence), or undefined when the file
 * is bigger. For hashing small files with one open, fstat, read and close;
 * what is no longer a regular file is refused unread.
 */
export function readSmallFileSync(fsPath: string): Buffer | undefined {
  const { fd, stats } = openRegularFileSync(fsPath);
  try {
    if (stats.size > BLOCKING_MAX_BYTES) return undefined;
    const buf = scratchBuffer();
    const got = readFd(fd, buf);
    return got > BLOCKING_MAX_BYTES ? undefined : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read until end of file or a full buffer; the buffer holds one byte more than
 * allowed, so growth shows. What is no longer a regular file is refused unread.
 */
function readWholeSync(fsPath: string, buf: Buffer): number {
  const { fd } = openRegularFileSync(fsPath);
  try {
    return readFd(fd, buf);
  } finally {
    closeSync(fd);
  }
}

function readFd(fd: number, buf: Buffer): number {
  let got = 0;
  for (;;) {
    const n = readSync(fd, buf, got, buf.length - got, null);
    if (n === 0) return got;
    got += n;
    if (got === buf.length) return got;
  }
}
