import { pipeline, Readable, Transform } from 'node:stream';
import {
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
import { swiftCapabilities } from './capabilities.js';
import { DirectoryNotEmptyError } from '@rsyncish/core';
import { deleteSegments, segmentsContainer, uploadSegments } from './large-object.js';
import { listContainerPages, listContainers } from './list-container.js';
import { mapLimit } from '@rsyncish/core';
import { listedName, recursiveEntries, unlessGone } from '@rsyncish/object-store';
import { formatMtime, META_MTIME } from './metadata.js';
import { entryFromHead, md5Of, readHead, type ObjectHead } from './object-head.js';
import type { SwiftOptions } from './options.js';
import { describe, locate, type Location } from './paths.js';
import { SegmentSource } from './segment-source.js';
import { encodeSegment, type SwiftClient } from './swift-client.js';

export interface SwiftBackendInit {
  name: string;
  remoteName: string;
  root: string;
  options: SwiftOptions;
  client: SwiftClient;
  logger: Logger;
  now: () => number;
}

/** HEADs in flight per listed page: each file's mtime lives in its metadata. */
const HEAD_CONCURRENCY = 8;

/**
 * OpenStack Swift as a Backend: the first path segment is the container,
 * folders are pseudo-folders of a delimiter listing, large files are Dynamic
 * Large Objects whose segments live in `<container>_segments`, as rclone makes them.
 */
export class SwiftBackend implements Backend {
  readonly capabilities: Capabilities;
  readonly name: string;
  private readonly client: SwiftClient;
  private readonly options: SwiftOptions;
  private readonly logger: Logger;
  private readonly knownContainers = new Set<string>();

  constructor(private readonly init: SwiftBackendInit) {
    this.name = init.name;
    this.client = init.client;
    this.options = init.options;
    this.logger = init.logger;
    this.capabilities = { ...swiftCapabilities(), nameEncoding: this.options.names.text };
  }

  async *list(dir: string): AsyncIterable<Entry> {
    const loc = locate(this.init.root, dir, this.options.names);
    if (!loc.container) {
      for await (const c of listContainers(this.client, this.options.listChunk)) {
        const name = this.safeName(c.name, loc);
        if (name !== undefined) yield { path: joinPath(dir, name), kind: 'dir', size: c.bytes };
      }
      return;
    }
    const prefix = loc.object ? `${loc.object}/` : '';
    let seen = false;
    try {
      for await (const page of listContainerPages(this.client, { container: loc.container, prefix, delimiter: '/', pageSize: this.options.listChunk })) {
        // Kept in the server's (name) order; files need a HEAD each for their mtime.
        const rows: ({ dir: Entry } | { path: string; object: string })[] = [];
        for (const row of page) {
          seen = true;
          if (row.subdir !== undefined) {
            const name = this.safeName(row.subdir.slice(prefix.length).replace(/\/$/, ''), loc);
            if (name !== undefined) rows.push({ dir: { path: joinPath(dir, name), kind: 'dir', size: -1 } });
          } else if (row.name !== undefined && row.name !== prefix && !row.name.endsWith('/')) {
            const name = this.safeName(row.name.slice(prefix.length), loc);
            if (name !== undefined) rows.push({ path: joinPath(dir, name), object: row.name });
          }
        }
        const entries = await mapLimit(rows, HEAD_CONCURRENCY, async (r) =>
          ('dir' in r ? r.dir : unlessGone(this.head({ container: loc.container, object: r.object }).then((head) => entryFromHead(r.path, head)))));
        for (const e of entries) if (e) yield e;
      }
    } catch (err) {
      throw await this.explainMissing(err, loc, true);
    }
    if (!seen && loc.object) {
      throw new NotFoundError(`directory not found: ${this.name}${dir ? ` ${JSON.stringify(dir)}` : ''} (no objects under ${describe(loc)}/)`, { isDir: true });
    }
  }

  /** Every object below `dir` in pages of a listing without delimiter (rclone's ListR); at the root, container by container. */
  async *listRecursive(dir: string, options: { signal?: AbortSignal } = {}): AsyncIterable<Entry> {
    const loc = locate(this.init.root, dir, this.options.names);
    if (!loc.container) {
      for await (const container of this.list(dir)) {
        yield container;
        yield* this.listRecursive(container.path, options);
      }
      return;
    }
    const prefix = loc.object ? `${loc.object}/` : '';
    const seen = { any: false };
    try {
      const pages = listContainerPages(this.client, { container: loc.container, prefix, delimiter: '', pageSize: this.options.listChunk, signal: options.signal });
      yield* recursiveEntries(pages, {
        prefix,
        dir,
        keyOf: (row) => row.name ?? '',
        name: (stored) => this.safeName(stored, loc),
        file: (row, path) => unlessGone(this.head({ container: loc.container, object: row.name! }).then((head) => entryFromHead(path, head))),
        concurrency: HEAD_CONCURRENCY,
      }, seen);
    } catch (err) {
      throw await this.explainMissing(err, loc, true);
    }
    if (!seen.any && loc.object) {
      throw new NotFoundError(`directory not found: ${this.name}${dir ? ` ${JSON.stringify(dir)}` : ''} (no objects under ${describe(loc)}/)`, { isDir: true });
    }
  }

  async stat(path: string): Promise<Entry> {
    const loc = locate(this.init.root, path, this.options.names);
    if (!loc.container) return { path, kind: 'dir', size: -1 };
    if (!loc.object) {
      await this.headContainer(loc.container);
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
      return (await this.client.call({ method: 'GET', container: loc.container, object: loc.object, headers, signal: options.signal })).body;
    } catch (err) {
      if (range && err instanceof FatalBackendError && err.cause instanceof HttpFailure && err.cause.status === 416) return Readable.from([]);
      throw await this.explainMissing(err, loc, false);
    }
  }

  async put(path: string, content: Readable, options: PutOptions): Promise<Entry> {
    const onAbort = () => content.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('upload aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const loc = this.fileLocation(path);
      await this.ensureContainer(loc.container);
      // An overwritten large object leaves its old segments behind unless we remove them.
      const [previous, isDirectory] = await Promise.all([this.head(loc).catch(() => undefined), this.hasObjectsBelow(loc)]);
      // A file of a folder's name would hide the folder's objects behind it (stat gives the file).
      if (isDirectory) {
        throw new IsADirectoryError(`${this.name}: ${JSON.stringify(path)} is a directory (objects exist under it); not putting a file of the same name`, {
          hint: 'choose another name for the file, or remove the directory first',
        });
      }
      const headers: Record<string, string> = { 'content-type': options.mimeType || 'application/octet-stream' };
      if (options.modTime !== undefined) headers[META_MTIME] = formatMtime(options.modTime, options.modTimeNanos);
      const segmented = !this.options.noChunk && (options.size < 0 || options.size > this.options.chunkSize);
      let entry: Entry;
      if (segmented) {
        await this.ensureContainer(segmentsContainer(loc.container));
        const size = await uploadSegments({
          client: this.client,
          container: loc.container,
          object: loc.object,
          headers,
          chunkSize: this.options.chunkSize,
          size: options.size,
          source: new SegmentSource(content),
          now: this.init.now,
          logger: this.logger,
          signal: options.signal,
        });
        entry = { path, kind: 'file', size };
      } else {
        let sent = 0;
        // Counted in a transform: a 'data' listener would start the flow before the request reads it.
        const body = options.size >= 0 ? content : pipeline(content, new Transform({
          transform(chunk: Buffer, _enc, done) {
            sent += chunk.length;
            done(null, chunk);
          },
        }), () => {});
        const res = await this.client.pacer.callNoRetry(() =>
          this.client.send({
            method: 'PUT',
            container: loc.container,
            object: loc.object,
            headers,
            body,
            contentLength: options.size >= 0 ? options.size : undefined,
            signal: options.signal,
          }));
        res.body.resume();
        entry = { path, kind: 'file', size: options.size >= 0 ? options.size : sent };
        const md5 = md5Of({ etag: res.header('etag'), size: entry.size, slo: false, meta: {} });
        if (md5) entry.hashes = { md5 };
      }
      if (previous?.manifest) await deleteSegments(this.client, previous.manifest, this.logger);
      entry.modTime = options.modTime ?? this.init.now();
      if (options.modTime !== undefined && options.modTimeNanos) entry.modTimeNanos = options.modTimeNanos;
      if (options.mimeType) entry.mimeType = options.mimeType;
      return entry;
    } catch (err) {
      content.destroy();
      throw err;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async delete(path: string): Promise<void> {
    const loc = this.fileLocation(path);
    const head = await this.head(loc).catch(async (err: unknown) => {
      throw await this.explainMissing(err, loc, false);
    });
    try {
      (await this.client.call({ method: 'DELETE', container: loc.container, object: loc.object })).body.resume();
    } catch (err) {
      throw await this.explainMissing(err, loc, false);
    }
    if (head.manifest) await deleteSegments(this.client, head.manifest, this.logger);
  }

  async mkdir(path: string): Promise<void> {
    const loc = locate(this.init.root, path, this.options.names);
    if (loc.container) await this.ensureContainer(loc.container);
  }

  async rmdir(path: string): Promise<void> {
    const loc = locate(this.init.root, path, this.options.names);
    if (!loc.container) throw new FatalBackendError(`${this.name}: cannot remove the root of a swift remote`, { hint: 'name a container to remove' });
    if (!loc.object) {
      try {
        (await this.client.call({ method: 'DELETE', container: loc.container })).body.resume();
      } catch (err) {
        if (err instanceof Error && err.cause instanceof HttpFailure && err.cause.status === 409) {
          throw new DirectoryNotEmptyError(`${this.name}: container ${JSON.stringify(loc.container)} is not empty`, { cause: err });
        }
        throw await this.explainMissing(err, loc, true);
      }
      this.knownContainers.delete(loc.container);
      return;
    }
    // Pseudo-folders exist only through their objects: one with none is already gone.
    const marker = `${loc.object}/`;
    let hasMarker = false;
    try {
      for await (const page of listContainerPages(this.client, { container: loc.container, prefix: marker, delimiter: '', pageSize: 2 })) {
        for (const o of page) {
          if (o.name !== marker) throw new DirectoryNotEmptyError(`${this.name}: directory ${JSON.stringify(path)} is not empty`);
          hasMarker = true;
        }
        break;
      }
    } catch (err) {
      throw await this.explainMissing(err, loc, true);
    }
    if (hasMarker) (await this.client.call({ method: 'DELETE', container: loc.container, object: marker, expect: [204, 404] })).body.resume();
  }

  async setModTime(path: string, modTime: number, modTimeNanos = 0): Promise<void> {
    const loc = this.fileLocation(path);
    const head = await this.head(loc).catch(async (err: unknown) => {
      throw await this.explainMissing(err, loc, false);
    });
    // POST replaces all metadata: send back what is there, and the manifest, or a large object would lose it.
    const headers: Record<string, string> = { ...head.meta, [META_MTIME]: formatMtime(modTime, modTimeNanos) };
    if (head.contentType) headers['content-type'] = head.contentType;
    if (head.manifest) headers['x-object-manifest'] = head.manifest;
    (await this.client.call({ method: 'POST', container: loc.container, object: loc.object, headers })).body.resume();
  }

  async hash(path: string, type: HashType): Promise<string | undefined> {
    if (type !== 'md5') return undefined;
    return (await this.stat(path)).hashes?.md5;
  }

  /**
   * Server-side copy (PUT with X-Copy-From) of an object of this remote;
   * another remote can't, and the engine streams. Refused before anything is
   * written when the source's size is not the one listed, or the target is a
   * directory.
   */
  async copyFrom(src: Backend, srcPath: string, dstPath: string, options: { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal }): Promise<Entry | undefined> {
    if (src !== this) return undefined;
    options.signal?.throwIfAborted();
    const from = this.fileLocation(srcPath);
    const to = this.fileLocation(dstPath);
    const head = await this.head(from).catch(async (err: unknown) => {
      throw await this.explainMissing(err, from, false);
    });
    if (options.size >= 0 && head.size !== options.size) {
      throw new RetryableError(`${this.name}: ${JSON.stringify(srcPath)} is ${head.size} bytes, listed as ${options.size}; not copied`);
    }
    await this.ensureContainer(to.container);
    if (await this.hasObjectsBelow(to)) {
      throw new IsADirectoryError(`${this.name}: ${JSON.stringify(dstPath)} is a directory (objects exist under it); not copying a file of the same name`, {
        hint: 'choose another name for the file, or remove the directory first',
      });
    }
    const source = `/${encodeSegment(from.container)}/${from.object.split('/').map(encodeSegment).join('/')}`;
    const headers: Record<string, string> = { 'x-copy-from': source, 'content-length': '0' };
    if (options.modTime !== undefined) headers[META_MTIME] = formatMtime(options.modTime, options.modTimeNanos);
    const res = await this.client.call({ method: 'PUT', container: to.container, object: to.object, headers, body: Buffer.alloc(0) });
    res.body.resume();
    return this.stat(dstPath);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private fileLocation(path: string): Location {
    const loc = locate(this.init.root, path, this.options.names);
    if (!loc.object) {
      throw new FatalBackendError(`${this.name}: ${JSON.stringify(path)} is ${loc.container ? `the container ${JSON.stringify(loc.container)}` : 'the root'}, not a file`, {
        hint: 'files live inside a container: remote:container/path/to/file',
      });
    }
    return loc;
  }

  private async head(loc: Location): Promise<ObjectHead> {
    const res = await this.client.call({ method: 'HEAD', container: loc.container, object: loc.object });
    res.body.resume();
    return readHead(res);
  }

  private async headContainer(container: string): Promise<void> {
    try {
      (await this.client.call({ method: 'HEAD', container })).body.resume();
    } catch (err) {
      throw await this.explainMissing(err, { container, object: '' }, true);
    }
    this.knownContainers.add(container);
  }

  /** PUT of a container is idempotent; done once per container and backend. */
  private async ensureContainer(container: string): Promise<void> {
    if (this.knownContainers.has(container)) return;
    (await this.client.call({ method: 'PUT', container, headers: { 'content-length': '0' }, body: Buffer.alloc(0) })).body.resume();
    this.knownContainers.add(container);
  }

  private async hasObjectsBelow(loc: Location): Promise<boolean> {
    try {
      for await (const page of listContainerPages(this.client, { container: loc.container, prefix: `${loc.object}/`, delimiter: '/', pageSize: 1 })) {
        return page.length > 0;
      }
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
    return false;
  }

  /** The engine's name for one listed name, or undefined (logged) for one that cannot be a name. */
  private safeName(stored: string, loc: Location): string | undefined {
    return listedName(stored, this.options.names, (name, err) =>
      this.logger.notice(`${this.name}: skipping ${JSON.stringify(name)} under ${describe(loc)}: ${err.message}`));
  }

  /** A NotFound whose container is missing names the container and says how to make it. */
  private async explainMissing(err: unknown, loc: Location, isDir: boolean): Promise<unknown> {
    if (!(err instanceof NotFoundError)) return err;
    if (!loc.object || (await this.containerMissing(loc.container))) {
      return new NotFoundError(`${this.name}: container ${JSON.stringify(loc.container)} not found at ${await this.client.origin()}`, {
        isDir: true,
        cause: err,
        hint: `create it with "rsyncish mkdir ${this.init.remoteName}:${loc.container}", or check the container name`,
      });
    }
    return new NotFoundError(`${this.name}: ${describe(loc)} not found`, { isDir, cause: err });
  }

  private async containerMissing(container: string): Promise<boolean> {
    return this.client.call({ method: 'HEAD', container }).then((res) => (res.body.resume(), false), (e: unknown) => e instanceof NotFoundError);
  }
}
