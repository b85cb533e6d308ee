// A remote whose server is not running fails within its low-level retries,
// says each retry at -v, and ends with one line naming the URL (exit 5).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { rsyncish, tempDir } from '../helpers.mjs';

/** A port on 127.0.0.1 that was free a moment ago and has nothing listening now. */
async function deadPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function deadRemote() {
  const dir = tempDir('rsyncish-dead-');
  const base = `http://127.0.0.1:${await deadPort()}`;
  const config = join(dir, 'rsyncish.conf');
  const token = JSON.stringify({ access_token: 'AT', token_type: 'bearer', refresh_token: 'RT', expiry: '2099-01-01T00:00:00Z' });
  writeFileSync(config, [
    '[dead]', 'type = acd', 'client_id = c', 'client_secret = s',
    `endpoint = ${base}/drive/v1/`, `auth_url = ${base}/ap/oa`, `token_url = ${base}/auth/o2/token`, `token = ${token}`, '',
  ].join('\n'));
  return { config, base };
}

const retryLines = (stderr) => stderr.split('\n').filter((l) => / INFO {2}: .*low level retry \d+\/\d+ \(error /.test(l));
const errorLines = (stderr) => stderr.split('\n').filter((l) => l.startsWith('ERROR : '));

test('ls of a dead endpoint: 9 retries logged at -v with the default 10 attempts, then one error line, exit 5', async () => {
  const { config, base } = await deadRemote();
  const r = await rsyncish(['ls', 'dead:', '-v'], { config });
  assert.equal(r.code, 5, r.stderr);
  const retries = retryLines(r.stderr);
  assert.deepEqual(retries.map((l) => /low level retry (\d+\/\d+)/.exec(l)[1]), ['1/10', '2/10', '3/10', '4/10', '5/10', '6/10', '7/10', '8/10', '9/10']);
  for (const line of retries) assert.ok(line.includes(`GET ${base}/drive/v1/account/endpoint`), line);
  const errors = errorLines(r.stderr);
  assert.equal(errors.length, 1, r.stderr);
  assert.match(errors[0], new RegExp(`^ERROR : GET ${base}/drive/v1/account/endpoint: cannot reach ${base}: connection refused \\(ECONNREFUSED\\) \\(hint: check that the server at ${base} is running`));
  assert.equal(r.stdout, '');
});

test('--low-level-retries bounds the attempts: 3 means two retries; 1 means one attempt and none', async () => {
  const { config } = await deadRemote();
  const three = await rsyncish(['ls', 'dead:', '-v', '--low-level-retries', '3'], { config });
  assert.equal(three.code, 5, three.stderr);
  assert.equal(retryLines(three.stderr).length, 2, three.stderr);
  const one = await rsyncish(['lsd', 'dead:', '-v', '--low-level-retries', '1'], { config });
  assert.equal(one.code, 5, one.stderr);
  assert.equal(retryLines(one.stderr).length, 0, one.stderr);
  assert.equal(errorLines(one.stderr).length, 1, one.stderr);
});

test('without -v a dead endpoint prints exactly one line: the error with its hint', async () => {
  const { config, base } = await deadRemote();
  const r = await rsyncish(['ls', 'dead:', '--low-level-retries', '2'], { config });
  assert.equal(r.code, 5, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], new RegExp(`^ERROR : GET ${base}/.*connection refused.*\\(hint: `));
});
