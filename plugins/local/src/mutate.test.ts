import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AlreadyExistsError, NotFoundError, UnsafeNameError } from '@rsyncish/core';
import { DirectoryNotEmptyError, IsADirectoryError } from './errors.js';
import { LocalBackend } from './local-backend.js';
import { tempDir } from './testing/support.js';

function fixture(): { root: string; b: LocalBackend } {
  const root = tempDir();
  mkdirSync(join(root, 'full'));
  mkdirSync(join(root, 'empty'));
  writeFileSync(join(root, 'full/f.txt'), 'content');
  utimesSync(join(root, 'full/f.txt'), 1_600_000_000, 1_600_000_000.321);
  return { root, b: new LocalBackend({ root }) };
}

test('delete removes a file; a missing one is NotFound; a directory is refused', async () => {
  const { root, b } = fixture();
  await b.delete('full/f.txt');
  assert.ok(!existsSync(join(root, 'full/f.txt')));
  await assert.rejects(b.delete('full/f.txt'), NotFoundError);
  await assert.rejects(b.delete('empty'), (err: unknown) => {
    assert.ok(err instanceof IsADirectoryError);
    assert.match(err.hint ?? '', /rmdir/);
    return true;
  });
  assert.ok(existsSync(join(root, 'empty')));
});

test('mkdir creates parents and succeeds when the directory exists; a file in the way is AlreadyExists', async () => {
  const { root, b } = fixture();
  await b.mkdir('x/y/z');
  assert.ok(statSync(join(root, 'x/y/z')).isDirectory());
  await b.mkdir('x/y/z');
  await b.mkdir('empty');
  await assert.rejects(b.mkdir('full/f.txt'), AlreadyExistsError);
});

test('mkdir("") creates a root that does not exist yet', async () => {
  const root = join(tempDir(), 'new-root');
  await new LocalBackend({ root }).mkdir('');
  assert.ok(statSync(root).isDirectory());
});

test('rmdir removes only empty directories', async () => {
  const { root, b } = fixture();
  await b.rmdir('empty');
  assert.ok(!existsSync(join(root, 'empty')));
  await assert.rejects(b.rmdir('full'), (err: unknown) => {
    assert.ok(err instanceof DirectoryNotEmptyError);
    assert.equal(err.code, 'ERR_DIR_NOT_EMPTY');
    assert.match(err.message, /full": directory not empty/);
    return true;
  });
  assert.ok(existsSync(join(root, 'full/f.txt')));
  await assert.rejects(b.rmdir('empty'), (err: unknown) => err instanceof NotFoundError && err.exitCode === 3);
});

test('setModTime sets a file or directory mtime to the millisecond; missing is NotFound', async () => {
  const { root, b } = fixture();
  await b.setModTime('full/f.txt', 1_700_000_000_123);
  assert.equal((await b.stat('full/f.txt')).modTime, 1_700_000_000_123);
  await b.setModTime('empty', 1_650_000_000_456);
  assert.equal(Math.floor(statSync(join(root, 'empty')).mtimeMs), 1_650_000_000_456);
  await assert.rejects(b.setModTime('none', 1), NotFoundError);
});

test('copyFrom within the remote duplicates content and mtime, creating parents, and replaces an existing file', async () => {
  const { root, b } = fixture();
  const opts = { size: 7, modTime: 1_600_000_000_321 };
  const e = await b.copyFrom(b, 'full/f.txt', 'new/dir/copy.txt', opts);
  assert.deepEqual(e, { path: 'new/dir/copy.txt', kind: 'file', size: 7, modTime: 1_600_000_000_321 });
  assert.equal(readFileSync(join(root, 'new/dir/copy.txt'), 'utf8'), 'content');
  assert.equal(readFileSync(join(root, 'full/f.txt'), 'utf8'), 'content');
  writeFileSync(join(root, 'other'), 'other, longer content');
  await b.copyFrom(b, 'full/f.txt', 'other', opts);
  assert.equal(readFileSync(join(root, 'other'), 'utf8'), 'content');
  assert.deepEqual(readdirSync(root).filter((n) => n.endsWith('.partial')), []);
});

test('copyFrom of a missing file is NotFound', async () => {
  const { b } = fixture();
  await assert.rejects(b.copyFrom(b, 'none', 'x', { size: 1 }), NotFoundError);
});

test('moveFrom within the remote renames, creating parents, keeping mtime, replacing an existing file', async () => {
  const { root, b } = fixture();
  writeFileSync(join(root, 'old'), 'to be replaced');
  const e = await b.moveFrom(b, 'full/f.txt', 'old');
  assert.deepEqual(e, { path: 'old', kind: 'file', size: 7, modTime: 1_600_000_000_321 });
  assert.ok(!existsSync(join(root, 'full/f.txt')));
  const e2 = await b.moveFrom(b, 'old', 'a/b/moved');
  assert.equal(e2?.path, 'a/b/moved');
  assert.equal(readFileSync(join(root, 'a/b/moved'), 'utf8'), 'content');
  await assert.rejects(b.moveFrom(b, 'none', 'x'), NotFoundError);
});

test('paths that could leave the root are refused before touching the disk', async () => {
  const { b } = fixture();
  await assert.rejects(b.stat('../etc/passwd'), UnsafeNameError);
  await assert.rejects(b.delete('full/../../x'), UnsafeNameError);
  await assert.rejects(b.stat('a//b'), UnsafeNameError);
});
