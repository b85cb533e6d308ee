import { Readable } from 'node:stream';
import {
  AlreadyExistsError,
  FatalBackendError,
  HttpFailure,
  IsADirectoryError,
  joinPath,
  NotFoundError,
  RetryableError,
  type Backend,
  type Capabilities,
  type Entry,
  type GetOptions,
  type HashType,
  type Logger,
  type PutOptions,
} from '@rsyncish/core';
import { s3Capabilities } from './capabilities.js';
import { copyObject } from './copy-object.js';
import { DirectoryNotEmptyError } from '@rsyncish/core';
import { listBuckets, listObjectPages, listObjectsBelow, type ObjectSummary } from './list-objects.js';
import { mapLimit } from '@rsyncish/core';
import { listedName, recursiveEntries, unlessGone } from '@rsyncish/object-store';
import { formatMtime, md5FromEtag, md5ToMeta, META_MD5, META_MTIME } from './metadata.js';
import { partSizeFor, uploadMultipart } from './multipart-upload.js';
import { entryFromHead, readHead, type ObjectHead } from './object-head.js';
import type { S3Options } from './options.js';
import { PartReader } from '@rsyncish/object-store';
import { describe, locate, type Location } from './paths.js';
import { s3ErrorCode } from './s3-errors.js';
import type { S3Client } from './s3-client.js';

export interface S3BackendInit {
  /** `remote:root`, for messages. */
  name: string;
  remoteName: string;
  root: string;
  options: S3Options;
  client: S3Client;
  logger: Logger;
  now: () => number;
}

/** HEADs in flight per listed page: each file's mtime lives in its metadata. */
const HEAD_CONCURRENCY = 8;

/**
 * Amazon S3 and compatibles as a Backend: the first path segment is the
 * bucket, folders are key prefixes, modtimes and multipart MD5s live in
 * rclone's metadata keys.
 */
