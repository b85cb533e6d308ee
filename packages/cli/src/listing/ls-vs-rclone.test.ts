import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { makeTree, runCli, sandbox } from '../testing/run-cli.js';

const exec = promisify(execFile);
const rclone = await exec('rclone', ['version']).then(() => true, () => false);
const skip = rclone ? false : 'rclone is not on PATH: nothing to compare with';

/** A tree with names whose order differs between byte order and a locale sort, empty and deep dirs. */
async function tree(): Promise<string> {
  const { dir } = await sandbox();
  const root = join(dir, 'tree');
  await makeTree(root, {
    'B.txt': 'BB', 'a.txt': 'hello', 'Ä.txt': 'x', 'c_1/f': '1', 'c-1/f': '22', 'sub/b.bin': 'x'.repeat(2000),
    'sub/deep/c': 'z', 'sub/deep/deeper/d': 'dd', 'z/in/g': '333',
  });
  await fs.mkdir(join(root, 'empty'));
  // Millisecond mtimes: rclone prints nanoseconds, we hold milliseconds, so this is the exact case.
  // touch, not fs.utimes: utimes goes through a double and lands on .122999999.
  const files = ['B.txt', 'a.txt', 'Ä.txt', 'c_1/f', 'c-1/f', 'sub/b.bin', 'sub/deep/c', 'sub/deep/deeper/d', 'z/in/g'];
  await exec('touch', ['-d', '2024-01-02 03:04:05.123', ...files.map((p) => join(root, p))]);
  return root;
}

async function both(args: string[]): Promise<{ ours: string; theirs: string }> {
  const { env, dir } = await sandbox();
  const ours = await runCli(args, { env });
  assert.equal(ours.code, 0, ours.stderr);
  const theirs = await exec('rclone', [...args, '--checkers', '1'], { env: { ...process.env, RCLONE_CONFIG: join(dir, 'rclone.conf') } });
  return { ours: ours.stdout, theirs: theirs.stdout };
}

const sorted = (s: string) => s.split('\n').sort().join('\n');

test('ls prints the same lines as rclone ls, each directory sorted by bytes', { skip }, async () => {
  const root = await tree();
  for (const extra of [[], ['--max-depth', '1'], ['--max-depth', '2']]) {
    const { ours, theirs } = await both(['ls', root, ...extra]);
    // rclone lists directories concurrently, so only the set of lines is stable across its runs.
    assert.equal(sorted(ours), sorted(theirs), extra.join(' '));
  }
  const { ours } = await both(['ls', root]);
  assert.equal(ours.split('\n')[0], '        2 B.txt', 'root files come first, "B" before "a" as bytes');
});

test('lsl prints the same lines as rclone lsl, nanoseconds padded from milliseconds', { skip }, async () => {
  const root = await tree();
  const { ours, theirs } = await both(['lsl', root]);
  assert.equal(sorted(ours), sorted(theirs));
  const single = await both(['lsl', join(root, 'a.txt')]);
  assert.equal(single.ours, single.theirs);
});

test('lsd, lsd -R and lsd --max-depth print what rclone prints', { skip }, async () => {
  const root = await tree();
  const top = await both(['lsd', root]);
  assert.equal(top.ours, top.theirs);
  for (const extra of [['-R'], ['--max-depth', '2']]) {
    const { ours, theirs } = await both(['lsd', root, ...extra]);
    // Even with --checkers 1 rclone's walk order varies on a busy machine (sub/deep/deeper
    // before z/in in 2 runs of 30), so only the set of lines is compared with it ...
    assert.equal(sorted(ours), sorted(theirs), extra.join(' '));
  }
  // ... and ours is the order rclone prints on a quiet machine: level by level, each sorted.
  const { ours } = await both(['lsd', root, '-R']);
  const names = ours.trim().split('\n').map((line) => line.split(/\s+/).at(-1));
  assert.deepEqual(names, ['c-1', 'c_1', 'empty', 'sub', 'z', 'sub/deep', 'z/in', 'sub/deep/deeper']);
});

test('listing a path that does not exist is "directory not found", exit 3, one line', async () => {
  const { dir, env } = await sandbox();
  for (const cmd of ['ls', 'lsl', 'lsd']) {
    const r = await runCli([cmd, join(dir, 'nope')], { env });
    assert.equal(r.code, 3, cmd);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^ERROR : directory not found: .*nope/);
  }
});
