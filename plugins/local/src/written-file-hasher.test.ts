import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from './testing/support.js';
import { WrittenFileHasher } from './written-file-hasher.js';

/** Deterministic bytes, not all one value, so a misplaced block would change the hash. */
function piece(index: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (index * 31 + i * 7) & 0xff;
  return buf;
}

/** `body` with a new file open for reading and writing, closed after it. */
async function withNewFile(name: string, body: (fd: number) => Promise<void>): Promise<void> {
  const fd = openSync(join(tempDir(), name), 'wx+');
  try {
    await body(fd);
  } finally {
    closeSync(fd);
  }
}

test('the worker hashes exactly the bytes reported written, in pieces of any size, waiting for each', () => withNewFile('f', async (fd) => {
  const hasher = await WrittenFileHasher.start(fd, ['md5', 'sha1']);
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
}));

test('an empty file hashes as empty', () => withNewFile('empty', async (fd) => {
  const result = await (await WrittenFileHasher.start(fd, ['md5'])).finish();
  assert.deepEqual(result, { bytes: 0, hashes: { md5: 'd41d8cd98f00b204e9800998ecf8427e' } });
}));

test('more bytes reported than the file holds is an error, not a hash of less', () => withNewFile('short', async (fd) => {
  writeSync(fd, piece(0, 1000));
  const hasher = await WrittenFileHasher.start(fd, ['md5']);
  hasher.written(2000);
  await assert.rejects(hasher.finish(), /hashing the file failed: the file ends at byte 1000 but 2000 were written/);
}));

test('abandon() stops a worker that waits for more bytes', () => withNewFile('abandoned', async (fd) => {
  writeSync(fd, piece(0, 10));
  const hasher = await WrittenFileHasher.start(fd, ['md5']);
  hasher.written(10);
  await sleep(20);
  await hasher.abandon();
  await assert.rejects(hasher.finish());
}));

test('hashWholeFile hashes a file written before up to its end, whatever its size', () => withNewFile('whole', async (fd) => {
  const data = Buffer.concat([piece(1, 131_072 * 3), piece(2, 12_345)]);
  writeSync(fd, data);
  const result = await WrittenFileHasher.hashWholeFile(fd, ['md5', 'sha1']);
  assert.equal(result.bytes, data.length);
  assert.deepEqual(result.hashes, {
    md5: createHash('md5').update(data).digest('hex'),
    sha1: createHash('sha1').update(data).digest('hex'),
  });
}));

test('a read error on the worker keeps its errno code, for the backend to map', async () => {
  // A descriptor open only for writing cannot be read: EBADF.
  const fd = openSync(join(tempDir(), 'write-only'), 'w');
  try {
    writeSync(fd, piece(0, 100));
    await assert.rejects(WrittenFileHasher.hashWholeFile(fd, ['md5']), (err: NodeJS.ErrnoException) => {
      assert.equal(err.code, 'EBADF');
      assert.match(err.message, /^hashing the file failed: /);
      return true;
    });
  } finally {
    closeSync(fd);
  }
});
