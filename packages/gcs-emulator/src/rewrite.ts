import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { badRequest, GcsError } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { ObjectFields, StoredObject, Store } from './store.js';

const MiB = 1024 * 1024;

interface RewriteJob {
  src: { bucket: string; name: string; generation: string };
  dst: { bucket: string; name: string };
  fields: ObjectFields;
  blob: string;
  copied: number;
  size: number;
}

export interface RewriteStep {
  totalBytesRewritten: number;
  objectSize: number;
  done: boolean;
  rewriteToken?: string;
  resource?: StoredObject;
}

/**
 * objects.rewrite: a server-side copy that may take several calls. Each call
 * copies at most maxBytesRewrittenPerCall (and at most the emulator's
 * rewriteBytesPerCall) into a new blob and answers a rewriteToken to go on
 * with; the destination appears only with the last call. A source changed
 * meanwhile fails the rewrite, as on GCS.
 */
export class Rewrites {
  private readonly jobs = new Map<string, RewriteJob>();

  constructor(private readonly store: Store, private readonly faults: FaultInjector) {}

  async step(
    src: { bucket: string; name: string },
    dst: { bucket: string; name: string },
    fields: ObjectFields | undefined,
    token: string | undefined,
    maxPerCall: number | undefined,
  ): Promise<RewriteStep> {
    this.faults.stats.rewriteCalls++;
    if (maxPerCall !== undefined && (maxPerCall <= 0 || maxPerCall % MiB !== 0)) {
      throw badRequest('maxBytesRewrittenPerCall must be a positive multiple of 1048576');
    }
    const source = this.store.object(src.bucket, src.name);
    this.store.bucket(dst.bucket);
    let job: RewriteJob;
    if (token) {
      const found = this.jobs.get(token);
      if (!found || found.src.bucket !== src.bucket || found.src.name !== src.name || found.dst.bucket !== dst.bucket || found.dst.name !== dst.name) {
        throw badRequest('Invalid rewrite token.');
      }
      job = found;
      this.jobs.delete(token);
      if (source.generation !== job.src.generation) {
        await this.store.discardBlob(job.blob);
        throw new GcsError(412, 'conditionNotMet', 'The source object changed during the rewrite.');
      }
    } else {
      job = {
        src: { bucket: src.bucket, name: src.name, generation: source.generation },
        dst,
        fields: fields ?? copiedFields(source),
        blob: this.store.newBlobName(),
        copied: 0,
        size: source.size,
      };
    }
    const limits = [maxPerCall, this.faults.settings.rewriteBytesPerCall || undefined].filter((n): n is number => n !== undefined);
    const budget = limits.length ? Math.min(...limits) : Infinity;
    if (job.copied === 0 && budget >= job.size) {
      const clone = await this.store.cloneBlob(source);
      job.blob = clone.blob;
      job.copied = job.size;
    } else {
      const end = Math.min(job.size, job.copied + budget);
      await appendRange(this.store.blobPath(source), this.store.blobPath(job), job.copied, end);
      job.copied = end;
    }
    if (job.copied < job.size) {
      const next = randomBytes(24).toString('base64url');
      this.jobs.set(next, job);
      return { totalBytesRewritten: job.copied, objectSize: job.size, done: false, rewriteToken: next };
    }
    const resource = await this.store.commit(dst.bucket, dst.name, { blob: job.blob, size: source.size, md5Hash: source.md5Hash, crc32c: source.crc32c }, job.fields);
    return { totalBytesRewritten: job.size, objectSize: job.size, done: true, resource };
  }
}

/** What a copy keeps of its source when the request gives no metadata of its own. */
export function copiedFields(o: StoredObject): ObjectFields {
  const { contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, storageClass, metadata } = o;
  return { contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, storageClass, metadata };
}

async function appendRange(from: string, to: string, start: number, end: number): Promise<void> {
  const out = await open(to, 'a');
  try {
    if (end > start) for await (const chunk of createReadStream(from, { start, end: end - 1 })) await out.write(chunk as Buffer);
  } finally {
    await out.close();
  }
}
