import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, GcsError, notFound, sendJson } from './errors.js';
import type { FaultInjector } from './faults.js';
import { readJson } from './http-io.js';
import { listPage, maxResultsOf } from './listing.js';
import { fieldsFrom, plainMetadata } from './object-fields.js';
import { bucketResource, etagOf, objectResource } from './resource.js';
import { copiedFields, Rewrites } from './rewrite.js';
import type { StoredObject, Store } from './store.js';
import { Uploads } from './uploads.js';

type Json = Record<string, unknown>;

/** The JSON API's paths (after /storage/v1, /upload/storage/v1 or /download/storage/v1), matched on the raw path so `%2F` in a name stays in the name. */
const BUCKETS = /^\/b\/?$/;
const BUCKET = /^\/b\/([^/]+)\/?$/;
const OBJECTS = /^\/b\/([^/]+)\/o\/?$/;
const OBJECT = /^\/b\/([^/]+)\/o\/([^/]+)$/;
const COPY = /^\/b\/([^/]+)\/o\/([^/]+)\/(copyTo|rewriteTo)\/b\/([^/]+)\/o\/([^/]+)$/;

/** Buckets and objects of the JSON API, uploads and downloads. */
export class Api {
  private readonly uploads: Uploads;
  private readonly rewrites: Rewrites;

  constructor(private readonly store: Store, faults: FaultInjector, private readonly projectNumber: string) {
    this.uploads = new Uploads(store, faults);
    this.rewrites = new Rewrites(store, faults);
  }

  /** Handles the request when its path is the API's; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, rawPath: string, base: string): Promise<boolean> {
    const method = req.method ?? 'GET';
    for (const [root, kind] of [['/storage/v1', 'api'], ['/upload/storage/v1', 'upload'], ['/download/storage/v1', 'download']] as const) {
      if (!rawPath.startsWith(`${root}/`)) continue;
      const path = rawPath.slice(root.length);
      if (kind === 'upload') await this.upload(req, res, method, path, url, base);
      else if (kind === 'download') await this.download(req, res, method, path, url);
      else await this.json(req, res, method, path, url, base);
      return true;
    }
    return false;
  }

  private async upload(req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL, base: string): Promise<void> {
    const m = OBJECTS.exec(path);
    if (!m) throw notFound(`Not Found: ${path}`);
    const bucket = decode(m[1]!);
    const session = url.searchParams.get('upload_id');
    // Go's client sends chunks with POST; others with PUT.
    if (session && (method === 'PUT' || method === 'POST')) return this.uploads.chunk(req, res, session, base);
    if (session && method === 'DELETE') return this.uploads.cancel(res, session);
    if (method === 'POST') return this.uploads.insert(req, res, bucket, url, base);
    throw new GcsError(405, 'methodNotAllowed', `Method ${method} not allowed on the upload endpoint`);
  }

  private async download(req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL): Promise<void> {
    const m = OBJECT.exec(path);
    if (!m || (method !== 'GET' && method !== 'HEAD')) throw notFound(`Not Found: ${path}`);
    this.media(req, res, this.generationOf(decode(m[1]!), decode(m[2]!), url));
  }

  private async json(req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL, base: string): Promise<void> {
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (BUCKETS.test(path)) {
      if (method === 'GET') return this.listBuckets(res, q, base);
      if (method === 'POST') {
        const body = (await readJson<Json>(req)) ?? {};
        const project = q.get('project');
        if (!project) throw badRequest('Required parameter: project', 'required');
        if (typeof body['name'] !== 'string') throw badRequest('Required: bucket name', 'required');
        const bucket = await this.store.insertBucket({
          name: body['name'],
          projectNumber: /^\d+$/.test(project) ? project : this.projectNumber,
          location: typeof body['location'] === 'string' ? body['location'] : undefined,
          storageClass: typeof body['storageClass'] === 'string' ? body['storageClass'] : undefined,
        });
        return sendJson(res, 200, bucketResource(bucket, base));
      }
    } else if ((m = BUCKET.exec(path))) {
      const name = decode(m[1]!);
      if (method === 'GET' || method === 'PATCH') {
        req.resume();
        return sendJson(res, 200, bucketResource(this.store.bucket(name), base));
      }
      if (method === 'DELETE') {
        await this.store.deleteBucket(name);
        return noContent(res);
      }
    } else if ((m = OBJECTS.exec(path))) {
      if (method === 'GET') return this.listObjects(res, decode(m[1]!), q, base);
    } else if ((m = OBJECT.exec(path))) {
      const bucket = decode(m[1]!);
      const name = decode(m[2]!);
      if (method === 'GET') {
        const o = this.generationOf(bucket, name, url);
        if (q.get('alt') === 'media') return this.media(req, res, o);
        return sendJson(res, 200, objectResource(o, base));
      }
      if (method === 'DELETE') {
        this.generationOf(bucket, name, url);
        await this.store.deleteObject(bucket, name);
        return noContent(res);
      }
      if (method === 'PATCH' || method === 'PUT') {
        const fields = fieldsFrom(await readJson<Json>(req));
        // PUT (update) replaces the metadata; PATCH merges it.
        if (method === 'PUT') fields.metadata = { ...Object.fromEntries(Object.keys(this.store.object(bucket, name).metadata ?? {}).map((k) => [k, null])), ...fields.metadata };
        return sendJson(res, 200, objectResource(await this.store.patch(bucket, name, fields), base));
      }
    } else if ((m = COPY.exec(path)) && method === 'POST') {
      const src = { bucket: decode(m[1]!), name: decode(m[2]!) };
      const dst = { bucket: decode(m[4]!), name: decode(m[5]!) };
      const body = await readJson<Json>(req);
      const given = body && Object.keys(body).length > 0 ? fieldsFrom(body) : undefined;
      const fields = given ? { ...given, metadata: plainMetadata(given.metadata) } : undefined;
      if (m[3] === 'copyTo') {
        const source = this.generationOf(src.bucket, src.name, url, 'sourceGeneration');
        const clone = await this.store.cloneBlob(source);
        const o = await this.store.commit(dst.bucket, dst.name, clone, fields ?? copiedFields(source), q.get('ifGenerationMatch') ?? undefined);
        return sendJson(res, 200, objectResource(o, base));
      }
      const per = q.get('maxBytesRewrittenPerCall');
      const step = await this.rewrites.step(src, dst, fields, q.get('rewriteToken') ?? undefined, per === null ? undefined : Number(per));
      const reply: Json = {
        kind: 'storage#rewriteResponse',
        totalBytesRewritten: String(step.totalBytesRewritten),
        objectSize: String(step.objectSize),
        done: step.done,
      };
      if (step.rewriteToken) reply['rewriteToken'] = step.rewriteToken;
      if (step.resource) reply['resource'] = objectResource(step.resource, base);
      return sendJson(res, 200, reply);
    }
    throw notFound(`Not Found: ${method} ${path}`);
  }

  private listBuckets(res: ServerResponse, q: URLSearchParams, base: string): void {
    if (!q.get('project')) throw badRequest('Required parameter: project', 'required');
    const prefix = q.get('prefix') ?? '';
    const page = listPage(this.store.listBuckets().filter((b) => b.name.startsWith(prefix)), {
      prefix: '',
      delimiter: '',
      maxResults: maxResultsOf(q.get('maxResults')),
      pageToken: q.get('pageToken') ?? undefined,
    });
    const reply: Json = { kind: 'storage#buckets', items: page.items.map((b) => bucketResource(b, base)) };
    if (page.nextPageToken) reply['nextPageToken'] = page.nextPageToken;
    sendJson(res, 200, reply);
  }

  private listObjects(res: ServerResponse, bucket: string, q: URLSearchParams, base: string): void {
    const prefix = q.get('prefix') ?? '';
    const page = listPage(this.store.objectsOf(bucket, prefix), {
      prefix,
      delimiter: q.get('delimiter') ?? '',
      maxResults: maxResultsOf(q.get('maxResults')),
      pageToken: q.get('pageToken') ?? undefined,
      startOffset: q.get('startOffset') ?? undefined,
      endOffset: q.get('endOffset') ?? undefined,
    });
    const reply: Json = { kind: 'storage#objects' };
    if (page.prefixes.length) reply['prefixes'] = page.prefixes;
    if (page.items.length) reply['items'] = page.items.map((o) => objectResource(o, base));
    if (page.nextPageToken) reply['nextPageToken'] = page.nextPageToken;
    sendJson(res, 200, reply);
  }

  /** The object, when the request's generation (if any) is the live one. */
  private generationOf(bucket: string, name: string, url: URL, param = 'generation'): StoredObject {
    const o = this.store.object(bucket, name);
    const want = url.searchParams.get(param);
    if (want && want !== o.generation) throw notFound(`No such object: ${bucket}/${name}#${want}`);
    const match = url.searchParams.get('ifGenerationMatch');
    if (match && param === 'generation' && match !== o.generation) throw new GcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.');
    return o;
  }

