import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { UnauthorizedError } from '../errors/index.js';
import { sendJson, startTestServer } from '../testing/http-server.js';
import { OAuthTokenSource } from './token-source.js';
import { parseToken } from './token.js';

let issued = 0;
let replyRefreshToken = true;
let refuse = false;
let expiresIn = 3600;
const provider = await startTestServer(async (req, res) => {
  if (refuse) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
  // Basic credentials are refused so the form-field retry is exercised.
  if (req.headers.authorization) return sendJson(res, 401, { error: 'invalid_client' });
  const form = new URLSearchParams(req.body);
  assert.equal(form.get('grant_type'), 'refresh_token');
  assert.equal(form.get('client_id'), 'cid');
  await new Promise((r) => setTimeout(r, 30));
  issued++;
  sendJson(res, 200, {
    access_token: `Atza|new${issued}`, token_type: 'bearer', expires_in: expiresIn,
    ...(replyRefreshToken ? { refresh_token: `Atzr|new${issued}` } : {}),
  });
});
after(() => provider.close());

function source(expiry: number | undefined, now: () => number, saved: string[] = []) {
  return new OAuthTokenSource({
    token: { accessToken: 'Atza|old', tokenType: 'bearer', refreshToken: 'Atzr|old', expiry },
    tokenUrl: `${provider.origin}/auth/o2/token`,
    clientId: 'cid',
    clientSecret: 'secret',
    remote: 'acd',
    save: async (s) => {
      saved.push(s);
    },
    now,
  });
}

test('a token valid beyond the 10 s margin is used without refreshing', async () => {
  const now = 1_000_000;
  const ts = source(now + 11_000, () => now);
  assert.equal(await ts.token(), 'Atza|old');
  assert.equal(ts.refreshCount, 0);
});

test('a token within 10 s of expiry is refreshed, and the new token is saved in rclone shape', async () => {
  const now = 1_000_000;
  const saved: string[] = [];
  const ts = source(now + 10_000, () => now, saved);
  const fresh = await ts.token();
  assert.match(fresh, /^Atza\|new\d+$/);
  assert.equal(saved.length, 1);
  const stored = parseToken(saved[0]!);
  assert.equal(stored.accessToken, fresh);
  assert.equal(stored.expiry, now + 3600_000);
  assert.ok(!saved[0]!.includes('Atza|old'));
});

test('concurrent callers share one refresh', async () => {
  const ts = source(0, () => 5_000_000);
  const before = issued;
  const tokens = await Promise.all(Array.from({ length: 8 }, () => ts.token()));
  assert.equal(new Set(tokens).size, 1);
  assert.equal(issued - before, 1);
  assert.equal(ts.refreshCount, 1);
});

test('invalidate() forces one refresh; a stale rejection does not discard a newer token', async () => {
  const ts = source(undefined, () => 1);
  assert.equal(await ts.token(), 'Atza|old');
  ts.invalidate('Atza|old');
  const fresh = await ts.token();
  assert.notEqual(fresh, 'Atza|old');
  ts.invalidate('Atza|old');
  assert.equal(await ts.token(), fresh);
});

test('a refresh reply without refresh_token keeps the old refresh token', async () => {
  replyRefreshToken = false;
  try {
    const saved: string[] = [];
    const ts = source(0, () => 1, saved);
    await ts.token();
    assert.equal(parseToken(saved[0]!).refreshToken, 'Atzr|old');
  } finally {
    replyRefreshToken = true;
  }
});

test('invalid_grant is an UnauthorizedError with the reconnect hint, never showing a token', async () => {
  refuse = true;
  try {
    const ts = source(0, () => 1);
    await assert.rejects(ts.token(), (e: unknown) => {
      assert.ok(e instanceof UnauthorizedError);
      assert.equal(e.hint, 'run "rsyncish config reconnect acd:"');
      assert.match(e.message, /invalid_grant/);
      assert.ok(!e.message.includes('Atzr'));
      return true;
    });
  } finally {
    refuse = false;
  }
});

test('a token issued for less than 20 s is reused until half its lifetime, not refreshed on every call', async () => {
  expiresIn = 4;
  try {
    let now = 7_000_000;
    const saved: string[] = [];
    const ts = source(0, () => now, saved);
    const first = await ts.token();
    assert.equal(ts.refreshCount, 1);
    now += 1_000;
    assert.equal(await ts.token(), first, 'a 4 s token 1 s old is still good');
    assert.equal(await ts.token(), first);
    assert.equal(ts.refreshCount, 1);
    assert.equal(saved.length, 1);
    now += 1_500;
    assert.notEqual(await ts.token(), first, 'past half its lifetime it is refreshed');
    assert.equal(ts.refreshCount, 2);
  } finally {
    expiresIn = 3600;
  }
});
