import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NotFoundError } from '@rsyncish/core';
import { IsADirectoryError, PermissionDeniedError, SourceChangedError } from './errors.js';
import { WHOLE_READ_BYTES } from './io-policy.js';
import { LocalBackend } from './local-backend.js';
import { readAll, tempDir } from './testing/support.js';

function fixture(): { root: string; b: LocalBackend } {
  const root = tempDir();
  mkdirSync(join(root, 'd'));
  writeFileSync(join(root, 'd/digits'), '0123456789');
  utimesSync(join(root, 'd/digits'), 1_700_000_000, 1_700_000_000.25);
  return { root, b: new LocalBackend({ root }) };
}

test('stat gives files and directories, the root included', async () => {
  const { b } = fixture();
  assert.deepEqual(await b.stat('d/digits'), { path: 'd/digits', kind: 'file', size: 10, modTime: 1_700_000_000_250 });
  assert.equal((await b.stat('d')).kind, 'dir');
  assert.equal((await b.stat('')).kind, 'dir');
});

test('stat of a missing path is NotFound (exit code 4) naming the path', async () => {
  const { b } = fixture();
  await assert.rejects(b.stat('d/none'), (err: unknown) => {
    assert.ok(err instanceof NotFoundError);
    assert.equal(err.exitCode, 4);
    assert.match(err.message, /d\/none": file not found$/);
    return true;
  });
});

test('a root that is a file: stat("") is that file and get("") reads it', async () => {
  const root = join(tempDir(), 'single.txt');
  writeFileSync(root, 'just me');
  const b = new LocalBackend({ root });
  const e = await b.stat('');
  assert.equal(e.kind, 'file');
  assert.equal(e.size, 7);
  assert.equal((await readAll(await b.get(''))).toString(), 'just me');
});

test('a symlink is not visible to stat without -L, and is followed with it', async () => {
  const { root, b } = fixture();
  symlinkSync('d/digits', join(root, 'link'));
  await assert.rejects(b.stat('link'), NotFoundError);
  const followed = new LocalBackend({ root, options: { copyLinks: true } });
  assert.equal((await followed.stat('link')).size, 10);
});

test('get streams the whole file, or a range with an exclusive end', async () => {
  const { b } = fixture();
  assert.equal((await readAll(await b.get('d/digits'))).toString(), '0123456789');
  assert.equal((await readAll(await b.get('d/digits', { range: { start: 2, end: 5 } }))).toString(), '234');
  assert.equal((await readAll(await b.get('d/digits', { range: { start: 7 } }))).toString(), '789');
  assert.equal((await readAll(await b.get('d/digits', { range: { start: 4, end: 4 } }))).toString(), '');
  assert.equal((await readAll(await b.get('d/digits', { range: { start: 20 } }))).toString(), '');
});

test('get of a missing file rejects with NotFound before any stream exists', async () => {
  const { b } = fixture();
  await assert.rejects(b.get('d/none'), NotFoundError);
});

test('get of a directory is a clear error', async () => {
  const { b } = fixture();
  await assert.rejects(b.get('d'), (err: unknown) => err instanceof IsADirectoryError && /is a directory/.test(err.message));
});

test(
  'get of an unreadable file is ERR_PERMISSION with a hint, not retryable',
  { skip: process.getuid?.() === 0 ? 'root reads every file' : false },
  async () => {
    const { root, b } = fixture();
    chmodSync(join(root, 'd/digits'), 0o000);
    await assert.rejects(b.get('d/digits'), (err: unknown) => {
      assert.ok(err instanceof PermissionDeniedError);
      assert.equal(err.code, 'ERR_PERMISSION');
      assert.equal(err.retryable, false);
      assert.match(err.hint ?? '', /permissions/);
      return true;
    });
  },
);

// Files over 1 MiB stream, and are checked when the stream ends; smaller ones
// are read whole inside get() and checked there.
const BIG = 2 * 1024 * 1024;

test('a file that grows while it is read fails the stream: source file is being updated', async () => {
  const { root, b } = fixture();
  writeFileSync(join(root, 'd/big'), Buffer.alloc(BIG, 1));
  const stream = await b.get('d/big');
  appendFileSync(join(root, 'd/big'), 'more');
  await assert.rejects(readAll(stream), (err: unknown) => {
    assert.ok(err instanceof SourceChangedError);
    assert.match(err.message, new RegExp(`source file is being updated \\(size changed from ${BIG} to ${BIG + 4}\\)`));
    return true;
  });
});

test('a file whose mtime changes while it is read fails the stream', async () => {
  const { root, b } = fixture();
  writeFileSync(join(root, 'd/big'), Buffer.alloc(BIG, 1));
  const stream = await b.get('d/big');
  utimesSync(join(root, 'd/big'), 1_700_000_000, 1_700_000_001);
  await assert.rejects(readAll(stream), /mod time changed/);
});

test('a small file is read whole by get(): later changes do not affect the bytes it returns', async () => {
  const { root, b } = fixture();
  const stream = await b.get('d/digits');
  appendFileSync(join(root, 'd/digits'), 'more');
  assert.equal((await readAll(stream)).toString(), '0123456789');
});

test('with no_check_updated a growing file is read up to the size it had when opened', async () => {
  const { root } = fixture();
  const b = new LocalBackend({ root, options: { noCheckUpdated: true } });
  const stream = await b.get('d/digits');
  appendFileSync(join(root, 'd/digits'), 'more');
  assert.equal((await readAll(stream)).toString(), '0123456789');
});

test('get honours an abort signal', async () => {
  const { b } = fixture();
  const ac = new AbortController();
  const stream = await b.get('d/digits', { signal: ac.signal });
  ac.abort();
  await assert.rejects(readAll(stream), { name: 'AbortError' });
});

test('get reads back byte for byte on both sides of the whole-read limit', async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  for (const size of [0, WHOLE_READ_BYTES - 1, WHOLE_READ_BYTES, WHOLE_READ_BYTES + 1, 1024 * 1024]) {
    const content = randomBytes(size);
    writeFileSync(join(root, `f${size}`), content);
    assert.ok((await readAll(await b.get(`f${size}`))).equals(content), `size ${size}`);
  }
});
