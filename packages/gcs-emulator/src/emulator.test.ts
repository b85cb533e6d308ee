import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRange } from './api.js';
import { configSection, parseCli, UsageError } from './cli.js';
import { crc32cBase64, crc32cUpdate } from './crc32c.js';
import { serviceAccountFrom, verifyAssertion } from './jwt-bearer.js';
import { listPage } from './listing.js';
import { startGcsEmulator } from './server.js';
import { parseContentRange } from './uploads.js';

test('crc32c gives the Castagnoli check values, the same whole or in pieces', () => {
  // RFC 3720's check value for "123456789".
  assert.equal(crc32cUpdate(0, Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32cBase64(crc32cUpdate(0, Buffer.from('hello world'))), 'yZRlqg==');
  const data = Buffer.from('the quick brown fox jumps over the lazy dog, twice over');
  assert.equal(crc32cUpdate(crc32cUpdate(0, data.subarray(0, 7)), data.subarray(7)), crc32cUpdate(0, data));
});

test('a delimiter listing rolls names into prefixes and pages on without repeating one', () => {
  const names = ['a/1', 'a/2', 'b', 'c/x/y', 'c/z', 'd'].map((name) => ({ name }));
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const page = listPage(names, { prefix: '', delimiter: '/', maxResults: 2, pageToken: token });
    seen.push(...page.prefixes.map((p) => `p:${p}`), ...page.items.map((o) => `o:${o.name}`));
    token = page.nextPageToken;
  } while (token);
  assert.deepEqual(seen.sort(), ['o:b', 'o:d', 'p:a/', 'p:c/']);
  const below = listPage(names, { prefix: 'c/', delimiter: '/', maxResults: 1000 });
  assert.deepEqual([below.prefixes, below.items.map((o) => o.name)], [['c/x/'], ['c/z']]);
});

test('ranges and content ranges read as GCS reads them', () => {
  assert.deepEqual(parseRange('bytes=2-', 10), { start: 2, end: 9 });
  assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
  assert.deepEqual(parseRange('bytes=0-99', 10), { start: 0, end: 9 });
  assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
  assert.deepEqual(parseContentRange('bytes 0-262143/1000000'), { start: 0, end: 262143, total: 1000000 });
  assert.deepEqual(parseContentRange('bytes */1000000'), { total: 1000000 });
  assert.deepEqual(parseContentRange('bytes 0-9/*'), { start: 0, end: 9 });
  assert.throws(() => parseContentRange('bytes 5-1/9'), /Invalid Content-Range/);
});

test('a JWT bearer assertion is accepted only signed by the registered key, for this token endpoint', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const email = 'sa@demo.iam.gserviceaccount.com';
  const accounts = new Map([[email, serviceAccountFrom({ client_email: email, public_key: publicKey.export({ type: 'spki', format: 'pem' }) })]]);
  const now = Math.floor(Date.now() / 1000);
  const sign = (key: typeof privateKey, claims: object): string => {
    const head = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(key, 'base64url')}`;
  };
  const claims = { iss: email, scope: 'https://www.googleapis.com/auth/devstorage.read_write', aud: 'http://127.0.0.1:1/token', iat: now, exp: now + 3600 };
  assert.equal(verifyAssertion(sign(privateKey, claims), accounts, '/token').iss, email);
  assert.throws(() => verifyAssertion(sign(other.privateKey, claims), accounts, '/token'), /Invalid JWT Signature/);
  assert.throws(() => verifyAssertion(sign(privateKey, { ...claims, aud: 'http://x/elsewhere' }), accounts, '/token'), /aud/);
  assert.throws(() => verifyAssertion(sign(privateKey, { ...claims, exp: now + 7200 }), accounts, '/token'), /short-lived/);
});

test('flags: a mistake is one usage line; --print-config names a section that needs no editing', () => {
  assert.throws(() => parseCli(['--fail-rate', '2']), (err: unknown) => err instanceof UsageError && /--fail-rate must be a number between 0 and 1/.test(err.message));
  assert.throws(() => parseCli(['--rewrite-bytes-per-call', '1000']), /--rewrite-bytes-per-call must be a multiple of 1 MiB/);
  assert.throws(() => parseCli(['--client-secret', 's']), /needs --client-id/);
  const cfg = parseCli(['--print-config', 'gcs', '--client-id', 'cid', '--port', '0']);
  assert.equal(cfg.printConfig, 'gcs');
  const text = configSection('gcs', { endpoint: 'http://h:1/storage/v1/', authUrl: 'http://h:1/o/oauth2/auth', tokenUrl: 'http://h:1/token', projectNumber: '42' }, cfg.options);
  assert.equal(text, '[gcs]\ntype = google cloud storage\nproject_number = 42\nendpoint = http://h:1/storage/v1/\nauth_url = http://h:1/o/oauth2/auth\ntoken_url = http://h:1/token\nclient_id = cid\n');
});

test('with --data, buckets and objects outlive a restart; a failed upload leaves the previous version', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'gcs-emulator-test-'));
  try {
    let emu = await startGcsEmulator({ dataDir });
    const post = (path: string, body: string, headers: Record<string, string> = {}) => fetch(`${emu.url}${path}`, { method: 'POST', body, headers });
    assert.equal((await post('/storage/v1/b?project=1', JSON.stringify({ name: 'kept' }), { 'content-type': 'application/json' })).status, 200);
    assert.equal((await post('/upload/storage/v1/b/kept/o?uploadType=media&name=a%2Fb', 'first')).status, 200);
    // A stated MD5 that is not the body's: refused, nothing replaced.
    const bad = await post('/upload/storage/v1/b/kept/o?uploadType=media&name=a%2Fb', 'second', { 'x-goog-hash': `md5=${Buffer.alloc(16).toString('base64')}` });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /doesn't match calculated MD5 hash/);
    await emu.stop();
    emu = await startGcsEmulator({ dataDir });
    const got = await fetch(`${emu.url}/storage/v1/b/kept/o/a%2Fb?alt=media`);
    assert.equal(await got.text(), 'first');
    await emu.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
