import { discard, readText, type HttpClient, type HttpResponse, type Pacer } from '@rsyncish/core';
import type { BucketsPage, ObjectFields, ObjectResource, ObjectsPage, RewriteResponse } from './types.js';

export interface ObjectRef {
  bucket: string;
  name: string;
}

/** What a resumable session has after one request: the stored object, or how many bytes it persisted. */
export type ChunkResult = { done: ObjectResource } | { persisted: number };

/**
 * The JSON API calls the backend makes, each paced and retried where
 * repeating it is safe. Paths are built from the endpoint (…/storage/v1/);
 * uploads go to /upload/storage/v1/ on the same host, as Google's clients
 * derive it.
 */
export class GcsApi {
  readonly uploadBase: URL;

  constructor(readonly http: HttpClient, readonly pacer: Pacer, readonly endpoint: URL, private readonly acl: { object?: string; bucket?: string }) {
    this.uploadBase = new URL(endpoint.pathname.replace(/storage\/v1\/$/, 'upload/storage/v1/'), endpoint);
    if (this.uploadBase.pathname === endpoint.pathname) this.uploadBase = new URL('/upload/storage/v1/', endpoint);
  }

  private url(path: string, base = this.endpoint): URL {
    return new URL(path, base);
  }

  async listObjects(bucket: string, q: { prefix: string; delimiter?: string; pageToken?: string; maxResults?: number }, signal?: AbortSignal): Promise<ObjectsPage> {
    return this.pacer.call(() => this.http.json<ObjectsPage>({
      method: 'GET',
      url: this.url(`b/${enc(bucket)}/o`),
      query: { prefix: q.prefix || undefined, delimiter: q.delimiter || undefined, pageToken: q.pageToken, maxResults: q.maxResults ?? 1000 },
      signal,
    }), 'list');
  }

  async getObject(ref: ObjectRef): Promise<ObjectResource> {
    return this.pacer.call(() => this.http.json<ObjectResource>({ method: 'GET', url: this.objectUrl(ref) }), 'stat');
  }

  /**
   * The content, or one range of it: `range` as the HTTP header value.
   * Accept-Encoding gzip, as rclone sends it: an object stored gzipped comes
   * as stored, not decompressed by the server to another size than listed.
   */
  async download(ref: ObjectRef, range: string | undefined, signal?: AbortSignal): Promise<HttpResponse> {
    return this.pacer.call(() => this.http.request({
      method: 'GET',
      url: this.objectUrl(ref),
      query: { alt: 'media' },
      headers: range ? { range, 'accept-encoding': 'gzip' } : { 'accept-encoding': 'gzip' },
      signal,
    }), 'download');
  }

  async deleteObject(ref: ObjectRef): Promise<void> {
    await this.pacer.call(async () => discard((await this.http.request({ method: 'DELETE', url: this.objectUrl(ref) })).body), 'delete');
  }

