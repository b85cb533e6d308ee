import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, readdir, rename, rm, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { syncPath } from './durable-file.js';

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`content larger than ${limit} bytes`);
  }
}

/** What every stored body is known by: its key and size; each emulator adds its checksums. */
export interface StoredBlob {
  blob: string;
  size: number;
}

/** Computes a body's checksums as it streams past, once. */
export interface Digester<W extends StoredBlob> {
  update(chunk: Buffer): void;
  finish(blob: string, size: number): W;
}

/**
 * File bodies on disk, one file per content version. A body is streamed to a temp file while
 * its checksums are computed, flushed, and renamed into place only when complete, so no reader ever sees part of one and an
 * acknowledged upload survives a crash. Replaced bodies are deleted only after the metadata
 * that stopped naming them is saved (retire/collectRetired).
 */
export class BlobStore<W extends StoredBlob> {
  private readonly blobDir: string;
  readonly tmpDir: string;
  private retired: string[] = [];

  constructor(root: string, private readonly digester: () => Digester<W>) {
    this.blobDir = join(root, 'blobs');
    this.tmpDir = join(root, 'tmp');
  }

  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(this.blobDir, { recursive: true });
  }

  async write(source: AsyncIterable<Buffer>, maxSize: number): Promise<W> {
    const blob = newBlobKey();
    const tmp = join(this.tmpDir, blob);
    const digests = this.digester();
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            if (size + chunk.length > maxSize) throw new TooLargeError(maxSize);
            size += chunk.length;
            digests.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp, { highWaterMark: 1024 * 1024 }),
      );
      await this.name(tmp, blob);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return digests.finish(blob, size);
  }

  /** Writes a small in-memory body (the control endpoint's plant call). */
  writeBuffer(data: Buffer): Promise<W> {
    return this.write((async function* () { if (data.length) yield data; })(), Number.MAX_SAFE_INTEGER);
  }

  /** Takes a complete file (a finished resumable upload) into the store, reading it once for its checksums. */
  async adopt(path: string): Promise<W> {
    const blob = newBlobKey();
    const digests = this.digester();
    let size = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      digests.update(chunk);
    }
    await this.name(path, blob);
    return digests.finish(blob, size);
  }

  /** The key of a metadata-only file's empty content: no file on disk. */
  static readonly EMPTY = '';

  read(blob: string, start?: number, end?: number): Readable {
    if (blob === BlobStore.EMPTY) return Readable.from([]);
    return createReadStream(this.pathOf(blob), { start, end, highWaterMark: 1024 * 1024 });
  }

  /** A second key for the same bytes (a hard link), so a copy and its source are deleted independently. */
  async clone(blob: string): Promise<string> {
    if (blob === BlobStore.EMPTY) return blob;
    const copy = newBlobKey();
    await link(this.pathOf(blob), this.pathOf(copy));
    await syncPath(this.blobDir);
    return copy;
  }

  /** Marks a blob for deletion once the next metadata save has completed. */
  retire(blob: string): void {
    if (blob !== BlobStore.EMPTY) this.retired.push(blob);
  }

  async discard(blob: string): Promise<void> {
    if (blob === BlobStore.EMPTY) return;
    await unlink(this.pathOf(blob)).catch(() => {});
  }

  async collectRetired(): Promise<void> {
    const batch = this.retired;
    this.retired = [];
    await Promise.all(batch.map((b) => this.discard(b)));
  }

  /** Deletes blobs no file refers to (left by a crash between rename and metadata save). */
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

  /** On disk before it is named, and named before the upload is answered. */
  private async name(tmp: string, blob: string): Promise<void> {
    await syncPath(tmp);
    await rename(tmp, this.pathOf(blob));
    await syncPath(this.blobDir);
  }

  private pathOf(blob: string): string {
    if (!/^[0-9a-f]{24}$/.test(blob)) throw new Error(`bad blob key ${blob}`);
    return join(this.blobDir, blob);
  }
}

function newBlobKey(): string {
  return randomBytes(12).toString('hex');
}
