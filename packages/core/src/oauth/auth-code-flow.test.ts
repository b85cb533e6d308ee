import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sendJson, startTestServer } from '../testing/http-server.js';
import { runAuthCodeFlow } from './auth-code-flow.js';

// A provider that approves at once: /ap/oa redirects back with a code.
const provider = await startTestServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/ap/oa') {
    const back = new URL(url.searchParams.get('redirect_uri')!);
    back.searchParams.set('code', 'the-code');
    back.searchParams.set('state', url.searchParams.get('state')!);
    res.writeHead(302, { location: back.toString() });
    res.end();
    return;
  }
  const form = new URLSearchParams(req.body);
  sendJson(res, 200, { access_token: `Atza|for-${form.get('code')}`, refresh_token: 'Atzr|r', token_type: 'bearer', expires_in: 3600 });
});
after(() => provider.close());

test('runAuthCodeFlow prints the link, follows the browser round trip and exchanges the code', async () => {
  const lines: string[] = [];
  let authorizeRequest: URL | undefined;
  const token = await runAuthCodeFlow({
    authUrl: `${provider.origin}/ap/oa`,
    tokenUrl: `${provider.origin}/auth/o2/token`,
    clientId: 'cid',
    clientSecret: 'csecret',
    scopes: ['clouddrive:read_all', 'clouddrive:write'],
    extraParams: { access_type: 'offline' },
    port: 0,
    print: (l) => lines.push(l),
    // The "browser": follow the redirects from the local /auth page to the end.
    openBrowser: async (url) => {
      setTimeout(async () => {
        const res = await fetch(url);
        assert.equal(res.status, 200);
        assert.match(await res.text(), /Success!/);
        authorizeRequest = new URL(provider.seen.find((r) => r.url.startsWith('/ap/oa'))!.url, provider.origin);
      }, 10);
      return true;
    },
  });
  assert.equal(token.accessToken, 'Atza|for-the-code');
  assert.equal(token.refreshToken, 'Atzr|r');
  assert.match(lines[0]!, /^If your browser doesn't open automatically go to the following link: http:\/\/127\.0\.0\.1:\d+\/auth\?state=[\w-]{22}$/);
  assert.deepEqual(lines.slice(1), ['Log in and authorize rsyncish for access', 'Waiting for code...', 'Got code']);
  const q = authorizeRequest!.searchParams;
  assert.deepEqual([...q.keys()], ['access_type', 'client_id', 'redirect_uri', 'response_type', 'scope', 'state']);
  assert.equal(q.get('scope'), 'clouddrive:read_all clouddrive:write');
  assert.equal(q.get('response_type'), 'code');
  assert.match(authorizeRequest!.search, /scope=clouddrive%3Aread_all\+clouddrive%3Awrite/);
  const exchange = provider.seen.find((r) => r.method === 'POST')!;
  const form = new URLSearchParams(exchange.body);
  assert.equal(form.get('grant_type'), 'authorization_code');
  assert.equal(form.get('code'), 'the-code');
  assert.equal(form.get('redirect_uri'), q.get('redirect_uri'));
  assert.equal(exchange.headers.authorization, `Basic ${Buffer.from('cid:csecret').toString('base64')}`);
});