  /** One request with the metadata and the whole content (uploadType=multipart); GCS checks the hashes in `fields`. */
  async insertMultipart(bucket: string, fields: ObjectFields, content: Buffer, signal?: AbortSignal): Promise<ObjectResource> {
    const boundary = `rsyncish-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    const head = Buffer.from(
      `--${boundary}\r\ncontent-type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(fields)}\r\n` +
      `--${boundary}\r\ncontent-type: ${fields.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    );
    const body = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return this.pacer.call(() => this.http.json<ObjectResource>({
      method: 'POST',
      url: this.url(`b/${enc(bucket)}/o`, this.uploadBase),
      query: { uploadType: 'multipart', ...this.objectAclQuery() },
      headers: { 'content-type': `multipart/related; boundary=${boundary}` },
      body,
      signal,
    }), 'upload');
  }

  /** Start a resumable upload; the session URI takes the chunks. */
  async startResumable(bucket: string, fields: ObjectFields, size: number, signal?: AbortSignal): Promise<string> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    if (size >= 0) headers['x-upload-content-length'] = String(size);
    if (fields.contentType) headers['x-upload-content-type'] = fields.contentType;
    return this.pacer.call(async () => {
      const res = await this.http.request({
        method: 'POST',
        url: this.url(`b/${enc(bucket)}/o`, this.uploadBase),
        query: { uploadType: 'resumable', ...this.objectAclQuery() },
        headers,
        body: JSON.stringify(fields),
        signal,
      });
      discard(res.body);
      const location = res.header('location');
      if (!location) throw new Error('resumable upload started without a session URI (no Location header)');
      return location;
    }, 'upload start');
  }

  /**
   * Send bytes `start`.. of a session (`total` -1 while unknown); `hashes` go
   * with the last chunk as X-Goog-Hash so GCS refuses a wrong object. Not
   * retried here: the caller asks the session what it kept and resends from there.
   */
  async putChunk(session: string, data: Buffer, start: number, total: number, hashes?: string, signal?: AbortSignal): Promise<ChunkResult> {
    const headers: Record<string, string> = {
      'content-range': data.length === 0 ? `bytes */${total < 0 ? '*' : total}` : `bytes ${start}-${start + data.length - 1}/${total < 0 ? '*' : total}`,
    };
    if (hashes) headers['x-goog-hash'] = hashes;
    return this.chunkResult(await this.http.request({ method: 'PUT', url: session, headers, body: data, expect: [200, 201, 308], signal }));
  }

  // How much of a session the server has: `bytes */TOTAL` with no body.
  async querySession(session: string, total: number, signal?: AbortSignal): Promise<ChunkResult> {
    return this.pacer.call(async () => this.chunkResult(await this.http.request({
      method: 'PUT',
      url: session,
      headers: { 'content-range': `bytes */${total < 0 ? '*' : total}` },
      body: '',
      expect: [200, 201, 308],
      signal,
    })), 'upload status');
  }

  /** Give up a session: the server drops what it kept. Failures are ignored (an abandoned session expires anyway). */
  async cancelSession(session: string): Promise<void> {
    try {
      const res = await this.http.request({ method: 'DELETE', url: session, expect: [204, 499, 404, 410] });
      discard(res.body);
    } catch {
      // nothing to keep: GCS removes unfinished sessions after a week
    }
  }

  private async chunkResult(res: HttpResponse): Promise<ChunkResult> {
    if (res.status === 308) {
      discard(res.body);
      const m = /^bytes=0-(\d+)$/.exec(res.header('range') ?? '');
      return { persisted: m ? Number(m[1]) + 1 : 0 };
    }
    return { done: JSON.parse(await readText(res.body)) as ObjectResource };
  }

  /** One call of objects.rewrite; the caller loops on rewriteToken until done. */
  async rewrite(src: ObjectRef, dst: ObjectRef, fields: ObjectFields | undefined, token: string | undefined, maxBytesPerCall: number | undefined, signal?: AbortSignal): Promise<RewriteResponse> {
    return this.pacer.call(() => this.http.json<RewriteResponse>({
      method: 'POST',
      url: this.url(`b/${enc(src.bucket)}/o/${enc(src.name)}/rewriteTo/b/${enc(dst.bucket)}/o/${enc(dst.name)}`),
      query: { rewriteToken: token, maxBytesRewrittenPerCall: maxBytesPerCall, ...this.objectAclQuery('destinationPredefinedAcl') },
      json: fields ?? {},
      signal,
    }), 'rewrite');
  }

  /** objects.copy of an object onto itself with new metadata: how rclone sets a modtime (a patch needs more permissions). */
  async copyOnto(ref: ObjectRef, fields: ObjectFields): Promise<ObjectResource> {
    return this.pacer.call(() => this.http.json<ObjectResource>({
      method: 'POST',
      url: this.url(`b/${enc(ref.bucket)}/o/${enc(ref.name)}/copyTo/b/${enc(ref.bucket)}/o/${enc(ref.name)}`),
      query: this.objectAclQuery('destinationPredefinedAcl'),
      json: fields,
    }), 'set modtime');
  }

  async listBuckets(project: string, pageToken?: string): Promise<BucketsPage> {
    return this.pacer.call(() => this.http.json<BucketsPage>({ method: 'GET', url: this.url('b'), query: { project, pageToken, maxResults: 1000 } }), 'list buckets');
  }

  async insertBucket(project: string, body: Record<string, unknown>): Promise<void> {
    await this.pacer.call(async () => {
      const res = await this.http.request({
        method: 'POST',
        url: this.url('b'),
        query: { project, predefinedAcl: body['iamConfiguration'] ? undefined : this.acl.bucket || undefined },
        json: body,
      });
      discard(res.body);
    }, 'make bucket');
  }

  async deleteBucket(bucket: string): Promise<void> {
    await this.pacer.call(async () => discard((await this.http.request({ method: 'DELETE', url: this.url(`b/${enc(bucket)}`) })).body), 'remove bucket');
  }

  private objectUrl(ref: ObjectRef): URL {
    return this.url(`b/${enc(ref.bucket)}/o/${enc(ref.name)}`);
  }

  private objectAclQuery(name = 'predefinedAcl'): Record<string, string> {
    return this.acl.object ? { [name]: this.acl.object } : {};
  }
}

/** A path segment: `/` in an object name must travel as %2F. */
function enc(segment: string): string {
  return encodeURIComponent(segment);
}