  /** The content, whole or one `Range: bytes=` range, with the hashes in X-Goog-Hash. */
  private media(req: IncomingMessage, res: ServerResponse, o: StoredObject): void {
    const headers: Record<string, string | number> = {
      'content-type': o.contentType ?? 'application/octet-stream',
      'x-goog-hash': `crc32c=${o.crc32c},md5=${o.md5Hash}`,
      'x-goog-generation': o.generation,
      'x-goog-metageneration': String(o.metageneration),
      'x-goog-stored-content-length': String(o.size),
      'x-goog-storage-class': o.storageClass ?? 'STANDARD',
      'accept-ranges': 'bytes',
      etag: etagOf(o),
      'last-modified': new Date(o.updated).toUTCString(),
    };
    if (o.contentEncoding) headers['x-goog-stored-content-encoding'] = o.contentEncoding;
    const range = parseRange(req.headers.range, o.size);
    if (range === 'unsatisfiable') {
      throw new GcsError(416, 'requestedRangeNotSatisfiable', 'The requested range cannot be satisfied.', { 'content-range': `bytes */${o.size}` });
    }
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${o.size}`;
      headers['content-length'] = range.end - range.start + 1;
      res.writeHead(206, headers);
    } else {
      headers['content-length'] = o.size;
      res.writeHead(200, headers);
    }
    if (req.method === 'HEAD' || o.size === 0) {
      res.end();
      return;
    }
    const body = this.store.contentOf(o, range ? range.start : 0, range ? range.end : o.size - 1);
    body.on('error', () => res.destroy());
    body.pipe(res);
  }
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined for the whole object. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (size === 0) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Invalid path segment: ${segment}`);
  }
}

function noContent(res: ServerResponse): void {
  res.writeHead(204, { 'content-length': 0 });
  res.end();
}
