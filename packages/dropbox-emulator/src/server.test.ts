// The emulator over real sockets: what clients other than the SDK depend on (status codes,
// plain-text 400s, OAuth details) and that a --data emulator keeps files and tokens.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startEmulator } from './server.js';
import type { Emulator } from './server.js';

type Json = Record<string, any>;
const json = (res: Response): Promise<Json> => res.json() as Promise<Json>;

const running: Emulator[] = [];
after(async () => {
  await Promise.all(running.map((e) => e.stop()));
});

async function start(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator(options);
  running.push(emu);
  return emu;
}

function rpc(emu: Emulator, token: string, route: string, args: unknown): Promise<Response> {
  return fetch(`${emu.url}/2/${route}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
}

function upload(emu: Emulator, token: string, path: string, data: string): Promise<Response> {
  return fetch(`${emu.url}/2/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': JSON.stringify({ path, mode: 'overwrite' }) },
    body: data,
  });
}

test('bad input is a plain-text 400 naming the route; a bad token is 401 invalid_access_token', async () => {
  const emu = await start();
  const token = emu.control.issueToken().access_token;
  const bad = await fetch(`${emu.url}/2/files/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': '{nope' }, body: 'x' });
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /^Error in call to API function "files\/upload": HTTP header "Dropbox-API-Arg": could not decode input as JSON/);
  const noAuth = await fetch(`${emu.url}/2/files/list_folder`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"path":""}' });
  assert.equal(noAuth.status, 400);
  const wrong = await rpc(emu, 'sl.nope', 'files/list_folder', { path: '' });
  assert.equal(wrong.status, 401);
  assert.deepEqual((await json(wrong)).error, { '.tag': 'invalid_access_token' });
  const type = await fetch(`${emu.url}/2/files/list_folder`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: '{"path":""}' });
  assert.equal(type.status, 400);
});

test('non-ASCII names come back escaped in Dropbox-API-Result', async () => {
  const emu = await start();
  const token = emu.control.issueToken().access_token;
  const up = await fetch(`${emu.url}/2/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': '{"path":"/caf\\u00e9.txt"}' },
    body: 'x',
  });
  assert.equal(up.status, 200);
  const dl = await fetch(`${emu.url}/2/files/download`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Dropbox-API-Arg': '{"path":"/CAF\\u00c9.txt"}' } });
  assert.match(dl.headers.get('dropbox-api-result')!, /"name":"caf\\u00e9\.txt"/);
  assert.equal(await dl.text(), 'x');
});

test('rate limit: requests past N a second are 429 too_many_requests with Retry-After', async () => {
  const emu = await start({ faults: { rateLimit: 1 } });
  const token = emu.control.issueToken().access_token;
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await rpc(emu, token, 'users/get_space_usage', null)).status);
  assert.ok(statuses.includes(429), statuses.join());
});

test('too many writes: batch entries fail alone with too_many_write_operations', async () => {
  const emu = await start({ faults: { tooManyWritesRate: 1 } });
  const token = emu.control.issueToken().access_token;
  const write = await upload(emu, token, '/a.txt', 'a');
  assert.equal(write.status, 429);
  assert.equal(write.headers.get('retry-after'), '1');
  const read = await rpc(emu, token, 'files/list_folder', { path: '' });
  assert.equal(read.status, 200, 'reads are not refused');
});

function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

async function code(emu: Emulator, params: Record<string, string>): Promise<string> {
  const res = await fetch(`${emu.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', ...params })}`, { redirect: 'manual' });
  assert.equal(res.status, 302);
  return new URL(res.headers.get('location')!).searchParams.get('code')!;
}

