import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BACKEND_API_VERSION, parseToken, type SetupContext } from '@rsyncish/core';
import { startEmulator, type Emulator } from '@rsyncish/acd-emulator';
import backends from './hooks/backends.js';
import { setupAcd } from './open-acd.js';
import { readAcdOptions } from './options.js';

let emu: Emulator;
before(async () => {
  emu = await startEmulator({ port: 0, autoApprove: true, clientId: 'my-client', clientSecret: 'my-secret' });
});
after(() => emu.stop());

function setupContext(values: Record<string, string>, onLine: (line: string) => void = () => {}): SetupContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    remoteName: 'acd',
    values,
    lines,
    print: (l) => {
      lines.push(l);
      onLine(l);
    },
    ask: async () => '',
    nonInteractive: false,
  };
}

test('setup runs the browser flow against the configured auth/token URLs and returns an rclone-shaped token (C10, C11)', async () => {
  const ctx = setupContext(
    { client_id: 'my-client', client_secret: 'my-secret', auth_url: `${emu.url}/ap/oa`, token_url: `${emu.url}/auth/o2/token` },
    (line) => {
      const link = /go to the following link: (\S+)/.exec(line)?.[1];
      // The "browser": open the local link and follow every redirect to the success page.
      if (link) setTimeout(() => void fetch(link).then((r) => r.text()), 10);
    },
  );
  const result = await setupAcd(ctx, 0);
  const token = parseToken(result['token']!);
  assert.match(token.accessToken, /^Atza\|/);
  assert.match(token.refreshToken, /^Atzr\|/);
  assert.ok(token.expiry! > Date.now() + 3000_000);
  assert.match(ctx.lines[0]!, /^If your browser doesn't open automatically go to the following link: http:\/\/127\.0\.0\.1:\d+\/auth\?state=/);
  assert.deepEqual(ctx.lines.slice(1), ['Log in and authorize rsyncish for access', 'Waiting for code...', 'Got code']);
  const authorize = emu.control.requests().find((r) => r.url.startsWith('/ap/oa'))!;
  const q = new URL(authorize.url, emu.url).searchParams;
  assert.equal(q.get('scope'), 'clouddrive:read_all clouddrive:write');
  assert.equal(q.get('access_type'), 'offline');
  assert.equal(q.get('response_type'), 'code');
  assert.equal(q.get('client_id'), 'my-client');
  assert.match(q.get('redirect_uri')!, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('setup keeps a token pasted from "rsyncish authorize" instead of opening a browser', async () => {
  const pasted = '{"access_token":"Atza|p","token_type":"bearer","refresh_token":"Atzr|p","expiry":"2030-01-01T00:00:00Z"}';
  const ctx = setupContext({ client_id: 'x', token: pasted });
  const result = await setupAcd(ctx, 0);
  assert.deepEqual(parseToken(result['token']!), parseToken(pasted));
  assert.deepEqual(ctx.lines, []);
});

test('the oclif hook returns the acd definition with its options and capabilities', async () => {
  const defs = await backends();
  assert.equal(defs.length, 1);
  const acd = defs[0]!;
  assert.equal(acd.type, 'acd');
  assert.equal(acd.description, 'Amazon Cloud Drive');
  assert.equal(acd.apiVersion, BACKEND_API_VERSION);
  assert.deepEqual(acd.options.map((o) => o.name), [
    'client_id', 'client_secret', 'token', 'auth_url', 'token_url', 'endpoint', 'templink_threshold', 'upload_wait_per_gb', 'checkpoint', 'encoding',
  ]);
  assert.equal(acd.options.find((o) => o.name === 'encoding')!.default, 'Slash,InvalidUtf8,Dot');
  assert.ok(acd.options.find((o) => o.name === 'client_secret')!.secret);
  assert.ok(acd.options.find((o) => o.name === 'token')!.secret);
  assert.equal(acd.options.find((o) => o.name === 'templink_threshold')!.default, '9G');
  assert.equal(acd.options.find((o) => o.name === 'upload_wait_per_gb')!.default, '3m');
  assert.equal(typeof acd.setup, 'function');
});

test('options: defaults are Amazon\'s URLs, 9 GiB and 3 min/GiB; an endpoint gets its trailing slash', () => {
  const client = { client_id: 'c', client_secret: 's' };
  const o = readAcdOptions({ remoteName: 'acd', options: { ...client, endpoint: 'http://127.0.0.1:1/drive/v1' } });
  assert.equal(o.endpoint, 'http://127.0.0.1:1/drive/v1/');
  assert.equal(o.authUrl, 'https://www.amazon.com/ap/oa');
  assert.equal(o.tokenUrl, 'https://api.amazon.com/auth/o2/token');
  assert.equal(o.templinkThreshold, 9 * 1024 ** 3);
  assert.equal(o.names.text, 'Slash,InvalidUtf8,Dot');
  assert.equal(o.uploadWaitPerGiBMs, 180_000);
  assert.throws(() => readAcdOptions({ remoteName: 'acd', options: { ...client, endpoint: 'not a url' } }), /endpoint/);
  assert.throws(() => readAcdOptions({ remoteName: 'acd', options: { client_id: 'c' } }), /option client_secret \(remote "acd"\) is required/);
});
