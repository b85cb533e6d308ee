import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { FatalBackendError, NotFoundError, RateLimitedError, RetryableError, UnauthorizedError } from '../errors/index.js';
import { sendJson, startTestServer } from '../testing/http-server.js';
import { HttpFailure } from './http-failure.js';
import { HttpClient, readText, type AccessTokenSource } from './http-client.js';
import { maskUrl } from './mask.js';

const valid = 'tok1';
const server = await startTestServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const auth = req.headers.authorization;
  switch (url.pathname) {
    case '/api':
      if (auth !== `Bearer ${valid}`) return sendJson(res, 401, { message: 'Token has expired' });
      return sendJson(res, 200, { ok: true, auth });
    case '/to-presigned':
      res.writeHead(302, { location: '/s3?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc' });
      return void res.end();
    case '/s3':
      if (auth) return sendJson(res, 400, { message: 'Only one auth mechanism allowed' });
      return void res.end('bytes');
    case '/garbage':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('<html>oops');
    case '/limited':
      return sendJson(res, 429, { message: 'Rate exceeded' }, { 'retry-after': '2' });
    case '/missing':
      return sendJson(res, 404, { message: 'Node does not exist' });
    case '/dies-mid-reply':
      // Headers and part of the body, then the connection is cut, as when the server is killed.
      res.writeHead(200, { 'content-length': '1000000' });
      res.write(Buffer.alloc(1000));
      return void setImmediate(() => res.socket?.destroy());
    case '/echo':
      res.writeHead(200);
      return void res.end(`${req.headers['transfer-encoding'] ?? 'length'}:${req.body}`);
    default:
      return sendJson(res, 500, { message: 'boom' });
  }
});
after(() => server.close());

class CountingSource implements AccessTokenSource {
  current = 'stale';
  /** What a refresh hands out. */
  next = valid;
  refreshes = 0;
  async token() {
    if (!this.current) {
      this.refreshes++;
      this.current = this.next;
    }
    return this.current;
  }
  invalidate(t: string) {
    if (t === this.current) this.current = '';
  }
}

test('a 401 invalidates the token, refreshes once and repeats the request', async () => {
  const source = new CountingSource();
  const http = new HttpClient({ tokenSource: source });
  const body = await http.json<{ auth: string }>({ method: 'GET', url: `${server.origin}/api` });
  assert.equal(body.auth, 'Bearer tok1');
  assert.equal(source.refreshes, 1);
  await http.close();
});

test('a second 401 after the refresh is Unauthorized, with the Authorization header masked in the cause', async () => {
  const source = new CountingSource();
  source.next = 'also-refused';
  const http = new HttpClient({ tokenSource: source });
  try {
    await assert.rejects(http.request({ method: 'GET', url: `${server.origin}/api?access_token=secret1`, headers: { authorization: 'Bearer leak' } }), (e: unknown) => {
      assert.ok(e instanceof UnauthorizedError);
      assert.match(e.message, /^GET http:\/\/127\.0\.0\.1:\d+\/api\?access_token=\*\*\*: HTTP 401: Token has expired$/);
      const cause = e.cause as HttpFailure;
      assert.equal(cause.status, 401);
      assert.equal(cause.requestHeaders['authorization'], 'Bearer ***');
      return true;
    });
    assert.equal(source.refreshes, 1);
  } finally {
    await http.close();
  }
});

test('Authorization is never sent to a presigned (X-Amz-Algorithm) URL, even across a redirect', async () => {
  const http = new HttpClient({ tokenSource: new CountingSource() });
  const res = await http.request({ method: 'GET', url: `${server.origin}/to-presigned` });
  assert.equal(await readText(res.body), 'bytes');
  const s3 = server.seen.filter((r) => r.url.startsWith('/s3'));
  assert.ok(s3.length > 0 && s3.every((r) => r.headers.authorization === undefined));
  assert.ok(server.seen.some((r) => r.url === '/to-presigned' && r.headers.authorization));
  await http.close();
});

test('auth:false requests carry no Authorization', async () => {
  const http = new HttpClient({ tokenSource: new CountingSource() });
  const res = await http.request({ method: 'GET', url: `${server.origin}/s3`, auth: false });
  assert.equal(await readText(res.body), 'bytes');
  await http.close();
});

