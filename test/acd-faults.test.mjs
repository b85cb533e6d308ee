// Acceptance 2: trash on delete, the download wall, faults (429, 5xx, ghost
// uploads) and a token that expires mid-copy, each against an emulator process
// started with the fault switched on.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, patterned, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { createAcdRemote, startEmulatorProcess } from './support/acd-processes.mjs';

async function withEmulator(args, fn) {
  const emu = await startEmulatorProcess(['--auto-approve', ...args]);
  const dir = tempDir('rsyncish-acd-faults-');
  const config = join(dir, 'rsyncish.conf');
  try {
    await createAcdRemote(emu, config);
    await fn({ emu, dir, config });
  } finally {
    await emu.stop();
  }
}

const md5 = (b) => createHash('md5').update(b).digest('hex');

/** AVAILABLE file nodes by name: every name must appear once, with the right MD5. */
async function assertOneCorrectCopyEach(emu, srcDir, names) {
  const { nodes } = await emu.control('GET', 'nodes');
  const files = nodes.filter((n) => n.kind === 'FILE' && n.status === 'AVAILABLE');
  for (const name of names) {
    const hits = files.filter((n) => n.name === name);
    assert.equal(hits.length, 1, `${name}: ${hits.length} nodes`);
    assert.equal(hits[0].contentProperties.md5, md5(readFileSync(join(srcDir, name))), name);
  }
}

test('a file deleted by sync goes to the emulator\'s trash', async () => {
  await withEmulator([], async ({ emu, dir, config }) => {
    const src = join(dir, 'src');
    makeTree(src, { 'keep.txt': 'keep', 'gone.txt': 'to be deleted' });
    assert.equal((await rsyncish(['copy', src, 'remote:d', '-q'], { config })).code, 0);
    const { rmSync } = await import('node:fs');
    rmSync(join(src, 'gone.txt'));
    const r = await rsyncish(['sync', src, 'remote:d', '-v', '--stats', '0'], { config });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /gone\.txt: Deleted/);
    const { nodes } = await emu.control('GET', 'nodes?status=TRASH');
    assert.deepEqual(nodes.filter((n) => n.kind === 'FILE').map((n) => n.name), ['gone.txt']);
    assert.equal((await rsyncish(['ls', 'remote:d'], { config })).stdout.trim(), '4 keep.txt');
  });
});

test('files at or above the tempLink threshold download while the download wall forbids direct downloads', async () => {
  await withEmulator(['--download-wall', '64k', '--download-wall-mode', 'forbid'], async ({ dir, config }) => {
    const src = join(dir, 'src');
    makeTree(src, { 'big.bin': { size: 200_000, seed: 7 }, 'small.txt': 'small' });
    assert.equal((await rsyncish(['copy', src, 'remote:w', '-q'], { config })).code, 0);
    const walled = await rsyncish(['copy', 'remote:w', join(dir, 'direct'), '-q', '--retries', '1', '--low-level-retries', '1'], { config });
    assert.notEqual(walled.code, 0, 'without tempLinks the wall refuses big.bin');
    const back = join(dir, 'back');
    const r = await rsyncish(['copy', 'remote:w', back, '--acd-templink-threshold', '64k', '--stats', '0'], { config });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readFileSync(join(back, 'big.bin')), patterned(200_000, 7));
    assert.equal(readFileSync(join(back, 'small.txt'), 'utf8'), 'small');
  });
});

