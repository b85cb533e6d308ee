import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AlreadyExistsError,
  ConfigError,
  DirectoryNotEmptyError,
  FatalBackendError,
  HashMismatchError,
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
import { describeStoreLocation, listedName, locateInStore, PartReader, recursiveEntries, type StoreLocation } from '@rsyncish/object-store';
import type { GcsApi, ObjectRef } from './api/gcs-api.js';
import type { ObjectFields, ObjectResource } from './api/types.js';
import { gcsCapabilities } from './capabilities.js';
import { checkedDownload, crc32cOfHeader } from './checked-download.js';
import { Crc32c } from './crc32c.js';
import { mtimeMetadata } from './mtime.js';
import { entryFromObject, md5Base64 } from './object-entry.js';
import type { GcsOptions } from './options.js';
import { uploadResumable } from './resumable-upload.js';

export interface GcsBackendInit {
  /** `remote:root`, for messages. */
  name: string;
  remoteName: string;
  root: string;
  options: GcsOptions;
  api: GcsApi;
  logger: Logger;
  now: () => number;
  /** Endpoint and identity: two remotes with the same one can copy between them server-side. */
  account: string;
  close: () => Promise<void>;
}

/**
 * Google Cloud Storage as a Backend: the first path segment is the bucket,
 * folders are name prefixes (rclone 1.60 writes no directory markers, and
 * skips those others write), modtimes live in rclone's metadata keys.
 */
