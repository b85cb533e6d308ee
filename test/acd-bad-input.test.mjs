// Acceptance 4: what a user sees when the ACD side is wrong: a one-line error
// with a hint, the documented exit code, and nothing half-written.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { CLIENT_ID, CLIENT_SECRET, createAcdRemote, rsyncishInteractive, startEmulatorProcess } from './support/acd-processes.mjs';

let emu;
before(async () => {
  emu = await startEmulatorProcess(['--auto-approve', '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET]);
});
after(() => emu?.stop());

function fresh() {
  const dir = tempDir('rsyncish-acd-bad-');
  return { dir, config: join(dir, 'rsyncish.conf') };
}

/** Exactly one line on stderr, `ERROR : ...`, carrying the hint. */
function assertOneLineError(r, code, pattern, hint) {
  assert.equal(r.code, code, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^ERROR : /);
  assert.match(lines[0], pattern);
  assert.match(lines[0], hint);
}

test('a wrong client secret: config create fails in one line (exit 7) and writes no remote', async () => {
  const { config } = fresh();
  const r = await rsyncishInteractive(['config', 'create', 'remote', 'acd', `client_id=${CLIENT_ID}`, 'client_secret=wrong',
    `endpoint=${emu.urls.endpoint}`, `auth_url=${emu.urls.auth_url}`, `token_url=${emu.urls.token_url}`], { config });
  assert.equal(r.code, 7, r.stderr);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
  assert.equal(errors.length, 1, r.stderr);
  assert.match(errors[0], /invalid_client/);
  assert.match(errors[0], /hint: /);
  assert.doesNotMatch(r.stderr, /wrong/, 'the secret is not echoed');
  assert.equal(existsSync(config) ? readFileSync(config, 'utf8') : '', '');
});

test('a revoked refresh token: one line with the reconnect hint (exit 7); config reconnect fixes it', async () => {
  const { dir, config } = fresh();
  await createAcdRemote(emu, config);
  makeTree(join(dir, 'src'), { 'x.txt': 'x' });
  await emu.control('POST', 'tokens/revoke', {});
  await emu.control('POST', 'tokens/expire', {});
  const r = await rsyncish(['lsd', 'remote:'], { config });
  assertOneLineError(r, 7, /invalid_grant/, /hint: run "rsyncish config reconnect remote:"/);
  assert.doesNotMatch(r.stderr, /Atz[ar]\|/, 'no token in the message');
  const copy = await rsyncish(['copy', join(dir, 'src'), 'remote:dst', '--retries', '1'], { config });
  assert.equal(copy.code, 7, copy.stderr);
  assert.match(copy.stderr.trim().split('\n').at(-1), /^ERROR : .*invalid_grant.*\(hint: run "rsyncish config reconnect remote:"\)$/);
  assert.doesNotMatch(copy.stderr, /Atz[ar]\|/);
  const before = readFileSync(config, 'utf8');
  const fixed = await rsyncishInteractive(['config', 'reconnect', 'remote:'], { config, input: 'y\n' });
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.match(fixed.page, /Success!/);
  const afterText = readFileSync(config, 'utf8');
  assert.notEqual(afterText, before);
  assert.equal(afterText.replace(/^token = .*$/m, ''), before.replace(/^token = .*$/m, ''), 'only the token changed');
  const ok = await rsyncish(['copy', join(dir, 'src'), 'remote:dst', '-q'], { config });
  assert.equal(ok.code, 0, ok.stderr);
});

test('the emulator down: one line naming the URL, exit 5, nothing written at the destination', async () => {
  const { dir, config } = fresh();
  const down = await startEmulatorProcess(['--auto-approve']);
  await createAcdRemote(down, config);
  await down.stop();
  const r = await rsyncish(['copy', 'remote:', join(dir, 'dst'), '--low-level-retries', '2', '--retries', '1'], { config });
  assertOneLineError(r, 5, /cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused/, /hint: check that the server/);
  assert.equal(existsSync(join(dir, 'dst')), false);
});

test('a reply that is not the Drive API\'s JSON: one line naming the URL, exit 7', async () => {
  const { dir, config } = fresh();
  await createAcdRemote(emu, config);
  const junk = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"metadataUrl": [1, 2');
  });
  await new Promise((resolve) => junk.listen(0, '127.0.0.1', resolve));
  try {
    const endpoint = `http://127.0.0.1:${junk.address().port}/drive/v1/`;
    const r = await rsyncish(['copy', 'remote:', join(dir, 'dst'), '--acd-endpoint', endpoint, '--low-level-retries', '1', '--retries', '1'], { config });
    assertOneLineError(r, 7, /account\/endpoint: reply is not valid JSON/, /hint: the server is not speaking the expected API/);
    assert.equal(existsSync(join(dir, 'dst')), false);
  } finally {
    junk.close();
  }
});

test('names another client could plant (".." and "a/b") arrive as the names ．． and a／b, as rclone reads them; nothing escapes the destination', async () => {
  const { dir, config } = fresh();
  await createAcdRemote(emu, config);
  makeTree(join(dir, 'src'), { 'good.txt': 'good' });
  assert.equal((await rsyncish(['copy', join(dir, 'src'), 'remote:planted', '-q'], { config })).code, 0);
  const { nodes } = await emu.control('GET', 'nodes');
  const folder = nodes.find((n) => n.name === 'planted' && n.kind === 'FOLDER');
  await emu.control('POST', 'nodes', { name: '..', parentId: folder.id, content: 'dot dot' });
  await emu.control('POST', 'nodes', { name: 'a/b', parentId: folder.id, content: 'slash' });
  const dst = join(dir, 'out', 'dst');
  const r = await rsyncish(['copy', 'remote:planted', dst, '--retries', '1', '--stats', '0'], { config });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(dst).sort(), ['a／b', 'good.txt', '．．']);
  assert.equal(readFileSync(join(dst, '．．'), 'utf8'), 'dot dot');
  assert.equal(readFileSync(join(dst, 'a／b'), 'utf8'), 'slash');
  assert.deepEqual(readdirSync(join(dir, 'out')), ['dst']);
});
