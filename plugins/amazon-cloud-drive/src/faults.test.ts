import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { FatalBackendError, parseToken, RetryableError, UnauthorizedError } from '@rsyncish/core';
import { collect, put, startHarness, type Harness } from './testing/support.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('429, 500, 502, 503, 504, 408, 400 and the spurious 403 are retried until the call succeeds (C77)', async () => {
  const b = await h.open();
  await b.mkdir('retry');
  for (const status of [429, 500, 502, 503, 504, 408, 403]) {
    h.emu.control.inject({ status, count: 2, method: 'GET', path: '/drive/v1/nodes' });
    h.emu.control.clearRequests();
    assert.deepEqual(await collect(b.list('retry')), [], `after ${status}`);
    const statuses = h.emu.control.requests().map((r) => r.status);
    assert.deepEqual(statuses.slice(0, 3), [status, status, 200], `status ${status}`);
  }
});

test('a random failure rate is absorbed by the pacer: puts and listings all succeed', async () => {
  const b = await h.open({ lowLevelRetries: 10 });
  h.emu.control.setFaults({ failRate: 0.3 });
  try {
    await b.mkdir('flaky');
    for (let i = 0; i < 10; i++) await b.mkdir(`flaky/d${i}`);
    assert.equal((await collect(b.list('flaky'))).length, 10);
  } finally {
    h.emu.control.resetFaults();
  }
});

test('retries stop at --low-level-retries and the last error is returned', async () => {
  const b = await h.open({ lowLevelRetries: 3 });
  await b.mkdir('giveup');
  h.emu.control.inject({ status: 503, count: 10, method: 'GET', path: '/drive/v1/nodes' });
  h.emu.control.clearRequests();
  await assert.rejects(b.stat('giveup'), (e: unknown) => e instanceof RetryableError && /HTTP 503/.test(e.message));
  assert.equal(h.emu.control.requests().length, 3);
  h.emu.control.resetFaults();
});

test('an ordinary 403 is not retried', async () => {
  const b = await h.open();
  h.emu.control.clearRequests();
  // Trashing the root is forbidden.
  await assert.rejects(b.purge(''), /root/);
  const stat = await b.stat('');
  await assert.rejects((b as unknown as { api: { trash(id: string): Promise<unknown> } }).api.trash(stat.id!), (e: unknown) =>
    e instanceof FatalBackendError && /HTTP 403/.test(e.message));
  assert.equal(h.emu.control.requests().filter((r) => r.method === 'PUT').length, 1);
});

test('an expired access token is refreshed on the 401 and the call repeated; the new token is saved (C6)', async () => {
  const b = await h.open();
  await b.mkdir('tok');
  h.saved.length = 0;
  h.emu.control.expireAccessTokens();
  h.emu.control.clearRequests();
  assert.deepEqual(await collect(b.list('tok')), []);
  const reqs = h.emu.control.requests().map((r) => `${r.method} ${r.url.split('?')[0]} ${r.status}`);
  assert.deepEqual(reqs.slice(0, 3), ['GET /drive/v1/nodes 401', 'POST /auth/o2/token 200', 'GET /drive/v1/nodes 200']);
  assert.equal(h.saved.length, 1);
  const saved = parseToken(h.saved[0]!);
  assert.match(saved.accessToken, /^Atza\|/);
  assert.ok(saved.expiry! > Date.now());
  assert.deepEqual(Object.keys(JSON.parse(h.saved[0]!)), ['access_token', 'token_type', 'refresh_token', 'expiry']);
});

test('a token within 10 s of its expiry is refreshed before the request, with no 401 (C7)', async () => {
  const issued = h.emu.control.issueToken({ ttl: '5s' });
  const b = await h.open({ token: JSON.stringify(issued) });
  h.emu.control.clearRequests();
  await b.mkdir('early');
  const first = h.emu.control.requests()[0]!;
  assert.equal(first.url, '/auth/o2/token');
  assert.ok(!h.emu.control.requests().some((r) => r.status === 401));
});

test('a short-lived token is refreshed again mid-use (short token ttl)', async () => {
  const issued = h.emu.control.issueToken({ ttl: '11s' });
  const b = await h.open({ token: JSON.stringify(issued) });
  await b.mkdir('midway');
  h.emu.control.expireAccessTokens();
  // A listing meets the 401, refreshes and asks again; the upload then goes with the new token.
  assert.deepEqual(await collect(b.list('midway')), []);
  await put(b, 'midway/f.txt', 'still works');
  assert.equal((await b.stat('midway/f.txt')).size, 11);
});

test('an upload that meets a token expired on the server fails as retryable, and the retry goes with a fresh token', async () => {
  const b = await h.open();
  await b.mkdir('expired-up');
  h.emu.control.expireAccessTokens();
  h.emu.control.clearRequests();
  // The upload is the first request after the expiry: its body is a stream, sent once (as rclone does),
  // so the 401 ends this attempt, and the engine's retry of the file sends it again.
  await assert.rejects(put(b, 'expired-up/f.txt', 'second try'), { code: 'ERR_RETRYABLE', message: /401/ });
  await put(b, 'expired-up/f.txt', 'second try');
  assert.equal((await b.stat('expired-up/f.txt')).size, 10);
  assert.ok(h.emu.control.requests().some((r) => r.url === '/auth/o2/token'), 'the token was refreshed');
});

test('a revoked refresh token gives UnauthorizedError with the reconnect hint (C4, C6)', async () => {
  const issued = h.emu.control.issueToken();
  const b = await h.open({ token: JSON.stringify(issued) });
  await b.mkdir('revoked');
  h.emu.control.revokeRefreshTokens(issued.refresh_token);
  h.emu.control.expireAccessTokens();
  await assert.rejects(collect(b.list('revoked')), (e: unknown) => {
    assert.ok(e instanceof UnauthorizedError, String(e));
    assert.equal(e.hint, 'run "rsyncish config reconnect acd:"');
    assert.match(e.message, /invalid_grant/);
    assert.ok(!e.message.includes(issued.refresh_token) && !e.message.includes(issued.access_token));
    return true;
  });
});

test('a remote with no token is refused at open with the reconnect hint', async () => {
  await assert.rejects(h.open({ token: '' , options: { token: undefined } }), (e: unknown) =>
    e instanceof UnauthorizedError && e.hint === 'run "rsyncish config reconnect acd:"');
});

test('a server that replies garbage is a FatalBackendError naming the URL', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>not the drive</html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const b = await h.open({ options: { endpoint: `http://127.0.0.1:${port}/drive/v1/` } });
    await assert.rejects(b.stat('x'), (e: unknown) =>
      e instanceof FatalBackendError && e.message.includes(`http://127.0.0.1:${port}/drive/v1/account/endpoint`) && /not valid JSON/.test(e.message));
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('an unreachable endpoint is retried, then reported naming the server', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  const b = await h.open({ lowLevelRetries: 3, options: { endpoint: `http://127.0.0.1:${port}/drive/v1/` } });
  await assert.rejects(b.stat('x'), (e: unknown) => {
    assert.ok(e instanceof RetryableError);
    assert.match(e.message, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: connection refused`));
    assert.match(e.hint ?? '', /is running/);
    return true;
  });
  assert.ok(h.logs.filter((l) => l.includes('low level retry')).length >= 2);
});
