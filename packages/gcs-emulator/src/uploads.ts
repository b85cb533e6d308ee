import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, GcsError, notFound, sendJson } from './errors.js';
import type { FaultInjector } from './faults.js';
import { readBody } from './http-io.js';
import { parseRelated } from './multipart-related.js';
import { checkHashes, expectedHashes, fieldsFrom, plainMetadata } from './object-fields.js';
import { objectResource } from './resource.js';
import { BlobHasher, type ObjectFields, type StoredObject, type Store } from './store.js';

/** GCS wants every chunk but the last in multiples of this. */
export const CHUNK_QUANTUM = 256 * 1024;

interface Session {
  bucket: string;
  name: string;
  fields: ObjectFields;
  ifGenerationMatch?: string;
  /** Declared total size, when the client gave X-Upload-Content-Length. */
  total?: number;
  expected: { md5?: string; crc32c?: string };
  blob: string;
  file?: FileHandle;
  hasher: BlobHasher;
  /** The object once the last byte arrived: asked again, the session answers with it. */
  done?: StoredObject;
  /** One chunk at a time, as a client sends them. */
  busy: Promise<void>;
}

/**
 * The upload endpoint (/upload/storage/v1/b/BUCKET/o): uploadType=media and
 * multipart in one request, resumable as a session URI that takes chunks
 * with Content-Range and answers 308 + Range until the last one.
 */
