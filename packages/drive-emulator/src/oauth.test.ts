import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { request } from './harness.js';
import { startEmulator } from './server.js';
import type { Emulator } from './server.js';

const REDIRECT = 'http://127.0.0.1:53682/';
const VERIFIER = 'v'.repeat(20) + '-._~' + 'A1'.repeat(10);

describe('Google OAuth 2.0', () => {
  let emu: Emulator;
  before(async () => { emu = await startEmulator({ port: 0, autoApprove: true, clientId: 'cid', clientSecret: 'sec', tokenTtl: '1h' }); });
  after(() => emu.stop());

  async function code(params: Record<string, string>): Promise<string> {
    const q = new URLSearchParams({ client_id: 'cid', redirect_uri: REDIRECT, response_type: 'code', scope: 'https://www.googleapis.com/auth/drive', ...params });
    const r = await request(`${emu.url}/o/oauth2/auth?${q}`);
    assert.equal(r.status, 302, r.text);
    return new URL(r.headers.get('location')!).searchParams.get('code')!;
  }
  const token = (form: Record<string, string>, path = '/token') =>
    request(`${emu.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: 'cid', client_secret: 'sec', ...form }).toString() });

  test('S256 PKCE: the right verifier gets tokens in Google\'s shape, with a refresh token when offline', async () => {
    const challenge = createHash('sha256').update(VERIFIER).digest('base64url');
    const c = await code({ code_challenge: challenge, code_challenge_method: 'S256', access_type: 'offline' });
    const r = await token({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    assert.equal(r.status, 200, r.text);
    const body = r.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.match(body.refresh_token, /^1\/\//);

    // Refresh: a new access token and no new refresh token, at /oauth2/v4/token too.
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token }, '/oauth2/v4/token');
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.json().refresh_token, undefined);
    assert.notEqual(refreshed.json().access_token, body.access_token);
    const api = await request(`${emu.url}/drive/v3/files/root?fields=id`, { headers: { Authorization: `Bearer ${refreshed.json().access_token}` } });
    assert.equal(api.status, 200);
  });

  test('plain PKCE, and no refresh token without access_type=offline', async () => {
    const c = await code({ code_challenge: VERIFIER, code_challenge_method: 'plain' });
    const r = await token({ grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    assert.equal(r.status, 200);
    assert.equal(r.json().refresh_token, undefined);
  });

  test('invalid_grant: wrong or missing verifier, reused code, revoked refresh token', async () => {
    const challenge = createHash('sha256').update(VERIFIER).digest('base64url');
    const c1 = await code({ code_challenge: challenge, code_challenge_method: 'S256' });
    let r = await token({ grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT });
    assert.deepEqual([r.status, r.json()], [400, { error: 'invalid_grant', error_description: 'Missing code verifier.' }]);
    r = await token({ grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT, code_verifier: VERIFIER });
    assert.deepEqual([r.status, r.json().error], [400, 'invalid_grant'], 'a code is spent by a failed attempt');
    const c2 = await code({ code_challenge: challenge, code_challenge_method: 'S256' });
    r = await token({ grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT, code_verifier: 'w'.repeat(43) });
    assert.deepEqual(r.json(), { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    const c3 = await code({ access_type: 'offline' });
    r = await token({ grant_type: 'authorization_code', code: c3, redirect_uri: 'http://127.0.0.1:1/other' });
    assert.equal(r.json().error, 'redirect_uri_mismatch');
    const c4 = await code({ access_type: 'offline' });
    const refresh = (await token({ grant_type: 'authorization_code', code: c4, redirect_uri: REDIRECT })).json().refresh_token;
    emu.control.revokeRefreshTokens(refresh);
    r = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    assert.deepEqual([r.status, r.json()], [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }]);
  });

  test('client checks: unknown client is an error page, a wrong secret is 401 invalid_client', async () => {
    const page = await request(`${emu.url}/o/oauth2/auth?client_id=other&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code`);
    assert.equal(page.status, 401);
    assert.match(page.headers.get('content-type')!, /text\/html/);
    assert.match(page.text, /invalid_client/);
    const r = await token({ grant_type: 'refresh_token', refresh_token: 'x', client_secret: 'nope' });
    assert.deepEqual([r.status, r.json().error], [401, 'invalid_client']);
    const g = await token({ grant_type: 'password' });
    assert.deepEqual([g.status, g.json().error], [400, 'unsupported_grant_type']);
  });

  test('without --auto-approve the consent page decides, and Cancel is access_denied', async () => {
    const other = await startEmulator({ port: 0 });
    try {
      const q = new URLSearchParams({ client_id: 'any', redirect_uri: REDIRECT, response_type: 'code', state: 'st' });
      const page = await request(`${other.url}/o/oauth2/v2/auth?${q}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /action="\/o\/oauth2\/approve"/);
      const deny = await request(`${other.url}/o/oauth2/approve`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `${q}&decision=deny` });
      const back = new URL(deny.headers.get('location')!);
      assert.deepEqual([back.searchParams.get('error'), back.searchParams.get('state')], ['access_denied', 'st']);
    } finally {
      await other.stop();
    }
  });
});
