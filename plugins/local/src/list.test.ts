import assert from 'node:assert/strict';
import { mkdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { NotFoundError, PartialListingError, type Entry } from '@rsyncish/core';
import { BrokenSymlinkError, NotADirectoryError } from './errors.js';
import { LocalBackend } from './local-backend.js';
import { collect, recordingLogger, tempDir } from './testing/support.js';

const byPath = (a: Entry, b: Entry) => (a.path < b.path ? -1 : 1);

test('list gives one directory level with paths relative to the root, sizes and ms modtimes', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'dir/sub'), { recursive: true });
  writeFileSync(join(root, 'top.txt'), 'hello');
  writeFileSync(join(root, 'dir/inner.bin'), Buffer.alloc(1000));
  writeFileSync(join(root, 'dir/sub/deep'), 'x');
  utimesSync(join(root, 'top.txt'), 1_600_000_000.5, 1_600_000_000.5);
  const b = new LocalBackend({ root });

  const top = (await collect(b.list(''))).sort(byPath);
  assert.deepEqual(
    top.map((e) => [e.path, e.kind, e.size]),
    [['dir', 'dir', -1], ['top.txt', 'file', 5]],
  );
  assert.equal(top[1]!.modTime, 1_600_000_000_500);
  assert.deepEqual((await collect(b.list('dir'))).sort(byPath).map((e) => [e.path, e.kind, e.size]), [
    ['dir/inner.bin', 'file', 1000],
    ['dir/sub', 'dir', -1],
  ]);
  assert.deepEqual((await collect(b.list('dir/sub'))).map((e) => e.path), ['dir/sub/deep']);
});

test('listAll gives what list gives, with readdir blocking or through the thread pool; both are NotFound for a missing dir', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'dir/sub'), { recursive: true });
  for (let i = 0; i < 50; i++) writeFileSync(join(root, `dir/f${i}`), 'x'.repeat(i));
  const shape = (entries: Entry[]) => entries.sort(byPath).map((e) => [e.path, e.kind, e.size, e.modTime]);
  const want = shape(await collect(new LocalBackend({ root }).list('dir')));
  assert.equal(want.length, 51);
  for (const blockingIo of [true, false]) {
    const b = new LocalBackend({ root, blockingIo });
    assert.deepEqual(shape(await b.listAll('dir')), want, `listAll, blockingIo ${blockingIo}`);
    assert.deepEqual(shape(await collect(b.list('dir'))), want, `list, blockingIo ${blockingIo}`);
    await assert.rejects(b.listAll('nope'), NotFoundError);
  }
});

test('an empty directory lists as nothing', async () => {
  const root = tempDir();
  mkdirSync(join(root, 'empty'));
  assert.deepEqual(await collect(new LocalBackend({ root }).list('empty')), []);
});

test('names with spaces, non-ASCII and #%?* characters list and stat as they are', async () => {
  const root = tempDir();
  const names = ['with space', 'é ü ñ 日本語', 'hash#percent%20q?star*', ' leading', 'trailing ', 'back\\slash'];
  mkdirSync(join(root, 'd ir#'));
  for (const n of names) writeFileSync(join(root, 'd ir#', n), n);
  const b = new LocalBackend({ root });
  const listed = (await collect(b.list('d ir#'))).map((e) => e.path).sort();
  assert.deepEqual(listed, names.map((n) => `d ir#/${n}`).sort());
  for (const n of names) assert.equal((await b.stat(`d ir#/${n}`)).size, Buffer.byteLength(n));
});

test('a directory of thousands of entries (many stat batches) lists completely', async () => {
  const root = tempDir();
  for (let i = 0; i < 2_500; i++) writeFileSync(join(root, `f${i}`), '');
  const entries = await collect(new LocalBackend({ root }).list(''));
  assert.equal(entries.length, 2_500);
  assert.equal(new Set(entries.map((e) => e.path)).size, 2_500);
});

test('listing a missing directory is NotFound for a directory (exit code 3)', async () => {
  const b = new LocalBackend({ root: tempDir() });
  await assert.rejects(collect(b.list('nope')), (err: unknown) => {
    assert.ok(err instanceof NotFoundError);
    assert.equal(err.exitCode, 3);
    assert.match(err.message, /nope": directory not found/);
    return true;
  });
});

test('listing a root that is a file says so', async () => {
  const root = join(tempDir(), 'file.txt');
  writeFileSync(root, 'x');
  await assert.rejects(collect(new LocalBackend({ root }).list('')), (err: unknown) => {
    assert.ok(err instanceof NotADirectoryError);
    assert.match(err.message, /file\.txt": is a file, not a directory/);
    return true;
  });
});

test('symlinks are skipped with a notice like rclone, silently with skip_links', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'real'), 'data');
  mkdirSync(join(root, 'sub'));
  symlinkSync('real', join(root, 'link'));
  symlinkSync('sub', join(root, 'dirlink'));
  const logger = recordingLogger();
  const entries = await collect(new LocalBackend({ root, logger }).list(''));
  assert.deepEqual(entries.map((e) => e.path).sort(), ['real', 'sub']);
  assert.deepEqual(logger.lines.sort(), [
    "NOTICE: dirlink: Can't follow symlink without -L/--copy-links",
    "NOTICE: link: Can't follow symlink without -L/--copy-links",
  ]);

  const quiet = recordingLogger();
  await collect(new LocalBackend({ root, logger: quiet, options: { skipLinks: true } }).list(''));
  assert.deepEqual(quiet.lines, []);
});

