import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NotFoundError } from '@rsyncish/core';
import { IsADirectoryError } from './errors.js';
import { LocalBackend } from './local-backend.js';
import { tempDir } from './testing/support.js';
import { WORKER_HASH_BYTES } from './io-policy.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const sha256Hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test('md5 and sha1 are computed from the file content (known digests)', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'abc'), 'abc');
  writeFileSync(join(root, 'empty'), '');
  writeFileSync(join(root, 'fox'), 'The quick brown fox jumps over the lazy dog');
  const b = new LocalBackend({ root });
  assert.equal(await b.hash('abc', 'md5'), '900150983cd24fb0d6963f7d28e17f72');
  assert.equal(await b.hash('abc', 'sha1'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(await b.hash('empty', 'md5'), 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(await b.hash('empty', 'sha1'), 'da39a3ee5e6b4b0d3255bfef95601890afd80709');
  assert.equal(await b.hash('fox', 'md5'), '9e107d9d372bb6826bd81d3542a419d6');
  assert.equal(await b.hash('fox', 'sha1'), '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12');
});

test('sha256 and Dropbox\'s content hash are computed as rclone computes them (known digests)', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'abc'), 'abc');
  writeFileSync(join(root, 'empty'), '');
  const b = new LocalBackend({ root });
  assert.equal(await b.hash('abc', 'sha256'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(await b.hash('empty', 'sha256'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  // One block: the SHA-256 of that block's SHA-256 (what rclone hashsum dropbox prints).
  assert.equal(await b.hash('abc', 'dropbox'), '4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358');
  assert.equal(await b.hash('empty', 'dropbox'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('a big file\'s sha256 and Dropbox hash are the same whichever way it is read', async () => {
  const root = tempDir();
  // Above WORKER_HASH_BYTES, and more than two of Dropbox's 4 MiB blocks.
  const big = Buffer.alloc(Math.max(WORKER_HASH_BYTES, 9 * 1024 * 1024) + 5, 'q');
  big.write('first', 0);
  writeFileSync(join(root, 'big'), big);
  const blocks = [];
  for (let at = 0; at < big.length; at += 4 * 1024 * 1024) blocks.push(sha256(big.subarray(at, at + 4 * 1024 * 1024)));
  const dropbox = sha256Hex(Buffer.concat(blocks));
  for (const blockingIo of [true, false]) {
    const b = new LocalBackend({ root, blockingIo });
    assert.equal(await b.hash('big', 'sha256'), sha256Hex(big), `sha256, blockingIo ${blockingIo}`);
    assert.equal(await b.hash('big', 'dropbox'), dropbox, `dropbox, blockingIo ${blockingIo}`);
  }
});

test('a file larger than the read buffer hashes the same as in one piece', async () => {
  const root = tempDir();
  const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'z');
  writeFileSync(join(root, 'big'), big);
  const { createHash } = await import('node:crypto');
  assert.equal(await new LocalBackend({ root }).hash('big', 'md5'), createHash('md5').update(big).digest('hex'));
});

test('a big file hashes the same side by side with others', async () => {
  const root = tempDir();
  const { createHash } = await import('node:crypto');
  // Above WORKER_HASH_BYTES: a worker hashes it where there is more than one CPU, else the loop.
  const big = Buffer.alloc(WORKER_HASH_BYTES + 3, 'w');
  big.write('start', 0);
  big.write('end', big.length - 3);
  writeFileSync(join(root, 'big'), big);
  writeFileSync(join(root, 'medium'), big.subarray(0, 300_000));
  writeFileSync(join(root, 'small'), 'abc');
  const b = new LocalBackend({ root });
  const [md5, sha1, medium, small] = await Promise.all([b.hash('big', 'md5'), b.hash('big', 'sha1'), b.hash('medium', 'md5'), b.hash('small', 'md5')]);
  assert.equal(md5, createHash('md5').update(big).digest('hex'));
  assert.equal(sha1, createHash('sha1').update(big).digest('hex'));
  assert.equal(medium, createHash('md5').update(big.subarray(0, 300_000)).digest('hex'));
  assert.equal(small, '900150983cd24fb0d6963f7d28e17f72');
});

test('without blocking calls: a missing file is NotFound, a directory a clear error', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'd'));
  writeFileSync(join(root, 'abc'), 'abc');
  const b = new LocalBackend({ root, blockingIo: false });
  assert.equal(await b.hash('abc', 'sha1'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  await assert.rejects(b.hash('none', 'md5'), NotFoundError);
  await assert.rejects(b.hash('d', 'md5'), IsADirectoryError);
});

test('hash types the backend does not compute give undefined', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'abc'), 'abc');
  assert.equal(await new LocalBackend({ root }).hash('abc', 'quickxor'), undefined);
});

test('hashing a missing file is NotFound, a directory a clear error', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'd'));
  const b = new LocalBackend({ root });
  await assert.rejects(b.hash('none', 'md5'), NotFoundError);
  await assert.rejects(b.hash('d', 'md5'), IsADirectoryError);
});
