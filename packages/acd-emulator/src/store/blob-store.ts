import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { syncPath } from '@rsyncish/emulator-kit';

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`content larger than ${limit} bytes`);
  }
}

export interface WrittenBlob {
  blob: string;
  size: number;
  md5: string;
}

/**
 * File bodies on disk, one file per content version. Bodies are streamed to a temp file while
 * the MD5 is computed and renamed into place only when complete, so a reader never sees a
 * partial blob, and flushed to disk before it is named, so an acknowledged upload survives a
 * crash. Replaced blobs are deleted only after the metadata that stopped pointing at
 * them has been saved (see retire/collect), so a crash never leaves metadata naming a lost file.
 */
export class BlobStore {
  private readonly blobDir: string;
  private readonly tmpDir: string;
  private retired: string[] = [];

  constructor(root: string) {
    this.blobDir = join(root, 'blobs');
    this.tmpDir = join(root, 'tmp');
  }

  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.blobDir, { recursive: true });
  }

  async write(source: AsyncIterable<Buffer>, maxSize: number): Promise<WrittenBlob> {
    const blob = randomBytes(12).toString('hex');
    const tmp = join(this.tmpDir, blob);
    const hash = createHash('md5');
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > maxSize) throw new TooLargeError(maxSize);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp, { highWaterMark: 1024 * 1024 }),
      );
      // On disk before it is named, and named before the upload is answered.
      await syncPath(tmp);
      await rename(tmp, this.pathOf(blob));
      await syncPath(this.blobDir);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { blob, size, md5: hash.digest('hex') };
  }

  /** Writes a small in-memory body; used by the control endpoint's plant call. */
  writeBuffer(data: Buffer): Promise<WrittenBlob> {
    return this.write((async function* () { if (data.length) yield data; })(), Number.MAX_SAFE_INTEGER);
  }

  read(blob: string, start?: number, end?: number): ReadStream {
    return createReadStream(this.pathOf(blob), { start, end, highWaterMark: 1024 * 1024 });
  }

  /** Marks a blob for deletion once the next metadata save has completed. */
  retire(blob: string): void {
    this.retired.push(blob);
  }

  /** Deletes an unreferenced blob at once (nothing persisted ever named it). */
  async discard(blob: string): Promise<void> {
    await unlink(this.pathOf(blob)).catch(() => {});
  }

  async collectRetired(): Promise<void> {
    const batch = this.retired;
    this.retired = [];
    await Promise.all(batch.map((b) => this.discard(b)));
  }

  /** Deletes blobs no node refers to (left by a crash between rename and metadata save). */
  async sweep(referenced: Set<string>): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.blobDir)) {
      if (!referenced.has(name)) {
        await this.discard(name);
        removed++;
      }
    }
    return removed;
  }

  private pathOf(blob: string): string {
    if (!/^[0-9a-f]{24}$/.test(blob)) throw new Error(`bad blob key ${blob}`);
    return join(this.blobDir, blob);
  }
}