export class S3Backend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  private readonly client: S3Client;
  private readonly options: S3Options;
  private readonly logger: Logger;
  /** Buckets seen or made by this backend: not checked again before uploads. */
  private readonly knownBuckets = new Set<string>();

  constructor(private readonly init: S3BackendInit) {
    this.name = init.name;
    this.client = init.client;
    this.options = init.options;
    this.logger = init.logger;
    this.capabilities = { ...s3Capabilities(), nameEncoding: this.options.names.text };
  }

  async *list(dir: string): AsyncIterable<Entry> {
    const loc = locate(this.init.root, dir, this.options.names);
    if (!loc.bucket) {
      for (const b of await listBuckets(this.client)) {
        const entry: Entry = { path: joinPath(dir, this.options.names.toStandard(b.name)), kind: 'dir', size: -1 };
        if (b.created !== undefined) entry.modTime = b.created;
        yield entry;
      }
      return;
    }
    const prefix = loc.key ? `${loc.key}/` : '';
    let seen = false;
    try {
      for await (const page of listObjectPages(this.client, { bucket: loc.bucket, prefix, delimiter: '/', pageSize: this.options.listChunk })) {
        for (const p of page.prefixes) {
          seen = true;
          const name = this.safeName(p.slice(prefix.length, -1), loc);
          if (name !== undefined) yield { path: joinPath(dir, name), kind: 'dir', size: -1 };
        }
        const files: { name: string; summary: ObjectSummary }[] = [];
        for (const o of page.objects) {
          seen = true;
          // A zero-byte `folder/` object some tools make to mark a folder: not a file.
          if (o.key === prefix || o.key.endsWith('/')) continue;
          const name = this.safeName(o.key.slice(prefix.length), loc);
          if (name !== undefined) files.push({ name, summary: o });
        }
        const entries = await mapLimit(files, HEAD_CONCURRENCY, ({ name, summary }) =>
          unlessGone(this.head({ bucket: loc.bucket, key: summary.key }).then((head) => entryFromHead(joinPath(dir, name), head))));
        for (const e of entries) if (e) yield e;
      }
    } catch (err) {
      throw this.explainMissing(err, loc, true);
    }
    if (!seen && loc.key) {
      throw new NotFoundError(`directory not found: ${this.name}${dir ? ` ${JSON.stringify(dir)}` : ''} (no objects under ${describe(loc)}/)`, { isDir: true });
    }
  }

  /** Every key below `dir` in pages of a listing without delimiter (rclone's ListR); at the root, bucket by bucket. */
  async *listRecursive(dir: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Entry> {
    const loc = locate(this.init.root, dir, this.options.names);
    if (!loc.bucket) {
      for await (const bucket of this.list(dir)) {
        yield bucket;
        yield* this.listRecursive(bucket.path, options);
      }
      return;
    }
    const prefix = loc.key ? `${loc.key}/` : '';
    const seen = { any: false };
    try {
      yield* recursiveEntries(listObjectsBelow(this.client, { bucket: loc.bucket, prefix, pageSize: this.options.listChunk, signal: options.signal }), {
        prefix,
        dir,
        keyOf: (o) => o.key,
        name: (stored) => this.safeName(stored, loc),
        file: (o, path) => unlessGone(this.head({ bucket: loc.bucket, key: o.key }).then((head) => entryFromHead(path, head))),
        concurrency: HEAD_CONCURRENCY,
      }, seen);
    } catch (err) {
      throw this.explainMissing(err, loc, true);
    }
    if (!seen.any && loc.key) {
      throw new NotFoundError(`directory not found: ${this.name}${dir ? ` ${JSON.stringify(dir)}` : ''} (no objects under ${describe(loc)}/)`, { isDir: true });
    }
  }

  async stat(path: string): Promise<Entry> {
    const loc = locate(this.init.root, path, this.options.names);
    if (!loc.bucket) return { path, kind: 'dir', size: -1 };
    if (!loc.key) {
      await this.headBucket(loc.bucket);
      return { path, kind: 'dir', size: -1 };
    }
    try {
      return entryFromHead(path, await this.head(loc));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    if (await this.hasObjectsBelow(loc)) return { path, kind: 'dir', size: -1 };
    throw new NotFoundError(`${this.name}: ${JSON.stringify(path)} not found (no object ${describe(loc)})`);
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const loc = this.fileLocation(path);
    const headers: Record<string, string> = {};
    const range = options.range;
    if (range) {
      if (range.end !== undefined && range.end <= range.start) {
        await this.stat(path);
        return Readable.from([]);
      }
      headers['range'] = `bytes=${range.start}-${range.end !== undefined ? range.end - 1 : ''}`;
    }
    try {
      const res = await this.client.call({ method: 'GET', bucket: loc.bucket, key: loc.key, headers, signal: options.signal });
      return res.body;
    } catch (err) {
      // A range starting at or after the end of the file: nothing to read.
      if (range && err instanceof FatalBackendError && err.cause instanceof HttpFailure && err.cause.status === 416) return Readable.from([]);
      throw this.explainMissing(err, loc, false);
    }
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const onAbort = () => content.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('upload aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const loc = this.fileLocation(path);
      await this.ensureBucket(loc.bucket, false);
      await this.refuseDirectoryName(path, loc);
      const headers = this.newObjectHeaders(options);
      let etag: string | undefined;
      let size: number;
      const opts = this.options;
      if (options.size >= 0 && options.size < opts.uploadCutoff) {
        const res = await this.client.pacer.callNoRetry(() =>
          this.client.send({ method: 'PUT', bucket: loc.bucket, key: loc.key, headers, body: content, contentLength: options.size, signal: options.signal }));
        res.body.resume();
        etag = res.header('etag');
        size = options.size;
      } else {
        const reader = new PartReader(content);
        let firstPart: Buffer | undefined;
        let partSize = opts.chunkSize;
        if (options.size < 0) {
          // Unknown size: a stream that fits in one part goes up in one PUT.
          firstPart = await reader.read(opts.chunkSize);
          if (firstPart.length < opts.chunkSize || (await reader.atEnd())) {
            const body = firstPart;
            const res = await this.client.call({ method: 'PUT', bucket: loc.bucket, key: loc.key, headers, body, signal: options.signal });
            res.body.resume();
            return this.putEntry(path, body.length, options, md5FromEtag(res.header('etag')));
          }
        } else {
          partSize = partSizeFor(options.size, opts.chunkSize);
        }
        const done = await uploadMultipart({
          client: this.client,
          bucket: loc.bucket,
          key: loc.key,
          headers,
          partSize,
          concurrency: opts.uploadConcurrency,
          size: options.size,
          reader,
          firstPart,
          logger: this.logger,
          signal: options.signal,
        });
        etag = done.etag;
        size = done.size;
      }
      return this.putEntry(path, size, options, md5FromEtag(etag) ?? options.hashes?.md5);
    } catch (err) {
      content.destroy();
      throw err;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async delete(path: string): Promise<void> {
    const loc = this.fileLocation(path);
    // S3 answers 204 for a key that is not there; the contract wants NotFound.
    await this.head(loc).catch((err: unknown) => {
      throw this.explainMissing(err, loc, false);
    });
    const res = await this.client.call({ method: 'DELETE', bucket: loc.bucket, key: loc.key });
    res.body.resume();
  }

  async mkdir(path: string): Promise<void> {
    const loc = locate(this.init.root, path, this.options.names);
    if (loc.bucket) await this.ensureBucket(loc.bucket, true);
  }

  async rmdir(path: string): Promise<void> {
    const loc = locate(this.init.root, path, this.options.names);
    if (!loc.bucket) throw new FatalBackendError(`${this.name}: cannot remove the root of an s3 remote`, { hint: 'name a bucket to remove' });
    if (!loc.key) {
      try {
        const res = await this.client.call({ method: 'DELETE', bucket: loc.bucket });
        res.body.resume();
      } catch (err) {
        if (err instanceof DirectoryNotEmptyError) {
          throw new DirectoryNotEmptyError(`${this.name}: bucket ${JSON.stringify(loc.bucket)} is not empty`, { cause: err });
        }
        throw this.explainMissing(err, loc, true);
      }
      this.knownBuckets.delete(loc.bucket);
      return;
    }
    // Folders exist only through their objects: one with none is already gone.
    const marker = `${loc.key}/`;
    let hasMarker = false;
    try {
      for await (const page of listObjectPages(this.client, { bucket: loc.bucket, prefix: marker, delimiter: '', pageSize: 2 })) {
        for (const o of page.objects) {
          if (o.key !== marker) throw new DirectoryNotEmptyError(`${this.name}: directory ${JSON.stringify(path)} is not empty`);
          hasMarker = true;
        }
        break;
      }
    } catch (err) {
      throw this.explainMissing(err, loc, true);
    }
    if (hasMarker) (await this.client.call({ method: 'DELETE', bucket: loc.bucket, key: marker })).body.resume();
  }

  async setModTime(path: string, modTime: number, modTimeNanos = 0): Promise<void> {
    const loc = this.fileLocation(path);
    const head = await this.head(loc).catch((err: unknown) => {
      throw this.explainMissing(err, loc, false);
    });
    const headers = this.copiedHeaders(head);
    headers[META_MTIME] = formatMtime(modTime, modTimeNanos);
    await copyObject({ client: this.client, src: loc, dst: loc, head, headers, copyCutoff: this.options.copyCutoff, logger: this.logger });
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    if (type !== 'md5') return undefined;
    return (await this.stat(path)).hashes?.md5;
  }

  /**
   * Server-side copy (CopyObject) of an object of this remote; another remote
   * can't, and the engine streams. Refused before anything is written when
   * the source's size is not the one listed, or the target is a directory.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    if (src !== this) return undefined;
    options.signal?.throwIfAborted();
    const from = this.fileLocation(srcPath);
    const to = this.fileLocation(dstPath);
    const head = await this.head(from).catch((err: unknown) => {
      throw this.explainMissing(err, from, false);
    });
    if (options.size >= 0 && head.size !== options.size) {
      throw new RetryableError(`${this.name}: ${JSON.stringify(srcPath)} is ${head.size} bytes, listed as ${options.size}; not copied`);
    }
    await this.ensureBucket(to.bucket, false);
    await this.refuseDirectoryName(dstPath, to);
    const headers = this.copiedHeaders(head);
    if (options.modTime !== undefined) headers[META_MTIME] = formatMtime(options.modTime, options.modTimeNanos);
    await copyObject({ client: this.client, src: from, dst: to, head, headers, copyCutoff: this.options.copyCutoff, logger: this.logger });
    return this.stat(dstPath);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private fileLocation(path: string): Location {
    const loc = locate(this.init.root, path, this.options.names);
    if (!loc.key) {
      throw new FatalBackendError(`${this.name}: ${JSON.stringify(path)} is ${loc.bucket ? `the bucket ${JSON.stringify(loc.bucket)}` : 'the root'}, not a file`, {
        hint: 'files live inside a bucket: remote:bucket/path/to/file',
      });
    }
    return loc;
  }

  private async head(loc: Location): Promise<ObjectHead> {
    const res = await this.client.call({ method: 'HEAD', bucket: loc.bucket, key: loc.key });
    res.body.resume();
    return readHead(res);
  }

  private async headBucket(bucket: string): Promise<void> {
    try {
      (await this.client.call({ method: 'HEAD', bucket })).body.resume();
    } catch (err) {
      throw this.explainMissing(err, { bucket, key: '' }, true);
    }
    this.knownBuckets.add(bucket);
  }

  /** Make sure the bucket exists before writing to it (once per backend), creating it when missing. */
  private async ensureBucket(bucket: string, always: boolean): Promise<void> {
    if (this.knownBuckets.has(bucket) || (this.options.noCheckBucket && !always)) return;
    try {
      await this.headBucket(bucket);
      return;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const body = this.options.provider.toLowerCase() === 'aws' && this.options.region !== 'us-east-1'
      ? `<CreateBucketConfiguration><LocationConstraint>${this.options.region}</LocationConstraint></CreateBucketConfiguration>`
      : undefined;
    try {
      (await this.client.call({ method: 'PUT', bucket, body })).body.resume();
    } catch (err) {
      // Made meanwhile by us (another transfer) or earlier: fine.
      const mine = err instanceof AlreadyExistsError && err.cause instanceof HttpFailure && s3ErrorCode(err.cause) === 'BucketAlreadyOwnedByYou';
      if (!mine) throw err;
    }
    this.knownBuckets.add(bucket);
  }

  /**
   * An object named like a folder's prefix would make the name a file and a
   * directory at once: stat would give the file and hide the folder's objects.
   * Refused as a filesystem refuses it, at the cost of one small listing per put.
   */
  private async refuseDirectoryName(path: string, loc: Location): Promise<void> {
    if (await this.hasObjectsBelow(loc)) {
      throw new IsADirectoryError(`${this.name}: ${JSON.stringify(path)} is a directory (objects exist under ${describe(loc)}/); not putting a file of the same name`, {
        hint: 'choose another name for the file, or remove the directory first',
      });
    }
  }

  private async hasObjectsBelow(loc: Location): Promise<boolean> {
    try {
      for await (const page of listObjectPages(this.client, { bucket: loc.bucket, prefix: `${loc.key}/`, delimiter: '/', pageSize: 1 })) {
        return page.objects.length > 0 || page.prefixes.length > 0;
      }
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
    return false;
  }

  /** The engine's name for one listed key segment, or undefined (logged) for one that cannot be a name. */
  private safeName(stored: string, loc: Location): string | undefined {
    return listedName(stored, this.options.names, (name, err) =>
      this.logger.notice(`${this.name}: skipping object ${JSON.stringify(name)} under ${describe(loc)}: ${err.message}`));
  }

  private newObjectHeaders(options: PutOptions): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': options.mimeType || 'application/octet-stream' };
    if (options.modTime !== undefined) headers[META_MTIME] = formatMtime(options.modTime, options.modTimeNanos);
    const md5 = options.hashes?.md5;
    if (md5 && /^[0-9a-f]{32}$/i.test(md5)) headers[META_MD5] = md5ToMeta(md5);
    if (this.options.storageClass) headers['x-amz-storage-class'] = this.options.storageClass;
    return headers;
  }

  /** The headers that recreate an object's type and metadata on a copy. */
  private copiedHeaders(head: ObjectHead): Record<string, string> {
    const headers: Record<string, string> = { ...head.meta };
    if (head.contentType) headers['content-type'] = head.contentType;
    if (this.options.storageClass) headers['x-amz-storage-class'] = this.options.storageClass;
    return headers;
  }

  private putEntry(path: string, size: number, options: PutOptions, md5: string | undefined): Entry {
    const entry: Entry = { path, kind: 'file', size, modTime: options.modTime ?? this.init.now() };
    if (options.modTime !== undefined && options.modTimeNanos) entry.modTimeNanos = options.modTimeNanos;
    if (md5) entry.hashes = { md5: md5.toLowerCase() };
    if (options.mimeType) entry.mimeType = options.mimeType;
    return entry;
  }

  /** A NotFound for a missing bucket names the bucket and says how to make it. */
  private explainMissing(err: unknown, loc: Location, isDir: boolean): unknown {
    if (!(err instanceof NotFoundError)) return err;
    const cause = err.cause;
    if (cause instanceof HttpFailure && s3ErrorCode(cause) === 'NoSuchBucket') {
      return new NotFoundError(`${this.name}: bucket ${JSON.stringify(loc.bucket)} not found at ${this.client.origin}`, {
        isDir: true,
        cause: err,
        hint: `create it with "rsyncish mkdir ${this.init.remoteName}:${loc.bucket}", or check the bucket name`,
      });
    }
    if (!loc.key) {
      return new NotFoundError(`${this.name}: bucket ${JSON.stringify(loc.bucket)} not found at ${this.client.origin}`, {
        isDir: true,
        cause: err,
        hint: `create it with "rsyncish mkdir ${this.init.remoteName}:${loc.bucket}", or check the bucket name`,
      });
    }
    return new NotFoundError(`${this.name}: ${describe(loc)} not found`, { isDir, cause: err });
  }
}
