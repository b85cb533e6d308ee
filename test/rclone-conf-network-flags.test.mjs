// The network flags every HTTP backend shares, through core's HTTP client:
// --ca-cert, --client-cert/--client-key, --user-agent and --dump (secrets
// masked). An acd remote talks to the emulator only through an HTTPS front on
// 127.0.0.1 whose certificate comes from a throwaway CA and which demands a
// client certificate (test/support/https-front.mjs).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { startEmulatorProcess } from './support/acd-processes.mjs';
import { makeFrontCertificates, startHttpsFront } from './support/https-front.mjs';
import { haveOpenssl } from './support/tls-proxy.mjs';

const skip = haveOpenssl() ? false : 'the openssl CLI is not installed';
const dir = tempDir('rsyncish-net-flags-');
const config = join(dir, 'rsyncish.conf');
let emu;
let front;
let certs;
let token;

/** No retries: a refused handshake must fail at once, not be tried again. */
const QUICK = ['--low-level-retries', '1', '--retries', '1'];
const run = (args) => rsyncish([...args, ...QUICK], { config, env: { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '' } });
const tls = () => ['--ca-cert', certs.ca, '--client-cert', certs.client.cert, '--client-key', certs.client.key];
const savedToken = () => JSON.parse(/^token = (.*)$/m.exec(readFileSync(config, 'utf8'))[1]);

/** Mark the saved token expired, so the next run begins with a token exchange. */
function expireToken() {
  const expired = JSON.stringify({ ...savedToken(), expiry: '2001-01-01T00:00:00Z' });
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^token = .*$/m, () => `token = ${expired}`), { mode: 0o600 });
}

