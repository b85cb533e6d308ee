import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { BLOCK_SIZE, contentHash, ContentHasher } from './content-hash.js';

const sha = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

test('empty content hashes no block: the SHA-256 of nothing', () => {
  assert.equal(contentHash(Buffer.alloc(0)), sha(Buffer.alloc(0)).toString('hex'));
});

test('one full block is the SHA-256 of its SHA-256; one byte more makes a second block', () => {
  const block = Buffer.alloc(BLOCK_SIZE, 7);
  assert.equal(contentHash(block), sha(sha(block)).toString('hex'));
  const more = Buffer.concat([block, Buffer.from([1])]);
  assert.equal(contentHash(more), sha(Buffer.concat([sha(block), sha(Buffer.from([1]))])).toString('hex'));
});

test('fed in pieces that straddle block edges, the hash is the same', () => {
  const data = Buffer.alloc(2 * BLOCK_SIZE + 12345);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
  const h = new ContentHasher();
  for (let pos = 0; pos < data.length; pos += 1_000_003) h.update(data.subarray(pos, pos + 1_000_003));
  assert.equal(h.digest(), contentHash(data));
});
