import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { FatalBackendError } from '../errors/index.js';
import { HttpFailure } from './http-failure.js';
import { dumpRequest, dumpResponse, DUMP_BODY_LIMIT } from './http-dump.js';
import { maskUrl } from './mask.js';
import { mapNetworkError, nameBodyNetworkErrors } from './network-errors.js';
import { proxyFor } from './proxy-from-env.js';
import { createStatusErrorMapper, type StatusErrorMapper } from './status-errors.js';
import { readTlsFiles, type TlsOptions } from './tls-files.js';
import type { HttpTransport } from './transport.js';

/** Where the client gets the bearer token; an OAuth token source fits. */
export interface AccessTokenSource {
  /** A valid access token, refreshed first when needed. */
  token(): Promise<string>;
  /** The server refused this token: the next token() must not return it. */
  invalidate(rejected: string): void;
}

export interface HttpClientOptions {
  userAgent?: string;
  tokenSource?: AccessTokenSource;
  /**
   * Send HTTP basic auth (a WebDAV server's user and password) on every request
   * that carries auth, as the token would be: never to a presigned URL or after a
   * redirect to another origin. --dump shows it as `Basic XXXX` unless --dump auth.
   */
  basicAuth?: BasicAuth;
  mapError?: StatusErrorMapper;
  /** No reply headers, or no body progress, for this long fails the request. Default 5 min. */
  timeoutMs?: number;
  /** URLs that must never carry Authorization. Default: presigned S3 URLs (X-Amz-Algorithm). */
  isUnauthenticated?: (url: URL) => boolean;
  maxRedirects?: number;
  dispatcher?: Dispatcher;
  /** The global flags' settings (--ca-cert, --user-agent, --dump, …); a backend passes BackendGlobals.http. */
  transport?: HttpTransport;
}

export interface BasicAuth {
  user: string;
  password: string;
}

