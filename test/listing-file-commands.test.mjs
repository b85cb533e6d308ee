// touch, deletefile and rcat change one file as rclone's do (same result on
// disk, same exit codes), and rcat never leaves a partial file behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, makeTree, patterned, rsyncish, tempDir } from './helpers.mjs';
import { noLocalRclone as skip, rclone } from './support/local-rclone.mjs';

const dir = tempDir('rsyncish-file-commands-');
const config = join(dir, 'rsyncish.conf');

/** Two identical trees, one for each tool. */
function twoTrees(name) {
  const a = join(dir, `${name}-ours`);
  const b = join(dir, `${name}-rclone`);
  makeTree(a, { 'a.txt': 'hello', 'sub/b.txt': 'bb', 'sub/deep/c.txt': 'ccc' });
  cpSync(a, b, { recursive: true, preserveTimestamps: true });
  return { a, b };
}

/** Files (not directories: their times change with every create) with size and exact mtime. */
function files(root) {
  const out = {};
  const walk = (d, rel) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(p, { bigint: true });
      if (st.isDirectory()) walk(p, r);
      else out[r] = `${st.size} ${st.mtimeNs}`;
    }
  };
  walk(root, '');
  return out;
}

async function sameEffect(name, args, path) {
  const { a, b } = twoTrees(name);
  const ours = await rsyncish([...args, join(a, path)], { config });
  const theirs = await rclone([...args, join(b, path)]);
  assert.equal(ours.code, theirs.code, `${args.join(' ')} ${path}: exit ${ours.code}, rclone ${theirs.code}\n${ours.stderr}`);
  if (ours.code !== 0) assert.equal(ours.stderr.trim().split('\n').length, 1, ours.stderr);
  assert.deepEqual(files(a), files(b), `${args.join(' ')} ${path}`);
  return ours;
}

test('touch sets, creates and refuses as rclone touch does', { skip }, async () => {
  await sameEffect('t1', ['touch', '-t', '2020-01-02T03:04:05.123456789'], 'a.txt');
  await sameEffect('t2', ['touch', '-t', '170102'], 'new.txt');
  await sameEffect('t3', ['touch', '-t', '2021-06-07T08:09:10'], 'made/on/the/way.txt');
  await sameEffect('t4', ['touch', '-C', '-t', '170102'], 'not-made.txt');
  await sameEffect('t5', ['touch', '-R', '-t', '2019-01-01T00:00:00'], '');
  await sameEffect('t6', ['touch', '-t', '2022-02-03T04:05:06'], 'sub');
  await sameEffect('t7', ['touch', '-t', '2024-13-01T00:00:00'], 'a.txt');
  await sameEffect('t8', ['touch', '-t', 'yesterday'], 'a.txt');
  const r = await sameEffect('t9', ['touch', '-t', '2023-02-30T00:00:00'], 'a.txt');
  assert.match(r.stderr, /failed to parse timestamp argument/);
});

