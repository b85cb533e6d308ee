import { createHash } from 'node:crypto';
import fs, { createWriteStream, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, RetryableError, type HashType } from '@rsyncish/core';
import { fdClose, fdOpen, fdUtimes, fdWrite, pathRename } from './fd-io.js';
import { checkExpectedHashes } from './expected-hashes.js';
import { mapFsError } from './fs-errors.js';
import type { BlockingIo } from './blocking-io.js';
import { writeAtomicallySync } from './small-file-sync.js';
import { hashOnWorker, WrittenFileHasher } from './written-file-hasher.js';
import { tempName } from './temp-name.js';
import { removeAtExit } from './temps-at-exit.js';

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
  const forget = removeAtExit(tempPath);
  try {
    const result = await fill(tempPath);
    await pathRename(tempPath, fsPath);
    return result;
  } catch (err) {
    await fsp.rm(tempPath, { force: true }).catch(() => {});
    throw mapFsError(err, fsPath);
  } finally {
    forget();
  }
}

export interface AtomicWriteOptions {
  /** Expected byte count, or -1 when unknown. A stream of another length is refused. */
  size: number;
  /** Hashes to compute from the bytes as they are written. */
  hashes: HashType[];
  /** Hashes the content must have: one computed that differs fails the write before the rename. */
  expectedHashes?: Partial<Record<HashType, string>>;
  signal?: AbortSignal;
  /** Runs on the complete temp file before the rename (to set its mtime). */
  beforeRename?: (tempPath: string) => Promise<void>;
}

export interface AtomicWriteResult {
  bytes: number;
  hashes: Partial<Record<HashType, string>>;
}

/** How much a streamed write may hold while the disk catches up (at most --transfers times over). */
const WRITE_BUFFER_BYTES = 1024 * 1024;

/**
 * The same when the stream is hashed on the main thread: a big file gets
 * 8 MiB, because with 1 MiB a 1 GiB download from the ACD emulator stalled
 * on every write in turn and took 5.0 s; with 8 MiB, 4.3 s (the hash of the
 * bytes runs on while the thread pool writes).
 */
function inlineWriteBufferBytes(size: number): number {
  return size >= 64 * 1024 * 1024 ? 8 * 1024 * 1024 : WRITE_BUFFER_BYTES;
}

/** Stream `content` into `fsPath` atomically (see replaceAtomically), hashing on the way. */
export async function writeAtomically(
  fsPath: string,
  content: Readable,
  options: AtomicWriteOptions,
): Promise<AtomicWriteResult> {
  try {
    return await replaceAtomically(fsPath, async (tempPath) => {
      const written = options.hashes.length > 0 && hashOnWorker(options.size)
        ? await streamHashedOnWorker(tempPath, content, options)
        : await streamHashedInline(tempPath, content, options);
      if (options.size >= 0 && written.bytes !== options.size) {
        throw new RetryableError(
          `${JSON.stringify(fsPath)}: received ${written.bytes} bytes, expected ${options.size}; the previous version was kept`,
        );
      }
      checkExpectedHashes(fsPath, written.hashes, options.expectedHashes);
      await options.beforeRename?.(tempPath);
      return written;
    });
  } catch (err) {
    // The source may still be open (an abort, a write error); release it.
    content.destroy();
    throw err;
  }
}

/** The stream into a new temp file, through a hashing stage when there are hashes to compute. */
async function streamHashedInline(tempPath: string, content: Readable, options: AtomicWriteOptions): Promise<AtomicWriteResult> {
  // Opened before streaming, so the temp file surely exists when cleanup runs.
  // 'wx': never reuse, or write through a symlink planted at, an existing name.
  const handle = await fsp.open(tempPath, 'wx');
  const out = handle.createWriteStream({ highWaterMark: inlineWriteBufferBytes(options.size) });
  // Without hashes to compute, no stage between the source and the file:
  // each stage costs every chunk (16,384 of them for a 1 GiB download).
  const hasher = options.hashes.length > 0 ? new HashingStream(options.hashes) : undefined;
  if (hasher) await pipeline(content, hasher, out, { signal: options.signal });
  else await pipeline(content, out, { signal: options.signal });
  return hasher ? { bytes: hasher.bytes, hashes: hasher.digests() } : { bytes: out.bytesWritten, hashes: {} };
}

/**
 * A big file with hashes to compute: the stream goes straight to the file, and
 * a worker thread hashes the file as the writes complete (WrittenFileHasher),
 * so the hash of what was stored costs the main thread nothing. The temp file
 * is opened for reading too, for the worker; as for streamHashedInline, 'wx'.
 */
async function streamHashedOnWorker(tempPath: string, content: Readable, options: AtomicWriteOptions): Promise<AtomicWriteResult> {
  const fd = await fdOpen(tempPath, 'wx+');
  let hasher: WrittenFileHasher | undefined;
  try {
    hasher = await WrittenFileHasher.start(fd, options.hashes);
    const onWritten = hasher.written.bind(hasher);
    // Node's write stream on our descriptor, told of each completed write.
    const out = createWriteStream('', {
      fd,
      autoClose: false,
      // The main thread keeps up without a bigger one: 1 GiB from the ACD
      // emulator in 3.0-3.5 s with 1 MiB, the same with 2 or 8 (and 3-14 MiB more RSS).
      highWaterMark: WRITE_BUFFER_BYTES,
      fs: {
        write: (...args: unknown[]) => fs.write(...(reportingWrites(args, onWritten) as Parameters<typeof fs.write>)),
        writev: (...args: unknown[]) => fs.writev(...(reportingWrites(args, onWritten) as Parameters<typeof fs.writev>)),
        close: fs.close,
      },
    });
    await pipeline(content, out, { signal: options.signal });
    const hashed = await hasher.finish();
    hasher = undefined;
    if (hashed.bytes !== out.bytesWritten) throw new Error(`hashed ${hashed.bytes} bytes of the ${out.bytesWritten} written`);
    return hashed;
  } finally {
    // The worker reads through fd: it stops before the descriptor closes.
    await hasher?.abandon().catch(() => {});
    await fdClose(fd).catch(() => {});
  }
}

/** The arguments of an fs.write/fs.writev call, with a callback that reports the bytes written first. */
function reportingWrites(args: unknown[], onWritten: (n: number) => void): unknown[] {
  const cb = args[args.length - 1] as (err: NodeJS.ErrnoException | null, n: number, ...rest: unknown[]) => void;
  return [...args.slice(0, -1), (err: NodeJS.ErrnoException | null, n: number, ...rest: unknown[]) => {
    if (!err) onWritten(n);
    cb(err, n, ...rest);
  }];
}

/** Files up to this size are gathered in memory and written with one write(). */
export const SMALL_FILE_BYTES = 1024 * 1024;

export interface SmallWriteOptions {
  /** Exact expected size (known, at most SMALL_FILE_BYTES). */
  size: number;
  hashes: HashType[];
  /** As for writeAtomically: checked before anything is written. */
  expectedHashes?: Partial<Record<HashType, string>>;
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
  checkExpectedHashes(fsPath, hashes, options.expectedHashes);
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
