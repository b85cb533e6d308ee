import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { crc32cBase64, crc32cUpdate } from './crc32c.js';
import { badRequest, GcsError, notFound } from './errors.js';

export interface StoredBucket {
  name: string;
  projectNumber: string;
  location: string;
  storageClass: string;
  timeCreated: string;
  updated: string;
  metageneration: number;
}

/** The object fields a client may set on upload, copy and patch. */
export interface ObjectFields {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  storageClass?: string;
  metadata?: Record<string, string>;
}

export interface StoredObject extends ObjectFields {
  bucket: string;
  name: string;
  generation: string;
  metageneration: number;
  size: number;
  md5Hash: string;
  crc32c: string;
  timeCreated: string;
  updated: string;
  /** File name of the content in the blob folder. */
  blob: string;
}

/** Content written to a temp file, with what GCS computes of it. */
export interface WrittenBlob {
  blob: string;
  size: number;
  md5Hash: string;
  crc32c: string;
}

interface SavedState {
  format: 1;
  buckets: StoredBucket[];
  objects: StoredObject[];
}

/**
 * Buckets and objects: metadata in memory (saved whole to state.json after
 * each change when the data folder is kept), content one file per object
 * generation. A new generation is written to its own file first and only then
 * replaces the old one, so a failed upload leaves the previous object.
 */