test('deletefile removes one file and refuses a directory or a missing path, as rclone', { skip }, async () => {
  await sameEffect('d1', ['deletefile'], 'sub/b.txt');
  const dirRefused = await sameEffect('d2', ['deletefile'], 'sub');
  assert.match(dirRefused.stderr, /is a directory or doesn't exist/);
  await sameEffect('d3', ['deletefile'], 'nope.txt');
  await sameEffect('d4', ['deletefile', '--dry-run'], 'a.txt');
});

/** rsyncish or rclone with a file as stdin. */
function withStdin(command, args, inputFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, RSYNCISH_CONFIG: config }, stdio: [openSync(inputFile, 'r'), 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('rcat stores stdin as the file, small or spooled through a temp file, and refuses a directory, as rclone', { skip }, async () => {
  const { a, b } = twoTrees('r1');
  for (const [name, bytes] of [['small.txt', Buffer.from('small input\n')], ['a.txt', patterned(9 * 1024 * 1024 + 7, 3)], ['empty.txt', Buffer.alloc(0)]]) {
    const input = join(dir, `in-${name}`);
    writeFileSync(input, bytes);
    const ours = await withStdin(CLI, ['rcat', join(a, name)], input);
    const theirs = await withStdin('rclone', ['--config', join(dir, 'none.conf'), 'rcat', join(b, name)], input);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.ok(readFileSync(join(a, name)).equals(bytes), name);
  }
  const input = join(dir, 'in-small.txt');
  const ours = await withStdin(CLI, ['rcat', join(a, 'sub')], input);
  const theirs = await withStdin('rclone', ['--config', join(dir, 'none.conf'), 'rcat', join(b, 'sub')], input);
  assert.equal(ours.code, theirs.code, ours.stderr);
  assert.equal(ours.stderr.trim().split('\n').length, 1);
  const wrongSize = await withStdin(CLI, ['rcat', '--size', '3', join(a, 'small.txt')], join(dir, 'in-a.txt'));
  assert.equal(wrongSize.code, 1);
  assert.equal(readFileSync(join(a, 'small.txt'), 'utf8'), 'small input\n', 'a size that does not match stores nothing');
});

test('rcat killed while stdin is still open leaves the previous version and no partial file', async () => {
  const root = join(dir, 'killed');
  makeTree(root, { 'keep.txt': 'the previous version\n' });
  const child = spawn(CLI, ['rcat', join(root, 'keep.txt')], { env: { ...process.env, RSYNCISH_CONFIG: config }, stdio: ['pipe', 'ignore', 'pipe'] });
  const closed = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  // A producer that has sent part of its output and not ended: rsyncish must not store any of it.
  await new Promise((resolve) => child.stdin.write(patterned(3 * 1024 * 1024, 9), resolve));
  child.kill('SIGKILL');
  const end = await closed;
  assert.equal(end.signal, 'SIGKILL');
  assert.equal(readFileSync(join(root, 'keep.txt'), 'utf8'), 'the previous version\n');
  assert.deepEqual(readdirSync(root), ['keep.txt'], 'no temp file or partial file next to it');
});

test('rcat stopped by Ctrl-C while spooling exits 130, keeps the previous version and removes its temp file', async () => {
  const root = join(dir, 'interrupted');
  makeTree(root, { 'keep.txt': 'the previous version\n' });
  const tmp = join(dir, 'rcat-tmp');
  mkdirSync(tmp);
  const child = spawn(CLI, ['rcat', join(root, 'keep.txt')], {
    env: { ...process.env, RSYNCISH_CONFIG: config, TMPDIR: tmp }, stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  // More than is held in memory, so the input is in a temp file when the signal comes.
  const chunk = patterned(1024 * 1024, 4);
  for (let i = 0; i < 12; i++) await new Promise((resolve) => child.stdin.write(chunk, resolve));
  // Wait until rsyncish has started its temp file, then interrupt it with stdin still open.
  while (readdirSync(tmp).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill('SIGINT');
  assert.equal(await closed, 130, stderr);
  assert.equal(readFileSync(join(root, 'keep.txt'), 'utf8'), 'the previous version\n');
  assert.deepEqual(readdirSync(root), ['keep.txt']);
  assert.deepEqual(readdirSync(tmp), [], 'the spooled input was removed');
});

test('rcat whose producer ends early with --size stores nothing new', async () => {
  const root = join(dir, 'short');
  makeTree(root, { 'keep.txt': 'old\n' });
  const input = join(dir, 'short-input');
  writeFileSync(input, patterned(1000, 2));
  const r = await withStdin(CLI, ['rcat', '--size', '5000', join(root, 'keep.txt')], input);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /read 1000 bytes from stdin, but --size said 5000: nothing stored/);
  assert.equal(readFileSync(join(root, 'keep.txt'), 'utf8'), 'old\n');
  assert.equal(existsSync(join(root, 'keep.txt')), true);
});

test('rcat with nothing piped in says so in one line, exit 1, as rclone', { skip }, async () => {
  const root = join(dir, 'tty');
  makeTree(root, { 'x.txt': 'x' });
  const ours = await withStdin(CLI, ['rcat', join(root, 'new.txt')], '/dev/null');
  const theirs = await withStdin('rclone', ['--config', join(dir, 'none.conf'), 'rcat', join(root, 'new2.txt')], '/dev/null');
  assert.equal(ours.code, theirs.code);
  assert.match(ours.stderr, /nothing to read from standard input/);
  assert.equal(existsSync(join(root, 'new.txt')), false);
});
