import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from './test-support.js';
import { hashOnWorker, WORKER_HASH_BYTES, WrittenFileHasher } from './written-file-hasher.js';

/** Deterministic bytes, not all one value, so a misplaced block would change the hash. */
function piece(index: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (index * 31 + i * 7) & 0xff;
  return buf;
}

test('the worker hashes exactly the bytes reported written, in pieces of any size, waiting for each', async () => {
  const fd = openSync(join(tempDir(), 'f'), 'wx+');
  try {
    const hasher = new WrittenFileHasher(fd, ['md5', 'sha1']);
    const md5 = createHash('md5');
    const sha1 = createHash('sha1');
    // Sizes around the worker's 128 KiB block, and pauses so that it has to wait for more.
    const sizes = [1, 131_072, 131_073, 5, 300_000, 0, 65_536];
    for (const [i, size] of sizes.entries()) {
      const data = piece(i, size);
      writeSync(fd, data);
      md5.update(data);
      sha1.update(data);
      hasher.written(size);
      if (i % 2 === 0) await sleep(5);
    }
    const result = await hasher.finish();
    assert.equal(result.bytes, sizes.reduce((a, b) => a + b, 0));
    assert.deepEqual(result.hashes, { md5: md5.digest('hex'), sha1: sha1.digest('hex') });
  } finally {
    closeSync(fd);
  }
});

test('an empty file hashes as empty', async () => {
  const fd = openSync(join(tempDir(), 'empty'), 'wx+');
  try {
    const result = await new WrittenFileHasher(fd, ['md5']).finish();
    assert.deepEqual(result, { bytes: 0, hashes: { md5: 'd41d8cd98f00b204e9800998ecf8427e' } });
  } finally {
    closeSync(fd);
  }
});

test('more bytes reported than the file holds is an error, not a hash of less', async () => {
  const fd = openSync(join(tempDir(), 'short'), 'wx+');
  try {
    writeSync(fd, piece(0, 1000));
    const hasher = new WrittenFileHasher(fd, ['md5']);
    hasher.written(2000);
    await assert.rejects(hasher.finish(), /hashing the written file failed: the file ends at byte 1000 but 2000 were written/);
  } finally {
    closeSync(fd);
  }
});

test('abandon() stops a worker that waits for more bytes', async () => {
  const fd = openSync(join(tempDir(), 'abandoned'), 'wx+');
  try {
    writeSync(fd, piece(0, 10));
    const hasher = new WrittenFileHasher(fd, ['md5']);
    hasher.written(10);
    await sleep(20);
    await hasher.abandon();
    await assert.rejects(hasher.finish());
  } finally {
    closeSync(fd);
  }
});

test('only a big write with another CPU to run the worker is hashed there', () => {
  assert.equal(hashOnWorker(WORKER_HASH_BYTES, 2), true);
  assert.equal(hashOnWorker(WORKER_HASH_BYTES - 1, 2), false);
  assert.equal(hashOnWorker(WORKER_HASH_BYTES * 16, 1), false);
  assert.equal(hashOnWorker(-1, 8), false);
});