test('statuses map to typed errors: 404 NotFound, 429 RateLimited with Retry-After, 500 Retryable', async () => {
  const http = new HttpClient();
  await assert.rejects(http.request({ method: 'GET', url: `${server.origin}/missing` }), NotFoundError);
  await assert.rejects(http.request({ method: 'GET', url: `${server.origin}/limited` }), (e: unknown) =>
    e instanceof RateLimitedError && e.retryAfterMs === 2000);
  await assert.rejects(http.request({ method: 'GET', url: `${server.origin}/other` }), (e: unknown) =>
    e instanceof RetryableError && /HTTP 500: boom/.test(e.message));
  await http.close();
});

test('a reply that is not JSON is a FatalBackendError naming the URL', async () => {
  const http = new HttpClient();
  await assert.rejects(http.json({ method: 'GET', url: `${server.origin}/garbage` }), (e: unknown) =>
    e instanceof FatalBackendError && e.message.includes(`${server.origin}/garbage`) && /not valid JSON/.test(e.message));
  await http.close();
});

test('a refused connection is Retryable and names the endpoint', async () => {
  const http = new HttpClient();
  await assert.rejects(http.request({ method: 'GET', url: 'http://127.0.0.1:9/drive/v1/account/endpoint' }), (e: unknown) =>
    e instanceof RetryableError && /cannot reach http:\/\/127\.0\.0\.1:9: connection refused/.test(e.message));
  await http.close();
});

test('a reply that breaks off mid-body fails with a Retryable error naming method, URL and a hint', async () => {
  const http = new HttpClient();
  const res = await http.request({ method: 'GET', url: `${server.origin}/dies-mid-reply?token=secret` });
  const err = await readText(res.body).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof RetryableError, String(err));
  assert.match(err.message, /^GET http:\/\/127\.0\.0\.1:\d+\/dies-mid-reply\?token=\*+: the reply broke off: .*\((UND_ERR_SOCKET|ECONNRESET)\)$/);
  assert.match(err.hint ?? '', /server at http:\/\/127\.0\.0\.1:\d+ is still running/);
  await http.close();
});

test('a body the reader destroys itself is not dressed up as a network error', async () => {
  const http = new HttpClient();
  const res = await http.request({ method: 'GET', url: `${server.origin}/s3` });
  const failed = once(res.body, 'error');
  res.body.destroy(new Error('reader gave up'));
  const [err] = await failed;
  assert.equal((err as Error).message, 'reader gave up');
  await http.close();
});

test('streamed bodies go chunked; JSON bodies end with a newline', async () => {
  const http = new HttpClient();
  const streamed = await http.request({ method: 'POST', url: `${server.origin}/echo`, body: Readable.from([Buffer.from('ab'), Buffer.from('cd')]) });
  assert.equal(await readText(streamed.body), 'chunked:abcd');
  const json = await http.request({ method: 'POST', url: `${server.origin}/echo`, json: { a: 1 } });
  assert.equal(await readText(json.body), 'length:{"a":1}\n');
  await http.close();
});

test('maskUrl hides secret query values and, on request, a capability path', () => {
  assert.equal(maskUrl('http://h/p?X-Amz-Signature=s&X-Amz-Algorithm=A&limit=2'), 'http://h/p?X-Amz-Signature=***&X-Amz-Algorithm=A&limit=2');
  assert.equal(maskUrl('http://h/cdproxy/templink/SECRET', true), 'http://h/***');
  assert.equal(maskUrl('http://h/upload/storage/v1/b/b/o?uploadType=resumable&upload_id=S'), 'http://h/upload/storage/v1/b/b/o?uploadType=resumable&upload_id=***');
});

test('--dump of response bodies logs at most the limit and hands the whole body on, of any length', async () => {
  const big = 'line of text\n'.repeat(20_000); // 260 000 bytes, sent chunked (no Content-Length)
  const dumped = await startTestServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(big);
  });
  try {
    const lines: string[] = [];
    const http = new HttpClient({ transport: { dump: { headers: true, requestBodies: true, responseBodies: true, auth: false, write: (l) => lines.push(l) } } });
    const res = await http.request({ method: 'GET', url: `${dumped.origin}/t` });
    assert.equal(await readText(res.body), big);
    const log = lines.join('\n');
    assert.match(log, /HTTP RESPONSE \(req \d+\)\nHTTP\/1\.1 200\n/);
    assert.match(log, /more bytes not shown>/);
    assert.ok(log.length < 70_000, `the dump holds ${log.length} characters`);
    await http.close();
  } finally {
    await dumped.close();
  }
});
