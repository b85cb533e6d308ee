import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyText, dumpRequest, dumpResponse, maskBody } from './http-dump.js';
import type { HttpDump } from './transport.js';

function recorder(over: Partial<HttpDump> = {}): { dump: HttpDump; text: () => string } {
  const lines: string[] = [];
  return { dump: { headers: true, requestBodies: true, responseBodies: true, auth: false, write: (l) => lines.push(l), ...over }, text: () => lines.join('\n') };
}

test('a dumped request masks credential headers but keeps their scheme, and shows the body with secret fields masked', () => {
  const r = recorder();
  dumpRequest(r.dump, {
    id: 7, method: 'POST', url: new URL('https://h.test/auth/o2/token?x=1'),
    headers: { authorization: 'Basic c2VjcmV0', 'x-auth-key': 'testing', 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&refresh_token=Atzr%7Csecret&client_secret=shh',
  });
  const text = r.text();
  assert.match(text, /^>{60}\nHTTP REQUEST \(req 7\)\nPOST \/auth\/o2\/token\?x=1 HTTP\/1\.1\nHost: h\.test\n/);
  assert.match(text, /Authorization: Basic XXXX\nX-Auth-Key: XXXX\n/);
  assert.match(text, /grant_type=refresh_token&refresh_token=XXXX&client_secret=XXXX/);
  assert.doesNotMatch(text, /c2VjcmV0|testing|Atzr|shh/);
});

test('--dump auth shows header credentials; bodies stay masked', () => {
  const r = recorder({ auth: true });
  dumpRequest(r.dump, { id: 1, method: 'GET', url: new URL('http://h.test/'), headers: { authorization: 'Bearer abc' }, body: '{"password":"p"}' });
  assert.match(r.text(), /Authorization: Bearer abc/);
  assert.match(r.text(), /\{"password":"XXXX"\}/);
});

test('headers only: no bodies; a response shows its status and masks tokens in JSON and XML', () => {
  const h = recorder({ requestBodies: false, responseBodies: false });
  dumpRequest(h.dump, { id: 2, method: 'PUT', url: new URL('http://h.test/f'), headers: {}, body: 'file bytes' });
  assert.doesNotMatch(h.text(), /file bytes/);
  const r = recorder();
  dumpResponse(r.dump, { id: 3, status: 200, headers: { 'x-storage-token': 'AUTH_tk1', 'content-type': 'application/json' },
    body: Buffer.from('{"access_token":"a","token_type":"bearer","nested":{"refresh_token":"r"}}') });
  assert.match(r.text(), /HTTP RESPONSE \(req 3\)\nHTTP\/1\.1 200\nX-Storage-Token: XXXX/);
  assert.match(r.text(), /\{"access_token":"XXXX","token_type":"bearer","nested":\{"refresh_token":"XXXX"\}\}/);
  assert.equal(maskBody('<Key>a/b</Key><SessionToken>s</SessionToken>', 'application/xml'), '<Key>a/b</Key><SessionToken>XXXX</SessionToken>');
});

test('binary and long bodies are described, not printed', () => {
  assert.equal(bodyText(Buffer.from([0, 1, 2, 255]), 'application/octet-stream'), '<4 bytes of application/octet-stream, not shown>');
  assert.match(bodyText('x'.repeat(70_000), 'text/plain'), /\n<4464 more bytes not shown>$/);
});
