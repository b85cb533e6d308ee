// How a gcs remote signs in: the browser login's token (refreshed when the
// server stops taking it, and saved), and the setup step of `rsyncish config`.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConfigError, serializeToken, silentLogger, type BackendContext } from '@rsyncish/core';
import { startGcsEmulator, type GcsEmulator } from '@rsyncish/gcs-emulator';
import { gcsBackend } from './definition.js';
import { setupGcs } from './open-gcs.js';

let emu: GcsEmulator;
before(async () => {
  emu = await startGcsEmulator({ requireAuth: true, clientId: 'cid', clientSecret: 'secret', autoApprove: true });
});
after(async () => {
  await emu.stop();
});

/** What a browser and the redirect server do: follow the consent to the code, trade it for a token. */
async function loginToken(): Promise<string> {
  const redirect = 'http://127.0.0.1:1/';
  const consent = await fetch(`${emu.authUrl}?client_id=cid&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&state=s`, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(emu.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'cid', client_secret: 'secret', redirect_uri: redirect }),
  });
  const t = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
  return serializeToken({ accessToken: t.access_token, refreshToken: t.refresh_token, tokenType: 'Bearer', expiry: Date.now() + t.expires_in * 1000 });
}

test('an OAuth remote works with its token, and refreshes and saves it when the server stops taking it', async () => {
  const saved: Record<string, string>[] = [];
  const ctx: BackendContext = {
    remoteName: 'oauth',
    root: 'login-bucket',
    rawRoot: 'login-bucket',
    options: { client_id: 'cid', client_secret: 'secret', token: await loginToken(), token_url: emu.tokenUrl, endpoint: emu.endpoint, project_number: emu.projectNumber },
    logger: silentLogger,
    saveOptions: async (v) => void saved.push(v),
    now: () => Date.now(),
    globals: { lowLevelRetries: 3, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
  };
  const backend = await gcsBackend.create(ctx);
  try {
    await backend.mkdir('');
    await fetch(`${emu.url}/_emulator/expire-tokens`, { method: 'POST' });
    const entries = [];
    for await (const e of backend.list('')) entries.push(e);
    assert.deepEqual(entries, []);
    assert.equal(saved.length, 1, 'the refreshed token is saved');
    assert.match(saved[0]!['token']!, /"refresh_token"/);
  } finally {
    await backend.close?.();
  }
});

test('the setup needs no login with a service account or anonymous access, and a client_id for the browser login', async () => {
  const base = { remoteName: 'g', print: () => {}, ask: async () => '', nonInteractive: true };
  assert.deepEqual(await setupGcs({ ...base, values: { service_account_file: '/keys/sa.json' } }), {});
  assert.deepEqual(await setupGcs({ ...base, values: { anonymous: 'true' } }), {});
  // rclone would log in with its own Google app; rsyncish has none (docs/rclone-differences.md).
  await assert.rejects(setupGcs({ ...base, values: {} }), (err: unknown) => err instanceof ConfigError && /client_id is needed for the browser login/.test(err.message));
});
