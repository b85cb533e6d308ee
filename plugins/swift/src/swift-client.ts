import { Readable } from 'node:stream';
import { HttpClient, readText, RetryableError, UnauthorizedError, type HttpResponse, type Pacer } from '@rsyncish/core';
import { CREDENTIALS_HINT, type SwiftAuth } from './auth.js';

export interface SwiftRequest {
  method: string;
  /** '' for the account itself (the list of containers). */
  container: string;
  object?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
  /** Length of a streamed body; without it the body goes chunked. */
  contentLength?: number;
  expect?: number[];
  signal?: AbortSignal;
}

/** One path segment on the wire. */
export function encodeSegment(text: string): string {
  return encodeURIComponent(text);
}

export function objectPath(container: string, object?: string): string {
  if (!container) return '';
  const obj = object ? `/${object.split('/').map(encodeSegment).join('/')}` : '';
  return `/${encodeSegment(container)}${obj}`;
}

/**
 * Requests to the storage URL with X-Auth-Token. A 401 means the token expired
 * or was revoked: log in again once and repeat the request. A streamed body
 * cannot be repeated, so its 401 becomes a RetryableError for the per-file retry.
 */
export class SwiftClient {
  constructor(
    readonly http: HttpClient,
    private readonly auth: SwiftAuth,
    readonly pacer: Pacer,
  ) {}

  async send(req: SwiftRequest): Promise<HttpResponse> {
    const first = await this.auth.session();
    try {
      return await this.attempt(req, first.storageUrl, first.token);
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) throw err;
      if (!this.auth.canRenew) {
        throw new UnauthorizedError(err.message, { cause: err, hint: 'the auth_token was refused (expired?); set user, key and auth so rsyncish can log in' });
      }
      this.auth.invalidate(first.token);
      if (req.body instanceof Readable) {
        throw new RetryableError(`${err.message} (token expired during the upload; logging in again)`, { cause: err });
      }
      const again = await this.auth.session();
      try {
        return await this.attempt(req, again.storageUrl, again.token);
      } catch (err2) {
        if (err2 instanceof UnauthorizedError) throw new UnauthorizedError(err2.message, { cause: err2, hint: CREDENTIALS_HINT });
        throw err2;
      }
    }
  }

  /** A request with a repeatable body, retried by the pacer on retryable errors. */
  async call(req: SwiftRequest): Promise<HttpResponse> {
    if (req.body instanceof Readable) throw new Error('SwiftClient.call: a streamed body cannot be retried; use send');
    return this.pacer.call(() => this.send(req), `${req.method} ${req.container}/${req.object ?? ''}`);
  }

  async json<T>(req: SwiftRequest): Promise<T> {
    return this.pacer.call(async () => {
      const res = await this.send(req);
      const text = await readText(res.body);
      return (text ? JSON.parse(text) : []) as T;
    }, `${req.method} ${req.container}/${req.object ?? ''}`);
  }

  /** The storage URL's origin, for messages (logs in when needed). */
  async origin(): Promise<string> {
    return new URL((await this.auth.session()).storageUrl).origin;
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private attempt(req: SwiftRequest, storageUrl: string, token: string): Promise<HttpResponse> {
    const url = new URL(`${storageUrl.replace(/\/+$/, '')}${objectPath(req.container, req.object)}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...req.headers, 'x-auth-token': token };
    if (req.body instanceof Readable && req.contentLength !== undefined) headers['content-length'] = String(req.contentLength);
    return this.http.request({ method: req.method, url, headers, body: req.body ?? null, auth: false, expect: req.expect, signal: req.signal });
  }
}