test('downloads are verified against ACD\'s MD5: a corrupted blob fails its file, small or big (hashed from the file as written), and stores nothing', async () => {
  const data = tempDir('rsyncish-acd-data-');
  await withEmulator(['--data', data], async ({ dir, config }) => {
    const src = join(dir, 'src');
    // 65 MiB: over the size the local backend hashes on a worker thread (plugins/local/src/written-file-hasher.ts).
    const big = 65 * 1024 * 1024;
    makeTree(src, { 'big.bin': { size: big, seed: 11 }, 'small.bin': { size: 100_000, seed: 12 } });
    assert.equal((await rsyncish(['copy', src, 'remote:v', '-q'], { config })).code, 0);
    const good = join(dir, 'good');
    const ok = await rsyncish(['copy', 'remote:v', good, '-q'], { config });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(readFileSync(join(good, 'big.bin')), patterned(big, 11));
    // Flip one byte of each stored blob, in place: same size, the node's MD5 unchanged.
    const blobs = join(data, 'blobs');
    const flipped = [];
    for (const name of readdirSync(blobs, { recursive: true })) {
      const path = join(blobs, String(name));
      const { size } = statSync(path);
      if (!statSync(path).isFile() || (size !== big && size !== 100_000)) continue;
      const fd = openSync(path, 'r+');
      const at = Math.floor(size / 2);
      const one = Buffer.alloc(1);
      readSync(fd, one, 0, 1, at);
      one[0] ^= 0xff;
      writeSync(fd, one, 0, 1, at);
      closeSync(fd);
      flipped.push(size);
    }
    assert.deepEqual(flipped.sort((a, b) => a - b), [100_000, big]);
    const bad = join(dir, 'bad');
    const r = await rsyncish(['copy', 'remote:v', bad, '--retries', '1', '--low-level-retries', '1', '--stats', '0'], { config });
    // 5: a temporary error (docs/exit-codes.md): the next run may read good bytes.
    assert.equal(r.code, 5, r.stderr);
    // The local backend checks ACD's MD5 against what it wrote, before the rename.
    assert.match(r.stderr, /big\.bin: hash mismatch: .*md5 of the bytes received is [0-9a-f]{32}, expected [0-9a-f]{32}; the copy was not stored/);
    assert.match(r.stderr, /small\.bin: hash mismatch: .*md5 of the bytes received is [0-9a-f]{32}, expected [0-9a-f]{32}; the copy was not stored/);
    assert.deepEqual(existsSync(bad) ? readdirSync(bad) : [], []);
  });
});

test('a copy completes under 429s, random 5xx and ghost uploads, leaving exactly one correct copy of each file', async () => {
  await withEmulator(['--rate-limit', '8', '--fail-rate', '0.1', '--ghost-upload-rate', '0.2'], async ({ emu, dir, config }) => {
    const src = join(dir, 'src');
    const spec = {};
    for (let i = 0; i < 24; i++) spec[`f${String(i).padStart(2, '0')}.bin`] = { size: 1000 + i * 997, seed: i + 1 };
    makeTree(src, spec);
    const r = await rsyncish(['copy', src, 'remote:faulty', '--stats', '0', '-q'], { config });
    assert.equal(r.code, 0, r.stderr);
    await assertOneCorrectCopyEach(emu, src, Object.keys(spec));
    const { requests } = await emu.control('GET', 'requests');
    assert.ok(requests.some((q) => q.status === 429), 'the rate limit was hit');
    assert.ok(requests.some((q) => q.status >= 500), 'some requests failed with 5xx');
    const again = await rsyncish(['copy', src, 'remote:faulty', '--checksum', '--json', '--stats', '0'], { config });
    assert.equal(again.code, 0, again.stderr);
    const stats = again.stdout.trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.event === 'stats' && e.final);
    assert.equal(stats.transfers, 0);
  });
});

test('a token that expires mid-copy is refreshed, the copy completes and the new token is saved (0600)', async () => {
  await withEmulator(['--token-ttl', '5s'], async ({ emu, dir, config }) => {
    const before = readFileSync(config, 'utf8').match(/^token = (.*)$/m)[1];
    const src = join(dir, 'src');
    const spec = {};
    for (let i = 0; i < 16; i++) spec[`t${i}.txt`] = `file ${i}\n`;
    makeTree(src, spec);
    // --tpslimit 3 makes the copy outlast the 5 s token (about 3 calls per file).
    const started = Date.now();
    const r = await rsyncish(['copy', src, 'remote:slow', '--tpslimit', '3', '--transfers', '1', '--stats', '0', '-vv'], { config });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Date.now() - started > 6000, 'the copy outlasted the token');
    await assertOneCorrectCopyEach(emu, src, Object.keys(spec));
    const after = readFileSync(config, 'utf8').match(/^token = (.*)$/m)[1];
    assert.notEqual(JSON.parse(after).access_token, JSON.parse(before).access_token);
    assert.equal(JSON.parse(after).refresh_token, JSON.parse(before).refresh_token);
    assert.ok(Date.parse(JSON.parse(after).expiry) > Date.parse(JSON.parse(before).expiry));
    assert.equal(statSync(config).mode & 0o777, 0o600);
    assert.doesNotMatch(r.stderr, new RegExp(JSON.parse(after).access_token.replace(/[|]/g, '\\|')));
    assert.deepEqual(Object.keys(snapshot(src)).length, 16);
  });
});
