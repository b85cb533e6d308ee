import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { logLines, makeTree, runCli, sandbox } from '../testing/run-cli.js';

test('copy -v reports each new file and prints the final stats block', async () => {
  const { dir, env } = await sandbox();
  await makeTree(join(dir, 'src'), { 'a.txt': 'hello', 'sub/b.bin': 'x'.repeat(2000) });
  const r = await runCli(['copy', '-v', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = logLines(r.stderr);
  assert.ok(lines.includes('INFO  : a.txt: Copied (new)'));
  assert.ok(lines.includes('INFO  : sub/b.bin: Copied (new)'));
  assert.match(r.stderr, /\nTransferred: {3}\t {4}1.958 KiB \/ 1.958 KiB, 100%, .*, ETA .*\nTransferred: {12}2 \/ 2, 100%\nElapsed time: +\d+\.\ds\n/);
  assert.equal(await fs.readFile(join(dir, 'dst/sub/b.bin'), 'utf8'), 'x'.repeat(2000));
});

test('a second copy says, with -v, there was nothing to transfer, and a changed file is replaced', async () => {
  const { dir, env } = await sandbox();
  await makeTree(join(dir, 'src'), { 'a.txt': 'hello', 'b.txt': 'bee' });
  await runCli(['copy', join(dir, 'src'), join(dir, 'dst')], { env });
  const again = await runCli(['copy', '-v', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.equal(again.code, 0);
  assert.ok(logLines(again.stderr).includes('INFO  : There was nothing to transfer'));
  assert.match(again.stderr, /Checks: {17}2 \/ 2, 100%/);
  await fs.writeFile(join(dir, 'src/b.txt'), 'changed');
  const third = await runCli(['copy', '-v', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.ok(logLines(third.stderr).includes('INFO  : b.txt: Copied (replaced existing)'));
});

test('--dry-run prints what it would copy and copies nothing', async () => {
  const { dir, env } = await sandbox();
  await makeTree(join(dir, 'src'), { 'a.txt': 'hello', 'big': 'x'.repeat(2000) });
  const r = await runCli(['copy', '-n', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = logLines(r.stderr);
  assert.ok(lines.includes('NOTICE: a.txt: Skipped copy as --dry-run is set (size 5)'));
  assert.ok(lines.includes('NOTICE: big: Skipped copy as --dry-run is set (size 1.953Ki)'));
  await assert.rejects(fs.access(join(dir, 'dst')));
});

test('-q prints nothing when all goes well', async () => {
  const { dir, env } = await sandbox();
  await makeTree(join(dir, 'src'), { 'a.txt': 'hello' });
  const r = await runCli(['copy', '-q', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.deepEqual([r.code, r.stderr, r.stdout], [0, '', '']);
});

test('a single source file is copied into the destination directory', async () => {
  const { dir, env } = await sandbox();
  await makeTree(join(dir, 'src'), { 'a.txt': 'hello', 'other': 'no' });
  const r = await runCli(['copy', '-v', join(dir, 'src/a.txt'), join(dir, 'dst')], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(logLines(r.stderr).includes('INFO  : a.txt: Copied (new)'));
  assert.deepEqual(await fs.readdir(join(dir, 'dst')), ['a.txt']);
});

test('a missing source is "directory not found": exit 3, one line', async () => {
  const { dir, env } = await sandbox();
  const r = await runCli(['copy', join(dir, 'nope'), join(dir, 'dst')], { env });
  assert.equal(r.code, 3);
  assert.deepEqual(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^ERROR : directory not found: .*nope/);
});

test('--max-size skips bigger files; a malformed size is a usage error naming the flag', async () => {
  const { dir, env } = await sandbox();
  await makeTree(join(dir, 'src'), { small: 'x'.repeat(10), large: 'x'.repeat(5000) });
  const r = await runCli(['copy', '--max-size=1k', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await fs.readdir(join(dir, 'dst')), ['small']);
  const bad = await runCli(['copy', '--max-size=lots', join(dir, 'src'), join(dir, 'dst')], { env });
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.match(bad.stderr, /^ERROR : .*--max-size.*"lots"/);
});

// root reads anything, so as root the CLI runs as nobody (65534); any other user cannot read a 0000 file anyway.
const asOtherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const posixOnly = process.getuid === undefined ? 'file modes need a POSIX system' : false;

test('an unreadable source file is an error; the others are still copied; exit non-zero', { skip: posixOnly }, async () => {
  const { dir, env } = await sandbox();
  const src = join(dir, 'src');
  await makeTree(src, { 'ok1': 'one', 'secret': 'no', 'sub/ok2': 'two' });
  await fs.chmod(src, 0o777);
  await fs.chmod(join(src, 'sub'), 0o777);
  await fs.chmod(join(src, 'secret'), 0o000);
  const r = await runCli(['copy', '-v', '--retries', '1', src, join(dir, 'dst')], { env, ...asOtherUser });
  assert.notEqual(r.code, 0);
  const lines = logLines(r.stderr);
  assert.ok(lines.some((l) => /^ERROR : secret: Failed to copy: .*permission denied/i.test(l)), r.stderr);
  assert.match(r.stderr, /Errors: +1 /);
  assert.equal(await fs.readFile(join(dir, 'dst/ok1'), 'utf8'), 'one');
  assert.equal(await fs.readFile(join(dir, 'dst/sub/ok2'), 'utf8'), 'two');
  await assert.rejects(fs.access(join(dir, 'dst/secret')));
});

test('whole-run retries print rclone\'s "Attempt i/n failed" line after each failed attempt, the last included', { skip: posixOnly }, async () => {
  const { dir, env } = await sandbox();
  const src = join(dir, 'src');
  await makeTree(src, { 'secret': 'no' });
  await fs.chmod(src, 0o777);
  await fs.chmod(join(src, 'secret'), 0o000);
  const r = await runCli(['copy', '--retries', '2', src, join(dir, 'dst')], { env, ...asOtherUser });
  assert.match(r.stderr, /ERROR : Attempt 1\/2 failed with 1 errors and: .*secret/);
  // rclone logs the last attempt's failure too (cmd.Run); permission denied is worth retrying there.
  assert.match(r.stderr, /ERROR : Attempt 2\/2 failed with 1 errors and: .*secret/);
  assert.doesNotMatch(r.stderr, /not attempting retries/);
});