export class Uploads {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly store: Store, private readonly faults: FaultInjector) {}

  async insert(req: IncomingMessage, res: ServerResponse, bucket: string, url: URL, base: string): Promise<void> {
    this.store.bucket(bucket);
    const q = url.searchParams;
    const type = q.get('uploadType') ?? 'media';
    const ifGenerationMatch = q.get('ifGenerationMatch') ?? undefined;
    const contentType = req.headers['content-type'] ?? '';
    const hashHeader = req.headers['x-goog-hash'];
    if (type === 'media') {
      const name = q.get('name');
      if (!name) throw badRequest('Required parameter: name', 'required');
      const written = await this.store.writeBlob(req, this.faults.settings.maxFileSize);
      await this.verified(written, expectedHashes(undefined, hashHeader));
      const o = await this.store.commit(bucket, name, written, { contentType: contentType || undefined, contentEncoding: q.get('contentEncoding') ?? undefined }, ifGenerationMatch);
      sendJson(res, 200, objectResource(o, base));
      return;
    }
    if (type === 'multipart') {
      const parts = parseRelated(contentType, await readBody(req));
      const fields = fieldsFrom(parts.metadata);
      const name = typeof parts.metadata['name'] === 'string' ? parts.metadata['name'] : q.get('name');
      if (!name) throw badRequest('Required parameter: name', 'required');
      if (parts.media.length > this.faults.settings.maxFileSize) throw tooLarge(this.faults.settings.maxFileSize);
      const written = await this.store.writeBlob([parts.media]);
      await this.verified(written, expectedHashes(parts.metadata, hashHeader));
      const o = await this.store.commit(bucket, name, written, { ...fields, metadata: plainMetadata(fields.metadata), contentType: fields.contentType ?? parts.mediaType }, ifGenerationMatch);
      sendJson(res, 200, objectResource(o, base));
      return;
    }
    if (type === 'resumable') {
      const json = (await readBody(req, 1024 * 1024)).toString('utf8');
      let metadata: Record<string, unknown> = {};
      try {
        if (json.trim()) metadata = JSON.parse(json);
      } catch {
        throw badRequest('Parse Error', 'parseError');
      }
      const name = typeof metadata['name'] === 'string' ? metadata['name'] : q.get('name');
      if (!name) throw badRequest('Required parameter: name', 'required');
      const declared = req.headers['x-upload-content-length'];
      const total = declared === undefined ? undefined : Number(declared);
      if (total !== undefined && !(Number.isInteger(total) && total >= 0)) throw badRequest(`Invalid X-Upload-Content-Length: ${String(declared)}`);
      if (total !== undefined && total > this.faults.settings.maxFileSize) throw tooLarge(this.faults.settings.maxFileSize);
      const fields = fieldsFrom(metadata);
      const uploadType = req.headers['x-upload-content-type'];
      const id = `ADPycdu-${randomBytes(18).toString('base64url')}`;
      this.sessions.set(id, {
        bucket,
        name,
        fields: { ...fields, metadata: plainMetadata(fields.metadata), contentType: fields.contentType ?? (typeof uploadType === 'string' ? uploadType : undefined) },
        ifGenerationMatch,
        total,
        expected: expectedHashes(metadata, undefined),
        blob: this.store.newBlobName(),
        hasher: new BlobHasher(),
        busy: Promise.resolve(),
      });
      const location = new URL(`${base}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`);
      location.searchParams.set('uploadType', 'resumable');
      location.searchParams.set('name', name);
      location.searchParams.set('upload_id', id);
      res.writeHead(200, { location: location.toString(), 'x-guploader-uploadid': id, 'content-length': 0 });
      res.end();
      return;
    }
    throw badRequest(`Invalid upload type: ${type}`);
  }

  // PUT to a session URI: one chunk, or a status query (`bytes */TOTAL` with no body).
  async chunk(req: IncomingMessage, res: ServerResponse, id: string, base: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) throw notFound('No such upload session (it was cancelled, or the emulator restarted)');
    const previous = s.busy;
    let release!: () => void;
    s.busy = new Promise((r) => (release = r));
    await previous;
    try {
      await this.takeChunk(s, req, res, base);
    } finally {
      release();
    }
  }

  async cancel(res: ServerResponse, id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) throw notFound('No such upload session');
    this.sessions.delete(id);
    await s.file?.close();
    if (!s.done) await this.store.discardBlob(s.blob);
    // 499 Client Closed Request: what GCS answers a cancelled session.
    res.writeHead(499, { 'content-length': 0 });
    res.end();
  }

  private async takeChunk(s: Session, req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
    if (s.done) {
      req.resume();
      sendJson(res, 200, objectResource(s.done, base));
      return;
    }
    const range = parseContentRange(req.headers['content-range']);
    if (range.total !== undefined) {
      if (s.total !== undefined && s.total !== range.total) throw badRequest(`Content-Range total ${range.total} is not the declared ${s.total}`);
      if (range.total > this.faults.settings.maxFileSize) throw tooLarge(this.faults.settings.maxFileSize);
      s.total = range.total;
    }
    const received = s.hasher.size;
    if (range.start !== undefined) {
      if (range.start > received) throw new GcsError(400, 'invalid', `Invalid request. Chunk starts at ${range.start} but ${received} bytes were persisted`);
      const fails = this.faults.chunkFails();
      // Bytes the server has already are dropped; only what follows is appended.
      const skip = received - range.start;
      const length = range.end! - range.start + 1;
      const keep = fails ? Math.max(0, Math.floor((length - skip) / 2 / CHUNK_QUANTUM) * CHUNK_QUANTUM) : Infinity;
      s.file ??= await open(this.store.blobPath(s), 'a');
      let seen = 0;
      let kept = 0;
      for await (const c of req) {
        const chunk = c as Buffer;
        const from = Math.max(0, skip - seen);
        seen += chunk.length;
        if (from >= chunk.length) continue;
        const part = chunk.subarray(from, from + Math.max(0, keep - kept));
        if (part.length === 0) continue;
        kept += part.length;
        s.hasher.update(part);
        await s.file.write(part);
      }
      if (seen !== length) throw badRequest(`Chunk has ${seen} bytes, Content-Range says ${length}`);
      if (fails) throw new GcsError(503, 'backendError', 'Backend Error (injected: part of the chunk was kept)');
    } else {
      req.resume();
    }
    if (s.total !== undefined && s.hasher.size === s.total) {
      await this.finish(s, expectedHashes(undefined, req.headers['x-goog-hash']));
      sendJson(res, 200, objectResource(s.done!, base));
      return;
    }
    const headers: Record<string, string | number> = { 'content-length': 0 };
    if (s.hasher.size > 0) headers['range'] = `bytes=0-${s.hasher.size - 1}`;
    // A client that asks for no 308 (Go's, via a proxy that would eat it) gets 200 saying 308 in a header.
    if (req.headers['x-guploader-no-308'] === 'yes') {
      headers['x-http-status-code-override'] = '308';
      res.writeHead(200, headers);
    } else {
      res.writeHead(308, headers);
    }
    res.end();
  }

  private async finish(s: Session, finalHashes: { md5?: string; crc32c?: string }): Promise<void> {
    // An empty upload never opened its file.
    s.file ??= await open(this.store.blobPath(s), 'a');
    await s.file.close();
    s.file = undefined;
    const written = { blob: s.blob, ...s.hasher.digests() };
    try {
      await this.verified(written, { ...s.expected, ...finalHashes });
    } catch (err) {
      // A session whose bytes are wrong is over: nothing is kept.
      for (const [id, v] of this.sessions) if (v === s) this.sessions.delete(id);
      throw err;
    }
    s.done = await this.store.commit(s.bucket, s.name, written, s.fields, s.ifGenerationMatch);
  }

  private async verified(written: { blob: string; md5Hash: string; crc32c: string }, expected: { md5?: string; crc32c?: string }): Promise<void> {
    try {
      checkHashes(expected, written);
    } catch (err) {
      await this.store.discardBlob(written.blob);
      throw err;
    }
  }
}

/** `bytes A-B/T`, `bytes A-B/*`, `bytes *\/T` or `bytes *\/*`. */
export function parseContentRange(header: string | undefined): { start?: number; end?: number; total?: number } {
  if (header === undefined) return {};
  const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(header.trim());
  if (!m) throw badRequest(`Invalid Content-Range: ${header}`);
  const out: { start?: number; end?: number; total?: number } = {};
  if (m[1] !== undefined) {
    out.start = Number(m[1]);
    out.end = Number(m[2]);
    if (out.end < out.start) throw badRequest(`Invalid Content-Range: ${header}`);
  }
  if (m[3] !== '*') out.total = Number(m[3]);
  return out;
}

function tooLarge(limit: number): GcsError {
  return new GcsError(413, 'uploadTooLarge', `Upload larger than the maximum object size (${limit} bytes)`);
}
