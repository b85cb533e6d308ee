import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { startRedirectServer } from './redirect-server.js';

/** One raw request, no redirects followed, so statuses and headers are what the server sent. */
function fetchRaw(url: string, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function withServer(fn: (s: Awaited<ReturnType<typeof startRedirectServer>>) => Promise<void>) {
  const server = await startRedirectServer({ port: 0, state: 'S1', authorizeUrl: (r) => `http://127.0.0.1:9/ap/oa?redirect_uri=${encodeURIComponent(r)}` });
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

test('/auth with the right state redirects (307) to the authorize URL, with keep-alive off', async () => {
  await withServer(async (s) => {
    assert.match(s.authUrl, /^http:\/\/127\.0\.0\.1:\d+\/auth\?state=S1$/);
    const r = await fetchRaw(s.authUrl);
    assert.equal(r.status, 307);
    assert.equal(r.headers['location'], `http://127.0.0.1:9/ap/oa?redirect_uri=${encodeURIComponent(s.redirectUri)}`);
    assert.equal(r.headers['connection'], 'close');
  });
});

test('/auth with another state is 403 "State did not match - please try again"', async () => {
  await withServer(async (s) => {
    const r = await fetchRaw(new URL('/auth?state=nope', s.redirectUri).toString());
    assert.equal(r.status, 403);
    assert.equal(r.body, 'State did not match - please try again');
  });
});

test('the redirect with a code and the right state is 200 Success! and yields the code', async () => {
  await withServer(async (s) => {
    const r = await fetchRaw(`${s.redirectUri}?code=C0DE&scope=x&state=S1`);
    assert.equal(r.status, 200);
    assert.match(r.body, /Success!/);
    assert.equal(await s.code, 'C0DE');
  });
});

test('the code may also come as a POST form', async () => {
  await withServer(async (s) => {
    const r = await fetchRaw(s.redirectUri, 'POST', 'code=P0ST&state=S1');
    assert.equal(r.status, 200);
    assert.equal(await s.code, 'P0ST');
  });
});

test('a wrong state or a missing code is 400 and the flow keeps waiting; other paths are 404', async () => {
  await withServer(async (s) => {
    const wrong = await fetchRaw(`${s.redirectUri}?code=C&state=evil`);
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /Auth state doesn't match/);
    assert.equal((await fetchRaw(`${s.redirectUri}?state=S1`)).status, 400);
    assert.equal((await fetchRaw(new URL('/favicon.ico', s.redirectUri).toString())).status, 404);
    assert.equal((await fetchRaw(new URL('/auth/x?state=S1', s.redirectUri).toString())).status, 404);
    await fetchRaw(`${s.redirectUri}?code=LATE&state=S1`);
    assert.equal(await s.code, 'LATE');
  });
});

test('the server exists only for the flow: after close the port refuses connections', async () => {
  const s = await startRedirectServer({ port: 0, state: 'S', authorizeUrl: () => 'http://127.0.0.1:9/' });
  await s.close();
  await assert.rejects(fetchRaw(s.authUrl), /ECONNREFUSED/);
});

test('the default port is 53682, and a port in use is a clear usage error', async () => {
  const { DEFAULT_REDIRECT_PORT } = await import('./redirect-server.js');
  assert.equal(DEFAULT_REDIRECT_PORT, 53682);
  const first = await startRedirectServer({ port: 0, state: 'S', authorizeUrl: () => 'http://127.0.0.1:9/' });
  const port = Number(new URL(first.redirectUri).port);
  try {
    await assert.rejects(startRedirectServer({ port, state: 'S', authorizeUrl: () => 'x' }), (e: unknown) =>
      (e as { code?: string }).code === 'ERR_PORT_IN_USE' && new RegExp(`127\\.0\\.0\\.1:${port}`).test((e as Error).message));
  } finally {
    await first.close();
  }
});
