import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { syncPath } from '@rsyncish/acd-emulator';
import { ContentHasher } from '../content-hash.js';

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`content larger than ${limit} bytes`);
  }
}

export interface Written {
  size: number;
  contentHash: string;
}

/**
 * File bodies on disk, named by their content_hash, so copies and identical uploads share one
 * file. A body is streamed to a temp file while it is hashed, flushed, and renamed into place
 * only when whole: a reader never sees part of one, and an acknowledged upload survives a crash.
 * Upload sessions keep their bytes in files of their own until finished.
 */
export class BlobStore {
  private readonly blobDir: string;
  private readonly tmpDir: string;
  readonly sessionDir: string;

  constructor(root: string) {
    this.blobDir = join(root, 'blobs');
    this.tmpDir = join(root, 'tmp');
    this.sessionDir = join(root, 'sessions');
  }

  async init(): Promise<void> {
    // Sessions do not outlive the process (see docs/dropbox-emulator.md), nor do temp files.
    await rm(this.tmpDir, { recursive: true, force: true });
    await rm(this.sessionDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.sessionDir, { recursive: true });
    await mkdir(this.blobDir, { recursive: true });
  }

  /** Streams a body into a blob; more than `maxSize` bytes is a TooLargeError and stores nothing. */
  async write(source: AsyncIterable<Buffer>, maxSize: number): Promise<Written> {
    const tmp = join(this.tmpDir, randomBytes(12).toString('hex'));
    const hasher = new ContentHasher();
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > maxSize) throw new TooLargeError(maxSize);
            hasher.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp, { highWaterMark: 1024 * 1024 }),
      );
      const contentHash = hasher.digest();
      await this.adopt(tmp, contentHash);
      return { size, contentHash };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Turns a finished session file into a blob (hashing it as it is read). */
  async adoptSession(sessionFile: string): Promise<Written> {
    return this.write(createReadStream(sessionFile, { highWaterMark: 1024 * 1024 }), Number.MAX_SAFE_INTEGER);
  }

  read(contentHash: string, start?: number, end?: number): ReadStream {
    return createReadStream(this.pathOf(contentHash), { start, end, highWaterMark: 1024 * 1024 });
  }

  async has(contentHash: string): Promise<boolean> {
    return stat(this.pathOf(contentHash)).then(() => true, () => false);
  }

  /** Deletes blobs no entry refers to (deleted files, or a crash between rename and metadata save). */
  async sweep(referenced: Set<string>): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.blobDir)) {
      if (!referenced.has(name)) {
        await rm(join(this.blobDir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }

  private async adopt(tmp: string, contentHash: string): Promise<void> {
    if (await this.has(contentHash)) return;
    await syncPath(tmp);
    await rename(tmp, this.pathOf(contentHash));
    await syncPath(this.blobDir);
  }

  private pathOf(contentHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error(`bad blob key ${contentHash}`);
    return join(this.blobDir, contentHash);
  }
}
