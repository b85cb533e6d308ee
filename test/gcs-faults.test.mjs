// The gcs backend under faults the emulator injects: resumable chunks that
// keep only part of their bytes and fail, sessions that never finish, and
// server-side copies that take several rewrite calls. CI-sized here; with
// RSYNCISH_LONG=1 the same scenario runs on 1 GiB.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { startGcsRemote } from './support/gcs-emulator.mjs';

const MiB = 1024 * 1024;
const long = process.env.RSYNCISH_LONG === '1' ? undefined : 'set RSYNCISH_LONG=1 to run the 1 GiB version';
const dir = tempDir('rsyncish-gcs-faults-');
let emu;
before(async () => {
  emu = await startGcsRemote(dir);
  const made = await rsyncish(['mkdir', 'gcs:faults'], { config: emu.config });
  assert.equal(made.code, 0, made.stderr);
});
after(async () => {
  await emu?.stop();
});

// Small chunks, so a few MiB make a many-chunk resumable upload.
const SMALL_CHUNKS = ['--gcs-upload-cutoff', '256Ki', '--gcs-chunk-size', '256Ki'];
const run = (args) => rsyncish(args, { config: emu.config });
const stats = () => emu.control('GET', 'stats');
const faults = (patch) => emu.control('POST', 'faults', patch);

/** The MD5 the server computed of what it stored, from `rsyncish md5sum`. */
async function storedMd5(path) {
  const r = await run(['md5sum', path]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split(' ')[0];
}

const md5File = (path) => createHash('md5').update(readFileSync(path)).digest('hex');

test('a resumable upload whose chunks fail after keeping part of their bytes completes and verifies', async () => {
  makeTree(dir, { 'up/chunky.bin': { size: 1.5 * MiB + 12_345, seed: 3 } });
  const before = await stats();
  await faults({ failEveryNthChunk: 3 });
  try {
    const r = await run(['copy', join(dir, 'up'), 'gcs:faults/up', ...SMALL_CHUNKS]);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await faults({ failEveryNthChunk: 0 });
  }
  const after = await stats();
  // Seven chunks and their retries: at least two fail.
  assert.ok(after.chunkFailures - before.chunkFailures >= 2, `chunks failed: ${after.chunkFailures - before.chunkFailures}`);
  assert.equal(await storedMd5('gcs:faults/up/chunky.bin'), md5File(join(dir, 'up/chunky.bin')));
});

test('an upload whose chunks keep failing is given up and leaves the previous version', async () => {
  makeTree(dir, { 'keep/v.bin': 'version one\n' });
  assert.equal((await run(['copy', join(dir, 'keep'), 'gcs:faults/keep'])).code, 0);
  makeTree(dir, { 'keep/v.bin': { size: 2 * MiB, seed: 8 } }, Date.parse('2024-01-01T00:00:00Z'));
  await faults({ chunkFailRate: 1 });
  let r;
  try {
    r = await run(['copy', join(dir, 'keep'), 'gcs:faults/keep', ...SMALL_CHUNKS, '--low-level-retries', '2', '--retries', '1']);
  } finally {
    await faults({ chunkFailRate: 0 });
  }
  assert.notEqual(r.code, 0, 'the copy fails');
  assert.match(r.stderr, /v\.bin/);
  assert.equal(await storedMd5('gcs:faults/keep/v.bin'), createHash('md5').update('version one\n').digest('hex'));
});

test('a server-side copy that takes several rewrite calls completes with the same bytes', async () => {
  makeTree(dir, { 'rw/src.bin': { size: 5 * MiB, seed: 4 } });
  assert.equal((await run(['copy', join(dir, 'rw'), 'gcs:faults/rw'])).code, 0);
  const before = await stats();
  await faults({ rewriteBytesPerCall: '1M' });
  try {
    const r = await run(['copyto', 'gcs:faults/rw/src.bin', 'gcs:faults/rw/copy.bin']);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await faults({ rewriteBytesPerCall: 0 });
  }
  assert.equal((await stats()).rewriteCalls - before.rewriteCalls, 5, 'one call per MiB');
  assert.equal(await storedMd5('gcs:faults/rw/copy.bin'), md5File(join(dir, 'rw/src.bin')));
});

test('requests the server answers 429 rateLimitExceeded are retried until they pass', async () => {
  makeTree(dir, { 'busy/a.txt': 'a\n', 'busy/b.txt': 'b\n' });
  const before = await stats();
  await faults({ rateLimitNext: 4 });
  const r = await run(['copy', join(dir, 'busy'), 'gcs:faults/busy']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await stats()).rateLimited - before.rateLimited, 4);
  const ls = await run(['lsf', 'gcs:faults/busy']);
  assert.equal(ls.stdout, 'a.txt\nb.txt\n');
});

/** A 1 GiB file of varied bytes, written a MiB at a time. */
async function writeGiB(path) {
  const out = createWriteStream(path);
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < 1024; i++) {
    for (let j = 0; j < MiB; j += 4) block.writeUInt32LE((i * 2654435761 + j * 40503) >>> 0, j);
    if (!out.write(block)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r, e) => out.end((err) => (err ? e(err) : r())));
}

test('1 GiB: a resumable upload with chunk failures completes, and its server-side copy takes several rewrite calls', { skip: long, timeout: 1_800_000 }, async () => {
  const big = join(tempDir('rsyncish-gcs-long-'), 'big');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(big);
  await writeGiB(join(big, 'giga.bin'));
  const want = md5File(join(big, 'giga.bin'));
  const before = await stats();
  // 16 MiB chunks (the default): 64 of them, every 7th failing after keeping part of its bytes.
  await faults({ failEveryNthChunk: 7 });
  try {
    const r = await run(['copy', big, 'gcs:faults/long']);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await faults({ failEveryNthChunk: 0 });
  }
  const mid = await stats();
  assert.ok(mid.chunkFailures - before.chunkFailures >= 8, `chunks failed: ${mid.chunkFailures - before.chunkFailures}`);
  assert.equal(await storedMd5('gcs:faults/long/giga.bin'), want);
  await faults({ rewriteBytesPerCall: '256M' });
  try {
    const r = await run(['copyto', 'gcs:faults/long/giga.bin', 'gcs:faults/long/copy.bin']);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    await faults({ rewriteBytesPerCall: 0 });
  }
  assert.equal((await stats()).rewriteCalls - mid.rewriteCalls, 4, 'four calls of 256 MiB');
  assert.equal(await storedMd5('gcs:faults/long/copy.bin'), want);
  process.stderr.write(`1 GiB: ${mid.chunkFailures - before.chunkFailures} chunk failures survived, ${mid.chunks - before.chunks} chunk requests\n`);
});
