import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DropboxContentHash } from './dropbox-content-hash.js';
import { hasherFor } from './hasher-for.js';
import { HashingStream } from './hashing-stream.js';

// Lengths of a run of 'A' bytes and their content_hash, around the 4 MiB block edges
// (the values rclone's dbhash tests check).
const VECTORS: [number, string][] = [
  [0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  [1, '1cd6ef71e6e0ff46ad2609d403dc3fee244417089aa4461245a4e4fe23a55e42'],
  [4096, '8620913d33852befe09f16fff8fd75f77a83160d29f76f07e0276e9690903035'],
  [4194303, '647c8627d70f7a7d13ce96b1e7710a771a55d41a62c3da490d92e56044d311fa'],
  [4194304, 'd4d63bac5b866c71620185392a8a6218ac1092454a2d16f820363b69852befa3'],
  [4194305, '8f553da8d00d0bf509d8470e242888be33019c20c0544811f5b2b89e98360b92'],
  [8388609, '02c8a4aefc2bfc9036f89a7098001865885938ca580e5c9e5db672385edd303c'],
];

for (const piece of [2047, 1024 * 1024, 16 * 1024 * 1024]) {
  test(`content_hash matches Dropbox's for runs fed ${piece} bytes at a time`, () => {
    const data = Buffer.alloc(piece, 'A');
    for (const [n, want] of VECTORS) {
      const h = new DropboxContentHash();
      let left = n;
      for (; left >= piece; left -= piece) h.update(data);
      h.update(data.subarray(0, left));
      assert.equal(h.digest('hex'), want, `length ${n}`);
    }
  });
}

test('a HashingStream computes the dropbox hash alongside the others', async () => {
  const s = new HashingStream(['dropbox', 'md5']);
  const done = new Promise((resolve) => s.on('finish', resolve));
  s.resume();
  s.end(Buffer.alloc(4194305, 'A'));
  await done;
  assert.equal(s.digests()['dropbox'], '8f553da8d00d0bf509d8470e242888be33019c20c0544811f5b2b89e98360b92');
  const md5 = hasherFor('md5');
  md5.update(Buffer.alloc(4194305, 'A'));
  assert.equal(s.digests()['md5'], md5.digest('hex'));
});
