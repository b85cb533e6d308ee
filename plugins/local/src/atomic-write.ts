import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, RetryableError, type HashType } from '@rsyncish/core';
import { mapFsError } from './fs-errors.js';
import { tempName } from './temp-name.js';

/**
 * Let `fill` produce the new file under a temp name beside `fsPath`, then
 * rename it over the real name. rename() is atomic within a directory, so a
 * crash at any moment leaves either the old file or the new one under the
 * real name, never a truncated one; only the `.partial` temp name can be left
 * behind by a SIGKILL. On any error the temp file is removed and the error
 * rethrown, typed and naming `fsPath`.
 */
export async function replaceAtomically<T>(fsPath: string, fill: (tempPath: string) => Promise<T>): Promise<T> {
  const tempPath = join(dirname(fsPath), tempName(basename(fsPath)));
  try {
    const result = await fill(tempPath);
    await fsp.rename(tempPath, fsPath);
    return result;
  } catch (err) {
    await fsp.rm(tempPath, { force: true }).catch(() => {});
    throw mapFsError(err, fsPath);
  }
}

export interface AtomicWriteOptions {
  /** Expected byte count, or -1 when unknown. A stream of another length is refused. */
  size: number;
  /** Hashes to compute from the bytes as they are written. */
  hashes: HashType[];
  signal?: AbortSignal;
  /** Runs on the complete temp file before the rename (to set its mtime). */
  beforeRename?: (tempPath: string) => Promise<void>;
}

export interface AtomicWriteResult {
  bytes: number;
  hashes: Partial<Record<HashType, string>>;
}

/** Stream `content` into `fsPath` atomically (see replaceAtomically), hashing on the way. */
export async function writeAtomically(
  fsPath: string,
  content: Readable,
  options: AtomicWriteOptions,
): Promise<AtomicWriteResult> {
  try {
    return await replaceAtomically(fsPath, async (tempPath) => {
      const hasher = new HashingStream(options.hashes);
      // Opened before streaming, so the temp file surely exists when cleanup runs.
      // 'wx': never reuse, or write through a symlink planted at, an existing name.
      const handle = await fsp.open(tempPath, 'wx');
      const out = handle.createWriteStream({ highWaterMark: 1024 * 1024 });
      await pipeline(content, hasher, out, { signal: options.signal });
      if (options.size >= 0 && hasher.bytes !== options.size) {
        throw new RetryableError(
          `${JSON.stringify(fsPath)}: received ${hasher.bytes} bytes, expected ${options.size}; the previous version was kept`,
        );
      }
      await options.beforeRename?.(tempPath);
      return { bytes: hasher.bytes, hashes: hasher.digests() };
    });
  } catch (err) {
    // The source may still be open (an abort, a write error); release it.
    content.destroy();
    throw err;
  }
}
