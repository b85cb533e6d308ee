import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, RetryableError, type HashType } from '@rsyncish/core';
import { fdClose, fdOpen, fdUtimes, fdWrite, pathRename } from './fd-io.js';
import { mapFsError } from './fs-errors.js';
import type { BlockingIo } from './blocking-io.js';
import { writeAtomicallySync } from './small-file-sync.js';
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
    await pathRename(tempPath, fsPath);
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

/**
 * How much a streamed write may hold while the disk catches up. A big file
 * gets 8 MiB: with 1 MiB, a 1 GiB download from the ACD emulator stalled on
 * every write in turn and took 5.0 s; with 8 MiB, 4.3 s (the hash of the
 * bytes runs on while the thread pool writes). Others stay at 1 MiB, which
 * bounds memory at --transfers many.
 */
export function writeBufferBytes(size: number): number {
  return size >= 64 * 1024 * 1024 ? 8 * 1024 * 1024 : 1024 * 1024;
}

/** Stream `content` into `fsPath` atomically (see replaceAtomically), hashing on the way. */
export async function writeAtomically(
  fsPath: string,
  content: Readable,
  options: AtomicWriteOptions,
): Promise<AtomicWriteResult> {
  try {
    return await replaceAtomically(fsPath, async (tempPath) => {
      // Opened before streaming, so the temp file surely exists when cleanup runs.
      // 'wx': never reuse, or write through a symlink planted at, an existing name.
      const handle = await fsp.open(tempPath, 'wx');
      const out = handle.createWriteStream({ highWaterMark: writeBufferBytes(options.size) });
      // Without hashes to compute, no stage between the source and the file:
      // each stage costs every chunk (16,384 of them for a 1 GiB download).
      const hasher = options.hashes.length > 0 ? new HashingStream(options.hashes) : undefined;
      if (hasher) await pipeline(content, hasher, out, { signal: options.signal });
      else await pipeline(content, out, { signal: options.signal });
      const bytes = hasher ? hasher.bytes : out.bytesWritten;
      if (options.size >= 0 && bytes !== options.size) {
        throw new RetryableError(
          `${JSON.stringify(fsPath)}: received ${bytes} bytes, expected ${options.size}; the previous version was kept`,
        );
      }
      await options.beforeRename?.(tempPath);
      return { bytes, hashes: hasher ? hasher.digests() : {} };
    });
  } catch (err) {
    // The source may still be open (an abort, a write error); release it.
    content.destroy();
    throw err;
  }
}

/** Files up to this size are gathered in memory and written with one write(). */
export const SMALL_FILE_BYTES = 1024 * 1024;

export interface SmallWriteOptions {
  /** Exact expected size (known, at most SMALL_FILE_BYTES). */
  size: number;
  hashes: HashType[];
  signal?: AbortSignal;
  /** Set on the open handle before the rename, in whole ms. */
  modTime?: number;
  utimesSeconds(ms: number): number;
  /** When it allows, the file is written with blocking calls (writeAtomicallySync). */
  blocking?: BlockingIo;
}

/**
 * writeAtomically for a small file of known size: gather the bytes, then one
 * open/write/futimes/close/rename. The per-file cost of streams dominates
 * small-file copies, and memory stays bounded by SMALL_FILE_BYTES per transfer.
 */
export async function writeSmallAtomically(
  fsPath: string,
  content: Readable,
  options: SmallWriteOptions,
): Promise<AtomicWriteResult> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  // An abort while waiting for bytes destroys the source, ending the loop below.
  if (options.signal) addAbortSignal(options.signal, content);
  try {
    for await (const chunk of content) {
      bytes += (chunk as Buffer).length;
      if (bytes > options.size) break;
      chunks.push(chunk as Buffer);
    }
    options.signal?.throwIfAborted();
  } catch (err) {
    content.destroy();
    throw err;
  }
  if (bytes !== options.size) {
    content.destroy();
    throw new RetryableError(
      `${JSON.stringify(fsPath)}: received ${bytes > options.size ? 'more than ' : ''}${bytes} bytes, expected ${options.size}; the previous version was kept`,
    );
  }
  const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes);
  const hashes: Partial<Record<HashType, string>> = {};
  for (const h of options.hashes) hashes[h] = createHash(h).update(data).digest('hex');
  const mtimeSeconds = options.modTime === undefined ? undefined : options.utimesSeconds(options.modTime);
  if (options.blocking?.allows(bytes)) {
    options.blocking.run(() => writeAtomicallySync(fsPath, data, bytes, mtimeSeconds));
    return { bytes, hashes };
  }
  return replaceAtomically(fsPath, async (tempPath) => {
    const fd = await fdOpen(tempPath, 'wx');
    try {
      for (let off = 0; off < bytes; ) off += await fdWrite(fd, data, off, bytes - off, off);
      if (mtimeSeconds !== undefined) await fdUtimes(fd, mtimeSeconds, mtimeSeconds);
    } finally {
      await fdClose(fd);
    }
    return { bytes, hashes };
  });
}
