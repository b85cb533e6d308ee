import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from '../testing/http-server.js';
import { basicAuthHeader, HttpClient } from './http-client.js';
import type { HttpDump } from './transport.js';

const auth = { user: 'webdav-user', password: 'pässwörd-s3cret' };
const expected = `Basic ${Buffer.from('webdav-user:pässwörd-s3cret', 'utf8').toString('base64')}`;

function dumpInto(lines: string[], more: Partial<HttpDump> = {}): HttpDump {
  return { headers: true, requestBodies: true, responseBodies: true, auth: false, write: (l) => lines.push(l), ...more };
}

test('basicAuth sends the user and password as RFC 7617 basic auth', async (t) => {
  const server = await startTestServer((_req, res) => void res.end('ok'));
  t.after(() => server.close());
  const http = new HttpClient({ basicAuth: auth });
  t.after(() => http.close());
  const res = await http.request({ method: 'GET', url: `${server.origin}/dav/` });
  res.body.resume();
  assert.equal(basicAuthHeader(auth), expected);
  assert.equal(server.seen[0]!.headers.authorization, expected);
});

test('basicAuth is not sent where auth is off, nor after a redirect to another origin', async (t) => {
  const other = await startTestServer((_req, res) => void res.end('elsewhere'));
  t.after(() => other.close());
  const server = await startTestServer((req, res) => {
    if (req.url === '/away') {
      res.writeHead(302, { location: `${other.origin}/x` });
      return void res.end();
    }
    res.end('ok');
  });
  t.after(() => server.close());
  const http = new HttpClient({ basicAuth: auth });
  t.after(() => http.close());
  (await http.request({ method: 'GET', url: `${server.origin}/public`, auth: false })).body.resume();
  (await http.request({ method: 'GET', url: `${server.origin}/away` })).body.resume();
  assert.equal(server.seen[0]!.headers.authorization, undefined);
  assert.equal(server.seen[1]!.headers.authorization, expected);
  assert.equal(other.seen[0]!.headers.authorization, undefined);
});

test('--dump shows basic auth as "Basic XXXX": neither the password nor its base64 is logged', async (t) => {
  const server = await startTestServer((_req, res) => void res.end('ok'));
  t.after(() => server.close());
  const lines: string[] = [];
  const http = new HttpClient({ basicAuth: auth, transport: { dump: dumpInto(lines) } });
  t.after(() => http.close());
  (await http.request({ method: 'PROPFIND', url: `${server.origin}/dav/`, body: '<propfind/>', headers: { 'content-type': 'application/xml' } })).body.resume();
  const log = lines.join('\n');
  assert.match(log, /^Authorization: Basic XXXX$/m);
  assert.ok(!log.includes(auth.password), 'the password is in the dump');
  assert.ok(!log.includes(expected.slice('Basic '.length)), 'the encoded credentials are in the dump');
});

test('--dump auth shows the credentials as sent, as rclone does when asked', async (t) => {
  const server = await startTestServer((_req, res) => void res.end('ok'));
  t.after(() => server.close());
  const lines: string[] = [];
  const http = new HttpClient({ basicAuth: auth, transport: { dump: dumpInto(lines, { auth: true }) } });
  t.after(() => http.close());
  (await http.request({ method: 'GET', url: `${server.origin}/dav/` })).body.resume();
  assert.ok(lines.join('\n').includes(`Authorization: ${expected}`));
});