export class GcsBackend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  readonly account: string;
  private readonly api: GcsApi;
  private readonly options: GcsOptions;
  private readonly logger: Logger;
  /** Buckets seen or made here: not checked again before uploads (rclone's bucket cache). */
  private readonly knownBuckets = new Set<string>();

  constructor(private readonly init: GcsBackendInit) {
    this.name = init.name;
    this.api = init.api;
    this.options = init.options;
    this.logger = init.logger;
    this.account = init.account;
    this.capabilities = { ...gcsCapabilities(), nameEncoding: this.options.names.text };
  }

  async *list(dir: string): AsyncIterable<Entry> {
    const loc = this.where(dir);
    if (!loc.store) {
      yield* this.listBuckets(dir);
      return;
    }
    const prefix = loc.key ? `${loc.key}/` : '';
    let seen = false;
    let pageToken: string | undefined;
    do {
      const page = await this.api.listObjects(loc.store, { prefix, delimiter: '/', pageToken }).catch((err: unknown) => {
        throw this.explainMissing(err, loc, true);
      });
      for (const p of page.prefixes ?? []) {
        seen = true;
        const name = this.safeName(p.slice(prefix.length, -1), loc);
        if (name !== undefined) yield { path: joinPath(dir, name), kind: 'dir', size: -1 };
      }
      for (const o of page.items ?? []) {
        seen = true;
        // A directory marker (`dir/`, or the listed folder itself): a folder, not a file, as rclone skips it.
        if (o.name === prefix || o.name.endsWith('/')) continue;
        const name = this.safeName(o.name.slice(prefix.length), loc);
        if (name !== undefined) yield entryFromObject(joinPath(dir, name), o);
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    if (!seen && loc.key) this.throwDirNotFound(dir, loc);
  }

  /** Every object below `dir` in pages of a listing without delimiter (rclone's ListR); at the root, bucket by bucket. */
  async *listRecursive(dir: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Entry> {
    const loc = this.where(dir);
    if (!loc.store) {
      for await (const bucket of this.listBuckets(dir)) {
        yield bucket;
        yield* this.listRecursive(bucket.path, options);
      }
      return;
    }
    const prefix = loc.key ? `${loc.key}/` : '';
    const seen = { any: false };
    const api = this.api;
    const explain = (err: unknown) => this.explainMissing(err, loc, true);
    async function* pages(): AsyncIterable<ObjectResource[]> {
      let pageToken: string | undefined;
      do {
        const page = await api.listObjects(loc.store, { prefix, pageToken }, options.signal).catch((err: unknown) => {
          throw explain(err);
        });
        yield page.items ?? [];
        pageToken = page.nextPageToken;
      } while (pageToken);
    }
    yield* recursiveEntries(pages(), {
      prefix,
      dir,
      keyOf: (o) => o.name,
      name: (stored) => this.safeName(stored, loc),
      file: async (o, path) => entryFromObject(path, o),
      concurrency: 1,
    }, seen);
    if (!seen.any && loc.key) this.throwDirNotFound(dir, loc);
  }

  async stat(path: string): Promise<Entry> {
    const loc = this.where(path);
    if (!loc.store) return { path, kind: 'dir', size: -1 };
    if (!loc.key) {
      await this.checkBucketExists(loc.store);
      return { path, kind: 'dir', size: -1 };
    }
    try {
      return entryFromObject(path, await this.api.getObject(this.ref(loc)));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw this.explainMissing(err, loc, false);
    }
    if (await this.hasObjectsBelow(loc)) return { path, kind: 'dir', size: -1 };
    throw new NotFoundError(`${this.name}: ${JSON.stringify(path)} not found (no object ${describeStoreLocation(loc)})`);
  }

  async get(path: string, options: GetOptions = {}): Promise<Readable> {
    const loc = this.fileLocation(path);
    const range = options.range;
    let header: string | undefined;
    if (range) {
      if (range.end !== undefined && range.end <= range.start) {
        await this.stat(path);
        return Readable.from([]);
      }
      header = `bytes=${range.start}-${range.end !== undefined ? range.end - 1 : ''}`;
    }
    try {
      const res = await this.api.download(this.ref(loc), header, options.signal);
      const crc = crc32cOfHeader(res.header('x-goog-hash'));
      // Only a whole object can be checked against the object's checksum.
      if (res.status === 200 && crc && !res.header('content-encoding')) return checkedDownload(res.body, crc, `${this.name}: ${JSON.stringify(path)}`);
      return res.body;
    } catch (err) {
      // A range starting at or after the end of the object: nothing to read.
      if (range && err instanceof FatalBackendError && err.cause instanceof HttpFailure && err.cause.status === 416) return Readable.from([]);
      throw this.explainMissing(err, loc, false);
    }
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const onAbort = () => content.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('upload aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const loc = this.fileLocation(path);
      await this.ensureBucket(loc.store, false);
      await this.refuseDirectoryName(path, loc);
      const fields = this.newObjectFields(loc, options);
      const what = `${this.name}: ${JSON.stringify(path)}`;
      const reader = new PartReader(content);
      if (options.size >= 0 && options.size <= this.options.uploadCutoff) {
        const body = await reader.read(options.size);
        if (body.length !== options.size || !(await reader.atEnd())) {
          throw new FatalBackendError(`${what}: the source did not give the ${options.size} bytes expected; not stored`);
        }
        return await this.multipart(path, loc, fields, options, body, what);
      }
      let firstPart: Buffer | undefined;
      if (options.size < 0) {
        // Unknown size: a stream that fits in one chunk goes up in one request.
        firstPart = await reader.read(this.options.chunkSize);
        if (await reader.atEnd()) return await this.multipart(path, loc, fields, options, firstPart, what);
      }
      const done = await uploadResumable({
        api: this.api,
        bucket: loc.store,
        fields,
        size: options.size,
        chunkSize: this.options.chunkSize,
        reader,
        firstPart,
        logger: this.logger,
        what,
        signal: options.signal,
      });
      this.checkStatedMd5(options, done.md5, what);
      return this.storedEntry(path, done.resource, done.md5, done.crc32c, what);
    } catch (err) {
      content.destroy();
      throw err;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async multipart(path: string, loc: StoreLocation, fields: ObjectFields, options: PutOptions, body: Buffer, what: string): Promise<Entry> {
    const md5 = createHash('md5').update(body).digest('hex');
    this.checkStatedMd5(options, md5, what);
    // GCS checks both hashes and stores nothing when they do not match the bytes it got.
    const crc32c = new Crc32c().update(body).base64();
    const stored = await this.api.insertMultipart(loc.store, { ...fields, md5Hash: md5Base64(md5), crc32c }, body, options.signal);
    return this.storedEntry(path, stored, md5, crc32c, what);
  }

  async delete(path: string): Promise<void> {
    const loc = this.fileLocation(path);
    await this.api.deleteObject(this.ref(loc)).catch((err: unknown) => {
      throw this.explainMissing(err, loc, false);
    });
  }

  /** Buckets are made on demand; below a bucket, folders exist only through their objects. */
  async mkdir(path: string): Promise<void> {
    const loc = this.where(path);
    if (loc.store) await this.ensureBucket(loc.store, true);
  }

  async rmdir(path: string): Promise<void> {
    const loc = this.where(path);
    if (!loc.store) throw new FatalBackendError(`${this.name}: cannot remove the root of a gcs remote`, { hint: 'name a bucket to remove' });
    if (!loc.key) {
      try {
        await this.api.deleteBucket(loc.store);
      } catch (err) {
        if (err instanceof AlreadyExistsError) throw new DirectoryNotEmptyError(`${this.name}: bucket ${JSON.stringify(loc.store)} is not empty`, { cause: err });
        throw this.explainMissing(err, loc, true);
      }
      this.knownBuckets.delete(loc.store);
      return;
    }
    // Folders exist only through their objects: one with none is already gone; a marker another tool left goes too.
    const marker = `${loc.key}/`;
    const page = await this.api.listObjects(loc.store, { prefix: marker, maxResults: 2 }).catch((err: unknown) => {
      throw this.explainMissing(err, loc, true);
    });
    let hasMarker = false;
    for (const o of page.items ?? []) {
      if (o.name !== marker) throw new DirectoryNotEmptyError(`${this.name}: directory ${JSON.stringify(path)} is not empty`);
      hasMarker = true;
    }
    if (hasMarker) await this.api.deleteObject({ bucket: loc.store, name: marker });
  }

  /** As rclone: the object copied onto itself with the new mtime metadata (a patch needs more permissions). */
  async setModTime(path: string, modTime: number, modTimeNanos = 0): Promise<void> {
    const loc = this.fileLocation(path);
    const o = await this.api.getObject(this.ref(loc)).catch((err: unknown) => {
      throw this.explainMissing(err, loc, false);
    });
    await this.api.copyOnto(this.ref(loc), { contentType: o.contentType, metadata: { ...o.metadata, ...mtimeMetadata(modTime, modTimeNanos) } });
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    if (type !== 'md5') return undefined;
    return (await this.stat(path)).hashes?.md5;
  }

  /**
   * Server-side copy with objects.rewrite, call after call until done (a big
   * object, or one crossing locations or storage classes, takes several).
   * Another account can't, and the engine streams. Refused before anything is
   * written when the source's size is not the one listed.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    if (!(src instanceof GcsBackend) || src.account !== this.account) return undefined;
    options.signal?.throwIfAborted();
    const from = src.fileLocation(srcPath);
    const to = this.fileLocation(dstPath);
    const source = await this.api.getObject(this.ref(from)).catch((err: unknown) => {
      throw src.explainMissing(err, from, false);
    });
    if (options.size >= 0 && Number(source.size) !== options.size) {
      throw new RetryableError(`${src.name}: ${JSON.stringify(srcPath)} is ${source.size} bytes, listed as ${options.size}; not copied`);
    }
    await this.ensureBucket(to.store, false);
    await this.refuseDirectoryName(dstPath, to);
    const fields: ObjectFields = { contentType: source.contentType, metadata: { ...source.metadata } };
    if (options.modTime !== undefined) fields.metadata = { ...fields.metadata, ...mtimeMetadata(options.modTime, options.modTimeNanos) };
    if (this.options.storageClass) fields.storageClass = this.options.storageClass;
    const done = await this.rewriteAll(this.ref(from), this.ref(to), fields, options.signal);
    return entryFromObject(dstPath, done);
  }

  /** A copy then the source's deletion, both on the server: GCS has no rename. The source's modtime is kept. */
  async moveFrom(src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal }): Promise<Entry | undefined> {
    if (!(src instanceof GcsBackend) || src.account !== this.account) return undefined;
    const from = await src.stat(srcPath);
    if (from.kind !== 'file') return undefined;
    const copied = await this.copyFrom(src, srcPath, dstPath, { size: from.size, signal: options.signal });
    if (!copied) return undefined;
    await src.delete(srcPath);
    return copied;
  }

  async close(): Promise<void> {
    await this.init.close();
  }

  private async rewriteAll(from: ObjectRef, to: ObjectRef, fields: ObjectFields, signal?: AbortSignal): Promise<ObjectResource> {
    let token: string | undefined;
    for (let call = 1; ; call++) {
      signal?.throwIfAborted();
      const step = await this.api.rewrite(from, to, fields, token, undefined, signal);
      if (step.done && step.resource) return step.resource;
      if (!step.rewriteToken) throw new FatalBackendError(`${this.name}: rewrite of ${from.bucket}/${from.name} not done and without a rewriteToken`);
      token = step.rewriteToken;
      this.logger.debug(`${this.name}: rewrite of ${to.name}: ${step.totalBytesRewritten}/${step.objectSize} bytes after call ${call}`);
    }
  }

  private async *listBuckets(dir: string): AsyncIterable<Entry> {
    if (!this.options.projectNumber) {
      throw new ConfigError(`${this.name}: can't list buckets without project number`, { hint: `set project_number for remote "${this.init.remoteName}", or name a bucket: ${this.init.remoteName}:bucket` });
    }
    let pageToken: string | undefined;
    do {
      const page = await this.api.listBuckets(this.options.projectNumber, pageToken);
      for (const b of page.items ?? []) {
        const entry: Entry = { path: joinPath(dir, this.options.names.toStandard(b.name)), kind: 'dir', size: -1 };
        yield entry;
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  private where(path: string): StoreLocation {
    return locateInStore(this.init.root, path, this.options.names);
  }

  private ref(loc: StoreLocation): ObjectRef {
    return { bucket: loc.store, name: loc.key };
  }

  fileLocation(path: string): StoreLocation {
    const loc = this.where(path);
    if (!loc.key) {
      throw new FatalBackendError(`${this.name}: ${JSON.stringify(path)} is ${loc.store ? `the bucket ${JSON.stringify(loc.store)}` : 'the root'}, not a file`, {
        hint: 'files live inside a bucket: remote:bucket/path/to/file',
      });
    }
    return loc;
  }

  /** As rclone checks: list one object (a service account with only object roles may do that, not get the bucket). */
  private async checkBucketExists(bucket: string): Promise<void> {
    try {
      await this.api.listObjects(bucket, { prefix: '', maxResults: 1 });
    } catch (err) {
      throw this.explainMissing(err, { store: bucket, key: '' }, true);
    }
    this.knownBuckets.add(bucket);
  }

  /** Make sure the bucket exists before writing to it (once per backend), creating it when missing. */
  private async ensureBucket(bucket: string, always: boolean): Promise<void> {
    if (this.knownBuckets.has(bucket) || (this.options.noCheckBucket && !always)) return;
    try {
      await this.checkBucketExists(bucket);
      return;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    if (!this.options.projectNumber) {
      throw new ConfigError(`${this.name}: can't make bucket ${JSON.stringify(bucket)} without project number`, {
        hint: `set project_number for remote "${this.init.remoteName}", or create the bucket first`,
      });
    }
    const body: Record<string, unknown> = { name: bucket };
    if (this.options.location) body['location'] = this.options.location;
    if (this.options.storageClass) body['storageClass'] = this.options.storageClass;
    if (this.options.bucketPolicyOnly) body['iamConfiguration'] = { bucketPolicyOnly: { enabled: true } };
    try {
      await this.api.insertBucket(this.options.projectNumber, body);
    } catch (err) {
      // Made meanwhile by another transfer of ours: fine.
      if (!(err instanceof AlreadyExistsError)) throw err;
    }
    this.knownBuckets.add(bucket);
  }

  /**
   * An object named like a folder's prefix would make the name a file and a
   * directory at once; refused as a filesystem refuses it.
   */
  private async refuseDirectoryName(path: string, loc: StoreLocation): Promise<void> {
    if (await this.hasObjectsBelow(loc)) {
      throw new IsADirectoryError(`${this.name}: ${JSON.stringify(path)} is a directory (objects exist under ${describeStoreLocation(loc)}/); not putting a file of the same name`, {
        hint: 'choose another name for the file, or remove the directory first',
      });
    }
  }

  private async hasObjectsBelow(loc: StoreLocation): Promise<boolean> {
    try {
      const page = await this.api.listObjects(loc.store, { prefix: `${loc.key}/`, maxResults: 1 });
      return (page.items?.length ?? 0) > 0;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  private safeName(stored: string, loc: StoreLocation): string | undefined {
    return listedName(stored, this.options.names, (name, err) =>
      this.logger.notice(`${this.name}: skipping object ${JSON.stringify(name)} under ${describeStoreLocation(loc)}: ${err.message}`));
  }

  private newObjectFields(loc: StoreLocation, options: PutOptions): ObjectFields {
    const fields: ObjectFields = { name: loc.key, contentType: options.mimeType || 'application/octet-stream' };
    fields.metadata = mtimeMetadata(options.modTime ?? this.init.now(), options.modTime === undefined ? 0 : options.modTimeNanos);
    if (this.options.storageClass) fields.storageClass = this.options.storageClass;
    return fields;
  }

  /** A source that states an MD5 the bytes read do not have: refused (the multipart request is then never sent). */
  private checkStatedMd5(options: PutOptions, md5: string, what: string): void {
    const stated = options.hashes?.md5?.toLowerCase();
    if (stated && /^[0-9a-f]{32}$/.test(stated) && stated !== md5) {
      throw new HashMismatchError(`${what}: the source's bytes have MD5 ${md5}, it states ${stated}; not stored`);
    }
  }

  /** The stored object as an Entry, after checking the server kept the bytes that were sent. */
  private storedEntry(path: string, stored: ObjectResource, md5: string, crc32c: string, what: string): Entry {
    if (stored.crc32c && stored.crc32c !== crc32c) {
      throw new HashMismatchError(`${what}: the server stored CRC32C ${stored.crc32c}, the bytes sent have ${crc32c}`);
    }
    const entry = entryFromObject(path, stored);
    if (entry.hashes?.md5 && entry.hashes.md5 !== md5) throw new HashMismatchError(`${what}: the server stored MD5 ${entry.hashes.md5}, the bytes sent have ${md5}`);
    return entry;
  }

  private throwDirNotFound(dir: string, loc: StoreLocation): never {
    throw new NotFoundError(`directory not found: ${this.name}${dir ? ` ${JSON.stringify(dir)}` : ''} (no objects under ${describeStoreLocation(loc)}/)`, { isDir: true });
  }

  /** A NotFound for a missing bucket names the bucket and says how to make it. */
  explainMissing(err: unknown, loc: StoreLocation, isDir: boolean): unknown {
    if (!(err instanceof NotFoundError)) return err;
    const cause = err.cause;
    const bucketGone = cause instanceof HttpFailure && /bucket does not exist/i.test(cause.body);
    if (bucketGone || !loc.key) {
      return new NotFoundError(`${this.name}: bucket ${JSON.stringify(loc.store)} not found at ${this.api.endpoint.origin}`, {
        isDir: true,
        cause: err,
        hint: `create it with "rsyncish mkdir ${this.init.remoteName}:${loc.store}", or check the bucket name`,
      });
    }
    return new NotFoundError(`${this.name}: ${describeStoreLocation(loc)} not found`, { isDir, cause: err });
  }
}
