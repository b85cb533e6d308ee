import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BACKEND_GLOBALS, HttpClient, pacerFor, RetryableError, type BackendDefinition } from '@rsyncish/core';
import { createTestContext } from './test-context.js';
import { countTpsSlots } from './tps-slots.js';

const definition: Pick<BackendDefinition, 'type' | 'options'> = {
  type: 'webdav',
  options: [
    { name: 'url', help: 'URL', type: 'string', required: true },
    { name: 'chunk_size', help: 'Chunk', type: 'size', default: '10M' },
    { name: 'pacer_min_sleep', help: 'Sleep', type: 'duration', default: '10ms' },
    { name: 'md5', help: 'Server computes md5', type: 'bool', default: 'false' },
  ],
};

test('with a definition, option values are parsed, defaulted and read from env vars as when rsyncish opens the remote', () => {
  const ctx = createTestContext({
    definition,
    options: { url: 'http://127.0.0.1:1/dav', chunk_size: '5M' },
    env: { RSYNCISH_WEBDAV_MD5: 'true' },
  });
  assert.deepEqual(ctx.options, { url: 'http://127.0.0.1:1/dav', chunk_size: 5 * 1024 * 1024, pacer_min_sleep: 10, md5: true });
});

test('with a definition, a missing required option is refused as rsyncish refuses it', () => {
  assert.throws(() => createTestContext({ definition, options: {} }), (err: { code?: string; message: string }) => {
    assert.match(err.message, /url/);
    return true;
  });
});

test('without a definition, options reach the backend as given', () => {
  assert.deepEqual(createTestContext({ options: { token: 'x', n: 3 } }).options, { token: 'x', n: 3 });
});

test("the context has rclone's global defaults, the given overrides, and a cleaned root", () => {
  const ctx = createTestContext({ globals: { lowLevelRetries: 2 }, root: '/backup/x/', remoteName: 'dav' });
  assert.equal(ctx.globals.lowLevelRetries, 2);
  assert.equal(ctx.globals.timeoutMs, DEFAULT_BACKEND_GLOBALS.timeoutMs);
  assert.equal(ctx.globals.tpsLimit, 0);
  assert.equal(ctx.root, 'backup/x');
  assert.equal(ctx.rawRoot, '/backup/x/');
  assert.equal(ctx.remoteName, 'dav');
});

test('log lines and saved option values are kept for the test to read', async () => {
  const ctx = createTestContext({ globals: { lowLevelRetries: 2 } });
  ctx.logger.notice('a notice');
  await ctx.saveOptions({ token: '{"access_token":"a"}' });
  // A pacer made from the context logs its retries through the context's logger.
  const pacer = pacerFor(ctx, { settings: { minSleepMs: 0, maxSleepMs: 0 }, sleep: async () => {} });
  let calls = 0;
  await pacer.call(async () => {
    if (++calls === 1) throw new RetryableError('busy');
  }, 'list');
  assert.deepEqual(ctx.logs, [
    { level: 'notice', message: 'a notice' },
    { level: 'info', message: 'list: low level retry 1/2 (error busy)' },
  ]);
  assert.deepEqual(ctx.saved, [{ token: '{"access_token":"a"}' }]);
});

test('dump: true sends the HTTP of clients made with the context to the log, as --dump headers', async (t) => {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const ctx = createTestContext({ dump: true });
  const http = new HttpClient({ transport: ctx.globals.http, basicAuth: { user: 'u', password: 'hunter2' } });
  t.after(() => http.close());
  const port = (server.address() as { port: number }).port;
  (await http.request({ method: 'GET', url: `http://127.0.0.1:${port}/x` })).body.resume();
  const dumped = ctx.logs.filter((l) => l.level === 'debug').map((l) => l.message).join('\n');
  assert.match(dumped, /^GET \/x HTTP\/1\.1$/m);
  assert.match(dumped, /^Authorization: Basic XXXX$/m);
  assert.ok(!dumped.includes('hunter2'));
});

test('a pacer made from a context with tpsLimit takes one slot of the process-wide limiter per call', async (t) => {
  const slots = countTpsSlots(1000);
  t.after(() => slots.stop());
  const noWait = { settings: { minSleepMs: 0, maxSleepMs: 0 }, sleep: async () => {} };
  const paced = pacerFor(createTestContext({ globals: { tpsLimit: 1000 } }), noWait);
  for (let i = 0; i < 4; i++) await paced.call(async () => i);
  await pacerFor(createTestContext(), noWait).call(async () => 0);
  assert.equal(slots.taken, 4);
});
