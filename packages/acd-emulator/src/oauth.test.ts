import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from './harness.js';
import { startEmulator } from './server.js';
import type { Emulator } from './server.js';

const REDIRECT = 'http://127.0.0.1:53682/';
const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

function authorizeUrl(emu: Emulator, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    access_type: 'offline', client_id: 'cid', redirect_uri: REDIRECT, response_type: 'code',
    scope: 'clouddrive:read_all clouddrive:write', state: 'st4te', ...extra,
  });
  return `${emu.url}/ap/oa?${q}`;
}

async function codeFrom(emu: Emulator): Promise<string> {
  const r = await request(authorizeUrl(emu));
  assert.equal(r.status, 302);
  const loc = new URL(r.headers.location!);
  assert.equal(`${loc.origin}${loc.pathname}`, REDIRECT);
  assert.equal(loc.searchParams.get('state'), 'st4te');
  return loc.searchParams.get('code')!;
}

async function exchange(emu: Emulator, body: Record<string, string>, headers: Record<string, string> = {}) {
  return request(`${emu.url}/auth/o2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: form(body),
  });
}

describe('OAuth with enforced client credentials', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ port: 0, clientId: 'cid', clientSecret: 's3cret', autoApprove: true, tokenTtl: '2s' });
  });
  after(() => emu.stop());

  test('code exchange with HTTP Basic gives an LWA-shaped token reply', async () => {
    const code = await codeFrom(emu);
    const r = await exchange(emu, { code, grant_type: 'authorization_code', redirect_uri: REDIRECT }, { Authorization: basic('cid', 's3cret') });
    assert.equal(r.status, 200);
    const t = r.json();
    assert.deepEqual(Object.keys(t).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    assert.match(t.access_token, /^Atza\|/);
    assert.match(t.refresh_token, /^Atzr\|/);
    assert.equal(t.token_type, 'bearer');
    assert.equal(t.expires_in, 2);
    const ok = await request(`${emu.url}/drive/v1/account/endpoint`, { token: t.access_token });
    assert.equal(ok.status, 200);
  });

  test('credentials as form fields work too, for both grants (Go oauth2 fallback)', async () => {
    const code = await codeFrom(emu);
    const r = await exchange(emu, { code, grant_type: 'authorization_code', redirect_uri: REDIRECT, client_id: 'cid', client_secret: 's3cret' });
    assert.equal(r.status, 200);
    const refresh = await exchange(emu, { grant_type: 'refresh_token', refresh_token: r.json().refresh_token, client_id: 'cid', client_secret: 's3cret' });
    assert.equal(refresh.status, 200);
    assert.equal(refresh.json().refresh_token, r.json().refresh_token);
    assert.notEqual(refresh.json().access_token, r.json().access_token);
    const viaBasic = await exchange(emu, { grant_type: 'refresh_token', refresh_token: r.json().refresh_token }, { Authorization: basic('cid', 's3cret') });
    assert.equal(viaBasic.status, 200);
  });

  test('wrong secret is 401 invalid_client; unknown client cannot authorize', async () => {
    const code = await codeFrom(emu);
    const r = await exchange(emu, { code, grant_type: 'authorization_code', redirect_uri: REDIRECT }, { Authorization: basic('cid', 'nope') });
    assert.equal(r.status, 401);
    assert.equal(r.json().error, 'invalid_client');
    const bad = await request(authorizeUrl(emu, { client_id: 'other' }));
    assert.equal(bad.status, 400);
  });

  test('code needs the redirect_uri used at authorize, and is single-use', async () => {
    const code = await codeFrom(emu);
    const auth = { Authorization: basic('cid', 's3cret') };
    const missing = await exchange(emu, { code, grant_type: 'authorization_code' }, auth);
    assert.equal(missing.status, 400);
    assert.equal(missing.json().error, 'invalid_request');
    const code2 = await codeFrom(emu);
    const wrong = await exchange(emu, { code: code2, grant_type: 'authorization_code', redirect_uri: 'http://127.0.0.1:1/' }, auth);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json().error, 'invalid_grant');
    const code3 = await codeFrom(emu);
    assert.equal((await exchange(emu, { code: code3, grant_type: 'authorization_code', redirect_uri: REDIRECT }, auth)).status, 200);
    const again = await exchange(emu, { code: code3, grant_type: 'authorization_code', redirect_uri: REDIRECT }, auth);
    assert.equal(again.json().error, 'invalid_grant');
  });

  test('bad or revoked refresh token is 400 invalid_grant', async () => {
    const auth = { Authorization: basic('cid', 's3cret') };
    const bad = await exchange(emu, { grant_type: 'refresh_token', refresh_token: 'Atzr|nope' }, auth);
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error, 'invalid_grant');
    assert.equal(typeof bad.json().error_description, 'string');
    const t = emu.control.issueToken();
    assert.equal(emu.control.revokeRefreshTokens(t.refresh_token), 1);
    const revoked = await exchange(emu, { grant_type: 'refresh_token', refresh_token: t.refresh_token }, auth);
    assert.equal(revoked.json().error, 'invalid_grant');
    const other = await exchange(emu, { grant_type: 'password' }, auth);
    assert.equal(other.json().error, 'unsupported_grant_type');
  });

  test('missing, unknown and expired access tokens are 401 on every API route; tempLinks need none', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/drive/v1/account/endpoint'], ['GET', '/drive/v1/account/info'], ['GET', '/drive/v1/account/quota'],
      ['GET', '/drive/v1/account/usage'], ['GET', '/drive/v1/nodes'], ['POST', '/drive/v1/nodes'], ['GET', '/drive/v1/nodes/x'],
      ['PATCH', '/drive/v1/nodes/x'], ['DELETE', '/drive/v1/nodes/x'], ['GET', '/drive/v1/nodes/x/children'],
      ['POST', '/drive/v1/nodes/x/children'], ['PUT', '/drive/v1/nodes/x/children/y'], ['DELETE', '/drive/v1/nodes/x/children/y'],
      ['GET', '/drive/v1/trash'], ['PUT', '/drive/v1/trash/x'], ['POST', '/drive/v1/trash/x/restore'], ['POST', '/drive/v1/changes'],
      ['POST', '/cdproxy/nodes'], ['PUT', '/cdproxy/nodes/x/content'], ['GET', '/cdproxy/nodes/x/content'],
    ];
    const t = emu.control.issueToken({ ttl: '300ms' });
    await sleep(350);
    for (const token of [undefined, 'Atza|unknown', t.access_token]) {
      for (const [method, path] of routes) {
        const r = await request(emu.url + path, { method, ...(token ? { token } : {}) });
        assert.equal(r.status, 401, `${method} ${path} with ${token ?? 'no token'}`);
        assert.equal(typeof r.json().message, 'string');
        assert.equal(r.json().code, 'UNAUTHORIZED');
      }
    }
    assert.equal((await request(`${emu.url}/cdproxy/templink/unknown`)).status, 404);
  });

  test('token lifetime follows --token-ttl, and expireAccessTokens forces 401', async () => {
    const t = emu.control.issueToken();
    assert.equal(t.expires_in, 2);
    assert.ok(Math.abs(Date.parse(t.expiry) - Date.now() - 2000) < 500);
    assert.equal((await request(`${emu.url}/drive/v1/account/info`, { token: t.access_token })).status, 200);
    emu.control.expireAccessTokens(t.access_token);
    const r = await request(`${emu.url}/drive/v1/account/info`, { token: t.access_token });
    assert.equal(r.status, 401);
    assert.equal(r.json().message, 'Token has expired');
  });
});

describe('OAuth consent page and open client mode', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(() => emu.stop());

  test('without --auto-approve, /ap/oa shows an Allow button that approves', async () => {
    const page = await request(authorizeUrl(emu));
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.text, /<form method="post" action="\/ap\/oa\/approve">/);
    assert.match(page.text, /value="allow">Allow</);
    const fields = Object.fromEntries([...page.text.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
    const approve = await request(`${emu.url}/ap/oa/approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form({ ...fields, decision: 'allow' }),
    });
    assert.equal(approve.status, 302);
    const loc = new URL(approve.headers.location!);
    assert.equal(loc.searchParams.get('state'), 'st4te');
    const code = loc.searchParams.get('code')!;
    // Any client is accepted when none is configured.
    const r = await exchange(emu, { code, grant_type: 'authorization_code', redirect_uri: REDIRECT }, { Authorization: basic('cid', 'whatever') });
    assert.equal(r.status, 200);
    const deny = await request(`${emu.url}/ap/oa/approve?${new URLSearchParams({ ...fields, decision: 'deny' })}`);
    assert.equal(new URL(deny.headers.location!).searchParams.get('error'), 'access_denied');
  });

  test('every client authorized sees the same drive', async () => {
    const a = emu.control.issueToken({ clientId: 'app-a' }).access_token;
    const b = emu.control.issueToken({ clientId: 'app-b' }).access_token;
    const rootA = (await request(`${emu.url}/drive/v1/nodes?filters=isRoot:true`, { token: a })).json().data[0].id;
    const made = await request(`${emu.url}/drive/v1/nodes`, { method: 'POST', token: a, body: `{"name":"shared","kind":"FOLDER","parents":["${rootA}"]}\n` });
    assert.equal(made.json().createdBy, 'app-a');
    const seen = await request(`${emu.url}/drive/v1/nodes?filters=name:shared`, { token: b });
    assert.equal(seen.json().data[0].id, made.json().id);
  });
});