/** The Authorization value of HTTP basic auth (RFC 7617: UTF-8 `user:password` in base64). */
export function basicAuthHeader(auth: BasicAuth): string {
  return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`;
}

export type HttpBody = string | Uint8Array | Readable | null;

export interface HttpRequest {
  method: string;
  url: string | URL;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: HttpBody;
  /** A JSON body, serialised with a trailing newline. */
  json?: unknown;
  /** false: send no Authorization (tempLinks and other capability URLs). Default true. */
  auth?: boolean;
  /** Statuses that count as success. Default: any 2xx. */
  expect?: number[];
  /** Hide the URL path in errors: it is itself a secret (a tempLink). */
  redactPath?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The URL that answered, after redirects. */
  url: string;
  body: Readable;
  header(name: string): string | undefined;
}

/** Presigned S3-style URLs authenticate through their query and refuse a second mechanism. */
export function isPresignedUrl(url: URL): boolean {
  return url.searchParams.has('X-Amz-Algorithm');
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A small HTTP client over one undici Agent (a keep-alive pool per origin). It
 * adds the bearer token, refreshes it once on a 401, follows redirects without
 * leaking the token to presigned or foreign URLs, and turns failures into core's
 * typed errors naming method, masked URL and status.
 */
export class HttpClient {
  /** Made on the first request: loading undici's agent takes ~30 ms, which commands that never touch HTTP should not pay. */
  private dispatcherPromise?: Promise<Dispatcher>;
  /** One ProxyAgent per proxy URL, made when a request first needs it. */
  private readonly proxies = new Map<string, Promise<Dispatcher>>();
  private tls?: TlsOptions;
  private readonly ownsDispatcher: boolean;
  private readonly mapError: StatusErrorMapper;
  private readonly isUnauthenticated: (url: URL) => boolean;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpClientOptions = {}) {
    const timeout = options.timeoutMs ?? 300_000;
    this.ownsDispatcher = !options.dispatcher;
    this.timeoutMs = timeout;
    this.mapError = options.mapError ?? createStatusErrorMapper();
    this.isUnauthenticated = options.isUnauthenticated ?? isPresignedUrl;
  }

  /**
   * Send a request; resolve with the response when its status is expected
   * (the caller must consume or destroy `body`), else throw the mapped error.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const replayable = !(req.body instanceof Readable);
    let res = await this.send(req);
    if (res.status === 401 && this.usesAuth(req) && this.options.tokenSource) {
      // The token may have expired or been revoked since we checked: refresh once.
      const sent = res.sentToken;
      if (sent !== undefined) this.options.tokenSource.invalidate(sent);
      if (replayable) {
        discard(res.body);
        res = await this.send(req);
      }
    }
    if (this.isExpected(req, res.status)) return res;
    throw await this.failure(req, res);
  }

  /** Send and parse a JSON reply; a reply that is not JSON is a FatalBackendError naming the URL. */
  async json<T>(req: HttpRequest): Promise<T> {
    const res = await this.request(req);
    const text = await readText(res.body);
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new FatalBackendError(
        `${req.method} ${maskUrl(res.url, req.redactPath)}: reply is not valid JSON (${(err as Error).message}): ${JSON.stringify(text.slice(0, 80))}`,
        { cause: err, hint: 'the server is not speaking the expected API; check the URL options of the remote' },
      );
    }
  }

  /** Idempotent: a backend may be closed by the engine and again by its owner. */
  async close(): Promise<void> {
    const pending = [this.dispatcherPromise, ...this.proxies.values()];
    this.dispatcherPromise = undefined;
    this.proxies.clear();
    if (this.ownsDispatcher) await Promise.all(pending.map(async (p) => p && (await p).close()));
  }

  /** The direct agent, or the proxy's for a URL that HTTPS_PROXY/HTTP_PROXY sends through one. */
  private dispatcher(url: URL): Promise<Dispatcher> {
    if (this.options.dispatcher) return Promise.resolve(this.options.dispatcher);
    // Read once, at the first request: a bad --ca-cert fails it with the flag's name.
    this.tls ??= readTlsFiles(this.options.transport);
    const timeouts = { keepAliveTimeout: 30_000, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs };
    const proxy = proxyFor(url, this.options.transport?.env ?? process.env);
    if (proxy) {
      let agent = this.proxies.get(proxy);
      if (!agent) {
        agent = import('./proxy-agent.js').then(({ ProxyAgent }) =>
          new ProxyAgent({ uri: proxy, ...timeouts, requestTls: { ...this.tls, timeout: 30_000 }, proxyTls: { timeout: 30_000 } }));
        this.proxies.set(proxy, agent);
      }
      return agent;
    }
    this.dispatcherPromise ??= loadUndici().then(({ Agent }) => new Agent({ ...timeouts, connect: { ...this.tls, timeout: 30_000 } }));
    return this.dispatcherPromise;
  }

  private usesAuth(req: HttpRequest): boolean {
    return req.auth !== false && !this.isUnauthenticated(buildUrl(req));
  }

  private isExpected(req: HttpRequest, status: number): boolean {
    return req.expect ? req.expect.includes(status) : status >= 200 && status < 300;
  }

  private async send(req: HttpRequest): Promise<HttpResponse & { sentToken?: string }> {
    let url = buildUrl(req);
    let method = req.method.toUpperCase();
    let body: HttpBody | undefined = req.json !== undefined ? `${JSON.stringify(req.json)}\n` : req.body;
    let withAuth = req.auth !== false;
    const startOrigin = url.origin;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...req.headers };
      const userAgent = this.options.transport?.userAgent || this.options.userAgent;
      if (userAgent) headers['user-agent'] = userAgent;
      let sentToken: string | undefined;
      if (withAuth && this.options.tokenSource && !this.isUnauthenticated(url)) {
        sentToken = await this.options.tokenSource.token();
        headers['authorization'] = `Bearer ${sentToken}`;
      } else if (withAuth && this.options.basicAuth && !this.isUnauthenticated(url)) {
        headers['authorization'] = basicAuthHeader(this.options.basicAuth);
      }
      if (typeof body === 'string' || body instanceof Uint8Array) {
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const dump = this.options.transport?.dump;
      const dumpId = dump ? ++dumpedRequests : 0;
      if (dump) {
        dumpRequest(dump, { id: dumpId, method, url, headers, body: body instanceof Readable ? 'stream' : body ?? undefined });
      }
      let res: Dispatcher.ResponseData;
      try {
        const [dispatcher, { request }] = await Promise.all([this.dispatcher(url), loadUndici()]);
        res = await request.call(dispatcher, {
          origin: url.origin,
          path: url.pathname + url.search,
          method: method as Dispatcher.HttpMethod,
          headers,
          body: body ?? null,
          signal: req.signal,
        });
      } catch (err) {
        if (dump) dumpResponse(dump, { id: dumpId, status: 0, headers: {}, error: err as Error });
        throw mapNetworkError(err, method, maskUrl(url, req.redactPath));
      }
      if (dump) {
        try {
          res = await dumpReply(dump, dumpId, res);
        } catch (err) {
          throw mapNetworkError(err, method, maskUrl(url, req.redactPath));
        }
      }
      const location = headerOf(res.headers, 'location');
      const maxRedirects = this.options.maxRedirects ?? 10;
      if (REDIRECTS.has(res.statusCode) && location && hop < maxRedirects && !(req.expect?.includes(res.statusCode))) {
        discard(res.body);
        const next = new URL(location, url);
        // Like Go's client: the token stays with the origin it was meant for.
        if (next.origin !== startOrigin) withAuth = false;
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = null;
        } else if (body instanceof Readable) {
          throw new FatalBackendError(`${method} ${maskUrl(url, req.redactPath)}: redirected a streamed upload (HTTP ${res.statusCode})`);
        }
        url = next;
        continue;
      }
      const responseHeaders = res.headers as Record<string, string | string[] | undefined>;
      const replyBody = res.body as unknown as Readable;
      nameBodyNetworkErrors(replyBody, method, maskUrl(url, req.redactPath));
      return {
        status: res.statusCode,
        headers: responseHeaders,
        url: url.toString(),
        body: replyBody,
        header: (name) => headerOf(responseHeaders, name),
        sentToken,
      };
    }
  }

  private async failure(req: HttpRequest, res: HttpResponse): Promise<Error> {
    let text = '';
    try {
      text = await readText(res.body, 4096);
    } catch {
      // a reply that breaks off mid-body still has a status worth reporting
    }
    const failure = new HttpFailure({
      method: req.method.toUpperCase(),
      url: maskUrl(res.url, req.redactPath),
      status: res.status,
      requestHeaders: req.headers,
      responseHeaders: res.headers,
      body: text,
    });
    return this.mapError(failure);
  }
}

/** Numbers the dumped requests so a response can be matched to its request. */
let dumpedRequests = 0;

/**
 * Dump a reply. With response bodies asked for, a textual body's first
 * DUMP_BODY_LIMIT bytes are read here and logged, then handed on ahead of the
 * rest of the stream; a binary one, or one too long by its Content-Length, is
 * only described. Either way no more than the limit is held for the log.
 */
async function dumpReply(dump: NonNullable<HttpTransport['dump']>, id: number, res: Dispatcher.ResponseData): Promise<Dispatcher.ResponseData> {
  const headers = res.headers as Record<string, string | string[] | undefined>;
  if (!dump.responseBodies) {
    dumpResponse(dump, { id, status: res.statusCode, headers });
    return res;
  }
  const type = headerOf(headers, 'content-type') ?? '';
  const length = Number(headerOf(headers, 'content-length') ?? NaN);
  if ((Number.isFinite(length) && length > DUMP_BODY_LIMIT) || (type !== '' && !/json|xml|text|x-www-form-urlencoded/i.test(type))) {
    const size = Number.isFinite(length) ? `${length} bytes` : 'a body';
    dumpResponse(dump, { id, status: res.statusCode, headers, bodyNote: `<${size} of ${type || 'unknown type'}, not shown>` });
    return res;
  }
  const source = res.body as unknown as Readable;
  const chunks = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size <= DUMP_BODY_LIMIT) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.from(next.value as Uint8Array);
    head.push(chunk);
    size += chunk.length;
  }
  dumpResponse(dump, { id, status: res.statusCode, headers, body: Buffer.concat(head) });
  const rest = async function* () {
    yield* head;
    if (ended) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Uint8Array;
  };
  const body = Readable.from(rest(), { objectMode: false });
  body.once('close', () => source.destroy());
  return { ...res, body: body as unknown as Dispatcher.ResponseData['body'] };
}

function buildUrl(req: HttpRequest): URL {
  const url = new URL(String(req.url));
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url;
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Throw a small reply body away without leaving an unhandled stream error behind. */
export function discard(body: Readable): void {
  body.on('error', () => {});
  body.resume();
}

/** Read a body as UTF-8 text, keeping at most `limit` bytes (the rest is drained). */
export async function readText(body: Readable, limit = Infinity): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (size < limit) chunks.push(b.subarray(0, Math.max(0, limit - size)));
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

let undici: Promise<typeof import('./undici-lite.js')> | undefined;

/**
 * The undici modules core uses, loaded once, at the first request: V8
 * compiles their functions only then, so commands that never touch HTTP do
 * not pay for them.
 */
function loadUndici(): Promise<typeof import('./undici-lite.js')> {
  return (undici ??= import('./undici-lite.js'));
}