function tokenRequest(emu: Emulator, params: Record<string, string>): Promise<Response> {
  return fetch(`${emu.url}/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
}

test('OAuth: PKCE needs the right verifier; secret clients need the secret; refresh keeps the refresh token', async () => {
  const emu = await start({ autoApprove: true, clientId: 'app', clientSecret: 's3cret' });
  const redirect_uri = 'http://127.0.0.1:9/cb';
  const verifier = randomBytes(40).toString('base64url');
  const pkceCode = await code(emu, { client_id: 'app', redirect_uri, token_access_type: 'offline', code_challenge: challengeFor(verifier), code_challenge_method: 'S256' });
  const wrongVerifier = await tokenRequest(emu, { grant_type: 'authorization_code', code: pkceCode, client_id: 'app', redirect_uri, code_verifier: 'x'.repeat(50) });
  assert.equal(wrongVerifier.status, 400);
  assert.equal((await json(wrongVerifier)).error, 'invalid_grant');

  const secretCode = await code(emu, { client_id: 'app', redirect_uri, token_access_type: 'offline' });
  const noSecret = await tokenRequest(emu, { grant_type: 'authorization_code', code: secretCode, client_id: 'app', redirect_uri });
  assert.equal((await json(noSecret)).error, 'invalid_client');
  const secretCode2 = await code(emu, { client_id: 'app', redirect_uri, token_access_type: 'offline' });
  const ok = await tokenRequest(emu, { grant_type: 'authorization_code', code: secretCode2, client_id: 'app', client_secret: 's3cret', redirect_uri });
  const granted = await json(ok);
  assert.equal(ok.status, 200);
  assert.ok(granted.refresh_token && granted.account_id && granted.uid);
  const refreshed = await json(await tokenRequest(emu, { grant_type: 'refresh_token', refresh_token: granted.refresh_token, client_id: 'app', client_secret: 's3cret' }));
  assert.match(refreshed.access_token, /^sl\./);
  assert.equal(refreshed.refresh_token, undefined, 'Dropbox does not hand out a new refresh token');

  const online = await code(emu, { client_id: 'app', redirect_uri, token_access_type: 'online' });
  const onlineTokens = await json(await tokenRequest(emu, { grant_type: 'authorization_code', code: online, client_id: 'app', client_secret: 's3cret', redirect_uri }));
  assert.equal(onlineTokens.refresh_token, undefined, 'online access gets no refresh token');
});

test('a --data emulator keeps files and tokens across a restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dbx-data-'));
  try {
    const first = await startEmulator({ dataDir });
    const token = first.control.issueToken().access_token;
    assert.equal((await upload(first, token, '/Kept/File.txt', 'kept')).status, 200);
    await first.stop();
    const second = await start({ dataDir });
    const meta = await rpc(second, token, 'files/get_metadata', { path: '/kept/file.txt' });
    assert.equal(meta.status, 200);
    assert.equal((await json(meta)).path_display, '/Kept/File.txt');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a lost reply: the upload is answered 503 but stored, as a client retrying must find out', async () => {
  const emu = await start({ faults: { lostReplyRate: 1 } });
  const token = emu.control.issueToken().access_token;
  const up = await upload(emu, token, '/lost.txt', 'stored anyway');
  assert.equal(up.status, 503);
  emu.control.setFaults({ lostReplyRate: 0 });
  const meta = await rpc(emu, token, 'files/get_metadata', { path: '/lost.txt' });
  assert.equal((await json(meta)).size, 'stored anyway'.length);
});

test('finish_batch_v2: a malformed path fails its entry alone; a null entry is the request\'s 400', async () => {
  const emu = await start();
  const token = emu.control.issueToken().access_token;
  const session = async (): Promise<string> => {
    const res = await fetch(`${emu.url}/2/files/upload_session/start`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': '{"close":true}' },
      body: 'abc',
    });
    return (await json(res)).session_id as string;
  };
  const entries = [
    { cursor: { session_id: await session(), offset: 3 }, commit: { path: '/ok.txt' } },
    { cursor: { session_id: await session(), offset: 3 }, commit: { path: '/a/../b.txt' } },
  ];
  const res = await json(await rpc(emu, token, 'files/upload_session/finish_batch_v2', { entries }));
  assert.deepEqual(res.entries.map((e: Json) => e['.tag']), ['success', 'failure']);
  assert.deepEqual(res.entries[1].failure, { '.tag': 'path', path: { '.tag': 'malformed_path' } });
  const bad = await rpc(emu, token, 'files/upload_session/finish_batch_v2', { entries: [null] });
  assert.equal(bad.status, 400);
});