describe('network flags against an HTTPS server with a self-signed CA', { skip }, () => {
  before(async () => {
    emu = await startEmulatorProcess(['--auto-approve']);
    certs = makeFrontCertificates(dir);
    front = await startHttpsFront({ target: emu.url, certs });
    token = await emu.control('POST', 'tokens', { ttl: '1h' });
    const saved = JSON.stringify({ access_token: token.access_token, token_type: 'bearer', refresh_token: token.refresh_token, expiry: token.expiry });
    writeFileSync(config, ['[acd]', 'type = acd', 'client_id = net-client', 'client_secret = net-secret-value',
      `endpoint = ${front.url}/drive/v1/`, `auth_url = ${front.url}/ap/oa`, `token_url = ${front.url}/auth/o2/token`, `token = ${saved}`, ''].join('\n'), { mode: 0o600 });
  });
  after(async () => {
    await front?.close();
    await emu?.stop();
  });

  test('without --ca-cert the server is not trusted: one fatal line naming the request and --ca-cert, no stack', async () => {
    const r = await run(['lsd', 'acd:']);
    assert.equal(r.code, 7, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /ERROR : GET https:\/\/127\.0\.0\.1:\d+\/drive\/v1\/account\/endpoint: TLS with https:\/\/127\.0\.0\.1:\d+ failed: self-signed certificate in certificate chain \(SELF_SIGNED_CERT_IN_CHAIN\) \(hint: .*--ca-cert FILE\)$/);
    assert.equal(front.seen.length, 0, 'no request got through');
  });

  test('with --ca-cert but no client certificate the server refuses the handshake', async () => {
    const r = await run(['lsd', 'acd:', '--ca-cert', certs.ca]);
    assert.notEqual(r.code, 0, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(front.seen.length, 0, 'no request got through');
  });

  test('with the CA, a client certificate and --user-agent every request goes through, carrying both', async () => {
    expireToken();
    const src = join(dir, 'src');
    makeTree(src, { 'a.txt': 'alpha\n', 'sub/b.txt': 'beta\n' });
    const copy = await run(['copy', src, 'acd:net', ...tls(), '--user-agent', 'rsyncish-test-agent/1.0']);
    assert.equal(copy.code, 0, copy.stderr);
    const ls = await run(['ls', 'acd:net', ...tls()]);
    assert.equal(ls.code, 0, ls.stderr);
    assert.deepEqual(ls.stdout.split('\n').filter(Boolean).map((l) => l.trim()).sort(), ['5 sub/b.txt', '6 a.txt']);
    const ofCopy = front.seen.filter((s) => s.userAgent === 'rsyncish-test-agent/1.0');
    assert.ok(ofCopy.some((s) => s.path.startsWith('/auth/o2/token')), 'the token refresh carried the user agent too');
    assert.ok(ofCopy.some((s) => s.method === 'POST' && /\/cdproxy\/nodes/.test(s.path)), 'so did the uploads');
    assert.ok(front.seen.every((s) => s.clientCN === 'rsyncish-test-client'), 'every request presented the client certificate');
    assert.ok(front.seen.some((s) => s.userAgent !== 'rsyncish-test-agent/1.0'), 'without --user-agent the backend\'s own is sent');
  });

  test('--dump headers,bodies shows each exchange at DEBUG with every secret masked', async () => {
    const before = savedToken();
    expireToken();
    const r = await run(['lsd', 'acd:', ...tls(), '--dump', 'headers,bodies']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /NOTICE: Automatically setting -vv as --dump is enabled/);
    assert.match(r.stderr, /DEBUG : >{60}\n.*DEBUG : HTTP REQUEST \(req \d+\)\n.*DEBUG : GET \/drive\/v1\/account\/endpoint HTTP\/1\.1\nHost: 127\.0\.0\.1:\d+\n/);
    assert.match(r.stderr, /^Authorization: Bearer XXXX$/m);
    assert.match(r.stderr, /DEBUG : HTTP RESPONSE \(req \d+\)\n.*DEBUG : HTTP\/1\.1 200\n/);
    assert.match(r.stderr, /"metadataUrl":"https:\/\/127\.0\.0\.1:\d+\/drive\/v1\/"/, 'response bodies are shown');
    // The saved token had expired, so this run refreshed it: the exchange is in the dump, masked.
    assert.match(r.stderr, /^grant_type=refresh_token&refresh_token=XXXX/m);
    assert.match(r.stderr, /"access_token":"XXXX"/);
    const current = savedToken();
    assert.notEqual(current.access_token, before.access_token, 'the run did refresh the token');
    for (const secret of [before.access_token, before.refresh_token, current.access_token, current.refresh_token, 'net-secret-value']) {
      assert.ok(!r.stderr.includes(secret), 'no token or client secret appears in the dump');
    }
  });

  test('--dump headers shows no bodies; --dump auth shows the Authorization header as sent', async () => {
    const headers = await run(['lsd', 'acd:', ...tls(), '--dump', 'headers']);
    assert.equal(headers.code, 0, headers.stderr);
    assert.match(headers.stderr, /HTTP REQUEST/);
    assert.doesNotMatch(headers.stderr, /metadataUrl/);
    const auth = await run(['lsd', 'acd:', ...tls(), '--dump', 'auth']);
    assert.equal(auth.code, 0, auth.stderr);
    assert.match(auth.stderr, /^Authorization: Bearer (?!XXXX)\S+$/m);
  });

  test('-vv alone logs no line per HTTP request: as rclone 1.60 (fs/fshttp), only --dump shows them', async () => {
    const r = await run(['lsd', 'acd:', ...tls(), '-vv']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /DEBUG : /, 'debug lines are shown');
    assert.doesNotMatch(r.stderr, /HTTP REQUEST|HTTP RESPONSE|>{60}|<{60}/);
  });

  test('bad network flags are one-line usage errors, exit 1', async () => {
    const cases = [
      [['--client-cert', certs.client.cert], /both --client-cert and --client-key must be set/],
      [['--ca-cert', join(dir, 'no-such.pem')], /failed to read --ca-cert .*no-such\.pem: ENOENT/],
      [['--ca-cert', config], /failed to add certificates from --ca-cert/],
      [['--dump', 'headers,nonsense'], /--dump: unknown item "nonsense"/],
    ];
    for (const [flags, message] of cases) {
      const r = await run(['lsd', 'acd:', ...flags]);
      assert.equal(r.code, 1, `${flags.join(' ')}: ${r.stderr}`);
      const lines = r.stderr.trim().split('\n').filter((l) => !/DEBUG|NOTICE/.test(l));
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], message);
      assert.match(lines[0], /\(hint: /);
    }
    // As every global flag, --ca-cert may come from the environment.
    const fromEnv = await rsyncish(['lsd', 'acd:', ...QUICK], { config, env: { RSYNCISH_CA_CERT: join(dir, 'no-such.pem') } });
    assert.equal(fromEnv.code, 1, fromEnv.stderr);
    assert.match(fromEnv.stderr, /failed to read --ca-cert .*no-such\.pem: ENOENT/);
  });
});
