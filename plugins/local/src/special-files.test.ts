import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { NotARegularFileError } from '@rsyncish/core';
import { IsADirectoryError } from './errors.js';
import { LocalBackend } from './local-backend.js';
import { tempDir } from './testing/support.js';

// A file listed as a regular file and swapped for something else before it
// is read: the same code path as a swap in the middle of a long run, made
// deterministic by swapping between listAll() and the read. A FIFO without a
// writer would block open() and read() forever; the timeout turns such a hang
// into a failure.

const BIG = 2 * 1024 * 1024; // past every small-file path (blocking and one-read)

function swapped(size: number, into: (path: string) => void) {
  const root = tempDir();
  const src = join(root, 'src');
  const dst = join(root, 'dst');
  mkdirSync(src);
  mkdirSync(dst);
  writeFileSync(join(src, 'f'), Buffer.alloc(size, 1));
  writeFileSync(join(dst, 'f'), 'previous version');
  return {
    src,
    dst,
    /** List the source (f is a file then), then swap f. */
    async listThenSwap(b: LocalBackend) {
      const [listed] = await b.listAll('');
      assert.equal(listed!.kind, 'file');
      rmSync(join(src, 'f'));
      into(join(src, 'f'));
      return listed!;
    },
  };
}

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const isFifoError = (err: unknown) => {
  assert.ok(err instanceof NotARegularFileError, String(err));
  assert.equal(err.code, 'ERR_NOT_A_REGULAR_FILE');
  assert.match(err.message, /src\/f" is a named pipe \(FIFO\) now, not a regular file; nothing was read from it$/);
  return true;
};

describe('a source file swapped for a FIFO after listing is refused at once, unread', { skip: process.platform === 'win32', timeout: 20_000 }, () => {
  for (const size of [10, BIG]) {
    test(`get() of ${size} bytes listed`, async () => {
      const s = swapped(size, mkfifo);
      const b = new LocalBackend({ root: s.src });
      await s.listThenSwap(b);
      await assert.rejects(b.get('f'), isFifoError);
    });

    for (const blockingIo of [true, false]) {
      test(`copyFrom() local to local, ${size} bytes listed, blocking calls ${blockingIo ? 'on' : 'off'}: the destination keeps its previous version`, async () => {
        const s = swapped(size, mkfifo);
        const src = new LocalBackend({ root: s.src, blockingIo });
        const dst = new LocalBackend({ root: s.dst, blockingIo });
        const listed = await s.listThenSwap(src);
        await assert.rejects(dst.copyFrom(src, 'f', 'f', { size: listed.size, modTime: listed.modTime }), isFifoError);
        assert.equal(readFileSync(join(s.dst, 'f'), 'utf8'), 'previous version');
        assert.deepEqual(readdirSync(s.dst), ['f'], 'no temp file is left');
      });
    }
  }
});

describe('a file swapped for a FIFO after listing is refused by hash(), unread', { skip: process.platform === 'win32', timeout: 20_000 }, () => {
  for (const size of [10, BIG]) {
    for (const blockingIo of [true, false]) {
      test(`${size} bytes listed, blocking calls ${blockingIo ? 'on' : 'off'}`, async () => {
        const s = swapped(size, mkfifo);
        const b = new LocalBackend({ root: s.src, blockingIo });
        await s.listThenSwap(b);
        await assert.rejects(b.hash('f', 'md5'), isFifoError);
      });
    }
  }
});

test('a source file swapped for a directory is an IsADirectoryError, read or copied', async () => {
  const s = swapped(10, (p) => mkdirSync(p));
  const src = new LocalBackend({ root: s.src });
  const dst = new LocalBackend({ root: s.dst, blockingIo: false });
  const listed = await s.listThenSwap(src);
  await assert.rejects(src.get('f'), IsADirectoryError);
  await assert.rejects(dst.copyFrom(src, 'f', 'f', { size: listed.size }), IsADirectoryError);
  assert.equal(readFileSync(join(s.dst, 'f'), 'utf8'), 'previous version');
});

test('a source file swapped for a character device is refused unread', { skip: process.getuid?.() !== 0 && 'mknod needs root' }, async () => {
  // The null device: reading it would give 0 bytes, a zero device endless ones.
  const s = swapped(10, (p) => execFileSync('mknod', [p, 'c', '1', '3']));
  const src = new LocalBackend({ root: s.src });
  await s.listThenSwap(src);
  await assert.rejects(src.get('f'), (err: unknown) => err instanceof NotARegularFileError && /is a character device now/.test(err.message));
  await assert.rejects(new LocalBackend({ root: s.dst }).copyFrom(src, 'f', 'f', { size: 10 }), NotARegularFileError);
  assert.equal(readFileSync(join(s.dst, 'f'), 'utf8'), 'previous version');
});
