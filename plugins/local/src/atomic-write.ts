import { createHash } from 'node:crypto';
import fs, { closeSync, createWriteStream, futimesSync, openSync, promises as fsp, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HashingStream, RetryableError, type HashType } from '@rsyncish/core';
import { fdClose, fdOpen, pathRename } from './fd-io.js';
import { checkExpectedHashes } from './expected-hashes.js';
import { mapFsError } from './fs-errors.js';
import { WrittenFileHasher } from './written-file-hasher.js';
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

export interface StreamedWriteOptions {
  /** Expected byte count, or -1 when unknown. A stream of another length is refused. */
  size: number;
  /** Hashes to compute from the bytes as they are written. */
  hashes: HashType[];
  /** Hashes the content must have: one computed that differs fails the write before the rename. */
  expectedHashes?: Partial<Record<HashType, string>>;
  signal?: AbortSignal;
  /** Runs on the complete temp file before the rename (to set its mtime). */
  beforeRename?: (tempPath: string) => Promise<void>;
  /** Hash the file on a worker thread behind the writer rather than in the stream. */
  hashOnWorker: boolean;
  /** The write stream's buffer (io-policy.ts). */
  writeBuffer: number;
}

/** What a write stored: its bytes, and the hashes computed of them. */
export interface Written {
  bytes: number;
  hashes: Partial<Record<HashType, string>>;
}

/** Stream `content` into `fsPath` atomically (see replaceAtomically), hashing on the way. */
export async function writeStreamed(
  fsPath: string,
  content: Readable,
  options: StreamedWriteOptions,
): Promise<Written> {
  try {
    return await replaceAtomically(fsPath, async (tempPath) => {
      const written = options.hashes.length > 0 && options.hashOnWorker
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
async function streamHashedInline(tempPath: string, content: Readable, options: StreamedWriteOptions): Promise<Written> {
  // Opened before streaming, so the temp file surely exists when cleanup runs.
  // 'wx': never reuse, or write through a symlink planted at, an existing name.
  const handle = await fsp.open(tempPath, 'wx');
  const out = handle.createWriteStream({ highWaterMark: options.writeBuffer });
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
async function streamHashedOnWorker(tempPath: string, content: Readable, options: StreamedWriteOptions): Promise<Written> {
  const fd = await fdOpen(tempPath, 'wx+');
  let hasher: WrittenFileHasher | undefined;
  try {
    hasher = await WrittenFileHasher.start(fd, options.hashes);
    const onWritten = hasher.written.bind(hasher);
    // Node's write stream on our descriptor, told of each completed write.
    const out = createWriteStream('', {
      fd,
      autoClose: false,
      highWaterMark: options.writeBuffer,
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

/**
 * The whole content of a stream that should be `size` bytes, gathered in
 * memory; a stream of another length is refused, naming `fsPath`.
 */
export async function gatherWhole(fsPath: string, content: Readable, size: number, signal?: AbortSignal): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  // An abort while waiting for bytes destroys the source, ending the loop below.
  if (signal) addAbortSignal(signal, content);
  try {
    for await (const chunk of content) {
      bytes += (chunk as Buffer).length;
      if (bytes > size) break;
      chunks.push(chunk as Buffer);
    }
    signal?.throwIfAborted();
  } catch (err) {
    content.destroy();
    throw err;
  }
  if (bytes !== size) {
    content.destroy();
    throw new RetryableError(
      `${JSON.stringify(fsPath)}: received ${bytes > size ? 'more than ' : ''}${bytes} bytes, expected ${size}; the previous version was kept`,
    );
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bytes);
}

/** The digests of content held whole. */
export function hashWhole(data: Buffer, types: HashType[]): Partial<Record<HashType, string>> {
  const hashes: Partial<Record<HashType, string>> = {};
  for (const h of types) hashes[h] = createHash(h).update(data).digest('hex');
  return hashes;
}

/**
 * Write `data` under a temp name beside `fsPath` with one open, write,
 * futimes (`mtimeSeconds`, for utimes), close, and rename it into place, all
 * blocking calls: no thread-pool round trip per call. Nothing awaits, so no
 * exit can come between the temp file's creation and its rename or removal.
 */
export function writeWholeSync(fsPath: string, data: Buffer, mtimeSeconds?: number): void {
  const tempPath = join(dirname(fsPath), tempName(basename(fsPath)));
  try {
    const fd = openSync(tempPath, 'wx');
    try {
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off, off);
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