test('with copy_links (-L) symlinks are followed to files and directories', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'real'), 'data');
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'sub/in'), '12');
  symlinkSync('real', join(root, 'link'));
  symlinkSync('sub', join(root, 'dirlink'));
  const b = new LocalBackend({ root, options: { copyLinks: true } });
  const entries = (await collect(b.list(''))).sort(byPath);
  assert.deepEqual(entries.map((e) => [e.path, e.kind, e.size]), [
    ['dirlink', 'dir', -1],
    ['link', 'file', 4],
    ['real', 'file', 4],
    ['sub', 'dir', -1],
  ]);
  assert.deepEqual((await collect(b.list('dirlink'))).map((e) => e.path), ['dirlink/in']);
  assert.equal((await b.stat('link')).size, 4);
});

test('with -L a broken symlink fails alone: the good entries are listed, the link is a PartialListingError failure', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'good'), 'g');
  symlinkSync('nowhere', join(root, 'broken'));
  symlinkSync('loop', join(root, 'loop'));
  const logger = recordingLogger();
  const b = new LocalBackend({ root, logger, options: { copyLinks: true } });
  const seen: string[] = [];
  const failed = (err: unknown) => {
    assert.ok(err instanceof PartialListingError);
    assert.deepEqual(err.listed.map((e) => e.path), ['good']);
    const byName = Object.fromEntries(err.failures.map((f) => [f.name, f.error]));
    assert.deepEqual(Object.keys(byName).sort(), ['broken', 'loop']);
    assert.ok(byName['broken'] instanceof BrokenSymlinkError);
    assert.match(byName['broken'].message, /broken": broken symlink to "nowhere": its target does not exist$/);
    assert.match(byName['loop']!.message, /loop": broken symlink to "loop": too many levels of symbolic links \(a loop\)$/);
    return true;
  };
  await assert.rejects((async () => {
    for await (const e of b.list('')) seen.push(e.path);
  })(), failed);
  assert.deepEqual(seen, ['good']);
  await assert.rejects(b.listAll(''), failed);
  assert.deepEqual(logger.lines, [], 'the caller reports the failures, the backend does not log them');
});

test('with -L a link that cannot be followed for another reason fails alone too', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'good'), 'g');
  symlinkSync('n'.repeat(300), join(root, 'long')); // a target name past 255 bytes: ENAMETOOLONG
  await assert.rejects(new LocalBackend({ root, options: { copyLinks: true } }).listAll(''), (err: unknown) => {
    assert.ok(err instanceof PartialListingError);
    assert.deepEqual(err.listed.map((e) => e.path), ['good']);
    assert.deepEqual(err.failures.map((f) => [f.name, f.error.message.replace(root, 'ROOT')]), [['long', '"ROOT/long": file name too long (a symlink\'s target is longer than the system allows)']]);
    return true;
  });
});

test('fifos are skipped with a notice', { skip: process.platform === 'win32' }, async () => {
  const root = tempDir();
  execFileSync('mkfifo', [join(root, 'pipe')]);
  writeFileSync(join(root, 'file'), '');
  const logger = recordingLogger();
  const entries = await collect(new LocalBackend({ root, logger }).list(''));
  assert.deepEqual(entries.map((e) => e.path), ['file']);
  assert.deepEqual(logger.lines, ["NOTICE: pipe: Can't transfer non file/directory"]);
});

test('a name that is not valid UTF-8 is skipped with a notice, not silently', { skip: process.platform !== 'linux' }, async () => {
  const root = tempDir();
  writeFileSync(Buffer.concat([Buffer.from(`${root}/bad`), Buffer.from([0xff]), Buffer.from('.txt')]), 'x');
  writeFileSync(join(root, 'good'), 'x');
  const logger = recordingLogger();
  const entries = await collect(new LocalBackend({ root, logger }).list(''));
  assert.deepEqual(entries.map((e) => e.path), ['good']);
  assert.deepEqual(logger.lines, ["NOTICE: bad\uFFFD.txt: Can't transfer a name that is not valid UTF-8"]);
});

test('with one_file_system a directory on another filesystem is not listed', async (t) => {
  const root = tempDir();
  // /proc is its own filesystem wherever it exists; reach it through a followed link.
  const other = '/proc';
  if (process.platform !== 'linux' || statSync(other).dev === statSync(root).dev) return t.skip('needs a second filesystem');
  symlinkSync(other, join(root, 'elsewhere'));
  mkdirSync(join(root, 'here'));
  const crossing = new LocalBackend({ root, options: { copyLinks: true } });
  assert.deepEqual((await collect(crossing.list(''))).map((e) => e.path).sort(), ['elsewhere', 'here']);
  const staying = new LocalBackend({ root, options: { copyLinks: true, oneFileSystem: true } });
  assert.deepEqual((await collect(staying.list(''))).map((e) => e.path), ['here']);
});
