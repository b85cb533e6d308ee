import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { BLOCKING_MAX_BYTES } from './io-policy.js';
import { SourceChangedError } from './errors.js';
import { LocalBackend } from './local-backend.js';
import { tempDir } from './testing/support.js';

const MTIME = 1_700_000_000_123;

for (const blockingIo of [true, false]) {
  const how = blockingIo ? 'blocking calls' : 'the thread pool';

  const pair = (srcOptions = {}) => {
    const base = tempDir();
    mkdirSync(join(base, 'src'));
    const src = new LocalBackend({ root: join(base, 'src'), blockingIo, options: srcOptions });
    const dst = new LocalBackend({ root: join(base, 'dst'), blockingIo });
    return { base, src, dst };
  };

  test(`copyFrom through ${how}: bytes, size and mtime, into new parent folders`, async () => {
    const { base, src, dst } = pair();
    writeFileSync(join(base, 'src/a.txt'), 'hello');
    const e = await dst.copyFrom(src, 'a.txt', 'x/y/a.txt', { size: 5, modTime: MTIME });
    assert.deepEqual(e, { path: 'x/y/a.txt', kind: 'file', size: 5, modTime: MTIME });
    assert.equal(readFileSync(join(base, 'dst/x/y/a.txt'), 'utf8'), 'hello');
    assert.equal(statSync(join(base, 'dst/x/y/a.txt'), { bigint: true }).mtimeNs, 1_700_000_000_123_000_000n);
    assert.deepEqual(readdirSync(join(base, 'dst/x/y')), ['a.txt'], 'no temp file left');
  });

  test(`copyFrom through ${how}: a source whose size changed is refused and the destination kept`, async () => {
    const { base, src, dst } = pair();
    writeFileSync(join(base, 'src/a.txt'), 'grown since the listing');
    mkdirSync(join(base, 'dst'));
    writeFileSync(join(base, 'dst/a.txt'), 'old');
    await assert.rejects(dst.copyFrom(src, 'a.txt', 'a.txt', { size: 5, modTime: MTIME }), (err: unknown) => {
      assert.ok(err instanceof SourceChangedError);
      assert.match(err.message, /source file is being updated \(size changed from 5 to 23\)/);
      return true;
    });
    assert.equal(readFileSync(join(base, 'dst/a.txt'), 'utf8'), 'old');
    assert.deepEqual(readdirSync(join(base, 'dst')), ['a.txt']);
  });

  test(`copyFrom through ${how}: with no_check_updated a file that grew is copied at its listed size, also past the blocking limit`, async () => {
    const { base, src, dst } = pair({ noCheckUpdated: true });
    const big = Buffer.alloc(BLOCKING_MAX_BYTES + 10, 7);
    writeFileSync(join(base, 'src/a.bin'), big);
    // What get() reads without the update check too (rclone's no_check_updated): the engine verifies that size.
    const e = await dst.copyFrom(src, 'a.bin', 'a.bin', { size: 5, modTime: MTIME });
    assert.equal(e?.size, 5);
    assert.deepEqual(readFileSync(join(base, 'dst/a.bin')), big.subarray(0, 5));
  });

  test(`copyFrom through ${how}: with no_check_updated a file that shrank is still refused and the destination kept`, async () => {
    const { base, src, dst } = pair({ noCheckUpdated: true });
    writeFileSync(join(base, 'src/a.txt'), 'hi');
    mkdirSync(join(base, 'dst'));
    writeFileSync(join(base, 'dst/a.txt'), 'old');
    await assert.rejects(dst.copyFrom(src, 'a.txt', 'a.txt', { size: 5, modTime: MTIME }),
      /source file is being updated \(size changed from 5 to 2\); the previous version was kept/);
    assert.equal(readFileSync(join(base, 'dst/a.txt'), 'utf8'), 'old');
    assert.deepEqual(readdirSync(join(base, 'dst')), ['a.txt']);
  });

  test(`copyFrom through ${how}: a failed rename leaves no temp file`, async () => {
    const { base, src, dst } = pair();
    writeFileSync(join(base, 'src/a.txt'), 'hello');
    mkdirSync(join(base, 'dst/a.txt/inside'), { recursive: true });
    await assert.rejects(dst.copyFrom(src, 'a.txt', 'a.txt', { size: 5, modTime: MTIME }));
    assert.deepEqual(readdirSync(join(base, 'dst')), ['a.txt']);
    assert.deepEqual(readdirSync(join(base, 'dst/a.txt')), ['inside']);
  });

  test(`a small put through ${how} writes the bytes, mtime and hashes`, async () => {
    const { base, dst } = pair();
    const e = await dst.put('p/q.txt', Readable.from([Buffer.from('ab'), Buffer.from('c')]), { size: 3, modTime: MTIME, computeHashes: ['md5'] });
    assert.equal(e.hashes?.md5, '900150983cd24fb0d6963f7d28e17f72');
    assert.equal(readFileSync(join(base, 'dst/p/q.txt'), 'utf8'), 'abc');
    assert.equal(statSync(join(base, 'dst/p/q.txt')).mtimeMs, MTIME);
    assert.deepEqual(readdirSync(join(base, 'dst/p')), ['q.txt']);
  });

  test(`hash through ${how}: small and large files alike`, async () => {
    const { base, src } = pair();
    const small = Buffer.from('small');
    const large = Buffer.alloc(BLOCKING_MAX_BYTES * 2 + 3, 1);
    writeFileSync(join(base, 'src/s'), small);
    writeFileSync(join(base, 'src/l'), large);
    const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
    assert.equal(await src.hash('s', 'md5'), md5(small));
    assert.equal(await src.hash('l', 'md5'), md5(large));
    await assert.rejects(src.hash('missing', 'md5'), { code: 'ERR_NOT_FOUND' });
  });
}
