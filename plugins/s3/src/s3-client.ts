import { Readable } from 'node:stream';
import { HttpClient, readText, type HttpResponse, type HttpTransport, type Pacer } from '@rsyncish/core';
import { encodeKey, encodeRfc3986 } from './paths.js';
import { createS3ErrorMapper } from './s3-errors.js';
import { sha256Hex, type RequestSigner } from './signer.js';

export interface S3Request {
  method: string;
  /** '' for the service itself (ListBuckets). */
  bucket: string;
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
  /** Length of a streamed body; S3 takes no chunked uploads. */
  contentLength?: number;
  /** Statuses that count as success; default any 2xx. */
  expect?: number[];
  signal?: AbortSignal;
}

const EMPTY_SHA256 = sha256Hex('');

export interface S3ClientInit {
  endpoint: URL;
  forcePathStyle: boolean;
  /** undefined: anonymous requests. */
  signer?: RequestSigner;
  pacer: Pacer;
  timeoutMs?: number;
  transport?: HttpTransport;
}

/**
 * Signed S3 requests over core's HTTP client: builds path- or virtual-host-style
 * URLs, signs each attempt afresh (the signature dates it), and maps S3's error
 * codes to core's typed errors. Redirects are not followed: a signed request
 * cannot be replayed elsewhere.
 */
export class S3Client {
  readonly http: HttpClient;
  readonly pacer: Pacer;

  constructor(private readonly init: S3ClientInit) {
    this.pacer = init.pacer;
    this.http = new HttpClient({
      userAgent: 'rsyncish',
      mapError: createS3ErrorMapper(),
      maxRedirects: 0,
      timeoutMs: init.timeoutMs,
      transport: init.transport,
    });
  }

  /** The endpoint origin, for messages. */
  get origin(): string {
    return this.init.endpoint.origin;
  }

  /** One attempt. The caller consumes or destroys the response body. */
  async send(req: S3Request): Promise<HttpResponse> {
    const { url, host, path, query } = this.target(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
    headers['host'] = host;
    const body = req.body;
    if (body instanceof Readable) {
      headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      if (req.contentLength !== undefined) headers['content-length'] = String(req.contentLength);
    } else if (body !== undefined) {
      headers['x-amz-content-sha256'] = sha256Hex(body);
      headers['content-length'] = String(Buffer.byteLength(body));
    } else {
      headers['x-amz-content-sha256'] = EMPTY_SHA256;
    }
    const signed = this.init.signer
      ? await this.init.signer.sign({
          method: req.method,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port ? Number(url.port) : undefined,
          path,
          query,
          headers,
        })
      : headers;
    return this.http.request({
      method: req.method,
      url,
      headers: signed,
      body: body ?? null,
      auth: false,
      expect: req.expect,
      signal: req.signal,
    });
  }

  /** A request whose body can be sent again, retried by the pacer on retryable errors. */
  async call(req: S3Request, what = `${req.method} ${req.bucket}/${req.key ?? ''}`): Promise<HttpResponse> {
    if (req.body instanceof Readable) throw new Error('S3Client.call: a streamed body cannot be retried; use send');
    return this.pacer.call(() => this.send(req), what);
  }

  /** call() and read the reply as text. */
  async text(req: S3Request, what?: string): Promise<string> {
    return this.pacer.call(async () => readText((await this.send(req)).body), what ?? `${req.method} ${req.bucket}/${req.key ?? ''}`);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private target(req: S3Request): { url: URL; host: string; path: string; query: Record<string, string> } {
    const base = this.init.endpoint;
    const prefix = base.pathname.replace(/\/+$/, '');
    const key = req.key ? encodeKey(req.key) : '';
    let host = base.host;
    let path: string;
    if (!req.bucket) {
      path = `${prefix}/`;
    } else if (this.init.forcePathStyle) {
      path = `${prefix}/${encodeRfc3986(req.bucket)}${key ? `/${key}` : ''}`;
    } else {
      host = `${req.bucket}.${base.host}`;
      path = `${prefix}/${key}`;
    }
    const query = req.query ?? {};
    const search = Object.entries(query)
      .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
      .join('&');
    const url = new URL(`${base.protocol}//${host}${path}${search ? `?${search}` : ''}`);
    return { url, host, path, query };
  }
}