export class Store {
  private readonly buckets = new Map<string, StoredBucket>();
  private readonly objects = new Map<string, Map<string, StoredObject>>();
  private lastGeneration = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly dataDir: string, private readonly persist: boolean) {}

  get blobDir(): string {
    return join(this.dataDir, 'blobs');
  }

  async open(): Promise<void> {
    await mkdir(this.blobDir, { recursive: true });
    if (!this.persist) return;
    let text: string;
    try {
      text = await readFile(join(this.dataDir, 'state.json'), 'utf8');
    } catch {
      return;
    }
    const state = JSON.parse(text) as SavedState;
    for (const b of state.buckets) {
      this.buckets.set(b.name, b);
      this.objects.set(b.name, new Map());
    }
    for (const o of state.objects) {
      this.objects.get(o.bucket)?.set(o.name, o);
      this.lastGeneration = Math.max(this.lastGeneration, Number(o.generation));
    }
  }

  /** Saved in order, each save the whole state, written aside and renamed into place. */
  private save(): Promise<void> {
    if (!this.persist) return Promise.resolve();
    const state: SavedState = { format: 1, buckets: [...this.buckets.values()], objects: [...this.objects.values()].flatMap((m) => [...m.values()]) };
    const text = JSON.stringify(state);
    this.saving = this.saving.then(async () => {
      const temp = join(this.dataDir, 'state.json.tmp');
      await writeFile(temp, text);
      await rename(temp, join(this.dataDir, 'state.json'));
    });
    return this.saving;
  }

  async flush(): Promise<void> {
    await this.saving;
  }

  listBuckets(): StoredBucket[] {
    return [...this.buckets.values()].sort((a, b) => compareNames(a.name, b.name));
  }

  bucket(name: string): StoredBucket {
    const b = this.buckets.get(name);
    if (!b) throw notFound(`The specified bucket does not exist.`);
    return b;
  }

  async insertBucket(init: { name: string; projectNumber: string; location?: string; storageClass?: string }): Promise<StoredBucket> {
    if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(init.name)) badRequestThrow(`Invalid bucket name: '${init.name}'`);
    if (this.buckets.has(init.name)) {
      throw new GcsError(409, 'conflict', 'Your previous request to create the named bucket succeeded and you already own it.');
    }
    const now = new Date().toISOString();
    const bucket: StoredBucket = {
      name: init.name,
      projectNumber: init.projectNumber,
      location: (init.location || 'US').toUpperCase(),
      storageClass: init.storageClass || 'STANDARD',
      timeCreated: now,
      updated: now,
      metageneration: 1,
    };
    this.buckets.set(bucket.name, bucket);
    this.objects.set(bucket.name, new Map());
    await this.save();
    return bucket;
  }

  async deleteBucket(name: string): Promise<void> {
    this.bucket(name);
    if (this.objects.get(name)!.size > 0) throw new GcsError(409, 'conflict', 'The bucket you tried to delete is not empty.');
    this.buckets.delete(name);
    this.objects.delete(name);
    await this.save();
  }

  /** Every object of the bucket whose name starts with `prefix`, in name order. */
  objectsOf(bucket: string, prefix: string): StoredObject[] {
    this.bucket(bucket);
    const out: StoredObject[] = [];
    for (const o of this.objects.get(bucket)!.values()) if (o.name.startsWith(prefix)) out.push(o);
    return out.sort((a, b) => compareNames(a.name, b.name));
  }

  object(bucket: string, name: string): StoredObject {
    this.bucket(bucket);
    const o = this.objects.get(bucket)!.get(name);
    if (!o) throw notFound(`No such object: ${bucket}/${name}`);
    return o;
  }

  findObject(bucket: string, name: string): StoredObject | undefined {
    return this.objects.get(bucket)?.get(name);
  }

  blobPath(o: { blob: string }): string {
    return join(this.blobDir, o.blob);
  }

  contentOf(o: StoredObject, start = 0, end = o.size - 1): Readable {
    return createReadStream(this.blobPath(o), { start, end });
  }

  /** A fresh blob file name; the caller writes it and commits or discards it. */
  newBlobName(): string {
    return `${Date.now().toString(36)}-${randomBytes(8).toString('hex')}`;
  }

  /** Write a stream to a new blob, hashing it on the way; limit refuses a bigger body before it is kept. */
  async writeBlob(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limit = Infinity): Promise<WrittenBlob> {
    const blob = this.newBlobName();
    const hasher = new BlobHasher();
    const out = createWriteStream(join(this.blobDir, blob));
    try {
      for await (const chunk of body) {
        hasher.update(chunk);
        if (hasher.size > limit) throw new GcsError(413, 'uploadTooLarge', `Upload larger than the maximum object size (${limit} bytes)`);
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      out.destroy();
      await rm(join(this.blobDir, blob), { force: true });
      throw err;
    }
    return { blob, ...hasher.digests() };
  }

  async discardBlob(blob: string): Promise<void> {
    await rm(join(this.blobDir, blob), { force: true });
  }

  /**
   * Make `written` the object's new generation, replacing any previous one.
   * `ifGenerationMatch` as GCS's precondition ('0': only if absent).
   */
  async commit(bucket: string, name: string, written: WrittenBlob, fields: ObjectFields, ifGenerationMatch?: string): Promise<StoredObject> {
    this.bucket(bucket);
    validateName(name);
    const old = this.objects.get(bucket)!.get(name);
    if (ifGenerationMatch !== undefined && ifGenerationMatch !== (old?.generation ?? '0')) {
      await this.discardBlob(written.blob);
      throw new GcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
    }
    const now = new Date().toISOString();
    const object: StoredObject = {
      bucket,
      name,
      generation: this.nextGeneration(),
      metageneration: 1,
      size: written.size,
      md5Hash: written.md5Hash,
      crc32c: written.crc32c,
      timeCreated: now,
      updated: now,
      blob: written.blob,
      contentType: fields.contentType || 'application/octet-stream',
      storageClass: fields.storageClass || this.bucket(bucket).storageClass,
      ...definedFields(fields, ['contentEncoding', 'contentDisposition', 'contentLanguage', 'cacheControl']),
    };
    if (fields.metadata && Object.keys(fields.metadata).length > 0) object.metadata = { ...fields.metadata };
    this.objects.get(bucket)!.set(name, object);
    await this.save();
    if (old) await this.discardBlob(old.blob);
    return object;
  }

  /** A copy of the content as a new blob (a file copy: the data never passes through memory). */
  async cloneBlob(o: StoredObject): Promise<WrittenBlob> {
    const blob = this.newBlobName();
    await copyFile(this.blobPath(o), join(this.blobDir, blob));
    return { blob, size: o.size, md5Hash: o.md5Hash, crc32c: o.crc32c };
  }

  async patch(bucket: string, name: string, patch: Omit<ObjectFields, 'metadata'> & { metadata?: Record<string, string | null> | null }): Promise<StoredObject> {
    const o = this.object(bucket, name);
    const { metadata: _ignored, ...textFields } = patch;
    const next: StoredObject = { ...o, ...definedFields(textFields, ['contentType', 'contentEncoding', 'contentDisposition', 'contentLanguage', 'cacheControl']) };
    if (patch.metadata !== undefined) {
      const meta: Record<string, string> = { ...o.metadata };
      if (patch.metadata === null) for (const k of Object.keys(meta)) delete meta[k];
      else for (const [k, v] of Object.entries(patch.metadata)) if (v === null) delete meta[k]; else meta[k] = String(v);
      next.metadata = meta;
    }
    next.metageneration = o.metageneration + 1;
    next.updated = new Date().toISOString();
    this.objects.get(bucket)!.set(name, next);
    await this.save();
    return next;
  }

  async deleteObject(bucket: string, name: string): Promise<void> {
    const o = this.object(bucket, name);
    this.objects.get(bucket)!.delete(name);
    await this.save();
    await this.discardBlob(o.blob);
  }

  private nextGeneration(): string {
    // Microseconds since the epoch, as GCS's generations look, and always increasing.
    this.lastGeneration = Math.max(this.lastGeneration + 1, Date.now() * 1000);
    return String(this.lastGeneration);
  }
}

/** MD5 and CRC32C of bytes as they pass, as GCS reports them (base64). */
export class BlobHasher {
  private readonly md5 = createHash('md5');
  private crc = 0;
  size = 0;

  update(chunk: Uint8Array): void {
    this.md5.update(chunk);
    this.crc = crc32cUpdate(this.crc, chunk);
    this.size += chunk.length;
  }

  digests(): { size: number; md5Hash: string; crc32c: string } {
    return { size: this.size, md5Hash: this.md5.digest('base64'), crc32c: crc32cBase64(this.crc) };
  }
}

/** GCS orders names by their UTF-8 bytes. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function validateName(name: string): void {
  if (name === '' || Buffer.byteLength(name) > 1024) badRequestThrow('The object name is empty or longer than 1024 bytes.');
  if (name === '.' || name === '..' || /[\r\n]/.test(name)) badRequestThrow(`Invalid object name: ${JSON.stringify(name)}`);
}

function badRequestThrow(message: string): never {
  throw badRequest(message);
}

function definedFields<T extends object>(from: T, keys: (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (from[k] !== undefined && from[k] !== null) out[k] = from[k];
  return out;
}
