// --backup-dir on ACD: each file is moved into the backup server-side, its
// node reparented (the same account); --suffix alone renames it next to itself.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { useAcdRemote } from './support/acd-remote.mjs';

let emu;
let config;
useAcdRemote((remote) => ({ emu, config } = remote));

const run = (args) => rsyncish(args, { config });
const listing = async (remote) => (await run(['ls', remote])).stdout.split('\n').filter(Boolean).map((l) => l.trim()).sort();

test('sync --backup-dir on ACD moves the old versions into the backup server-side', async () => {
  const old = join(tempDir(), 'old');
  makeTree(old, { 'a.txt': 'old a!', 'c.txt': 'extra', 'sub/k': 'kept' });
  assert.equal((await run(['copy', old, 'acd:d'])).code, 0);
  const src = join(tempDir(), 'src');
  makeTree(src, { 'a.txt': 'new a', 'sub/k': 'kept' });

  const r = await run(['sync', src, 'acd:d', '--backup-dir', 'acd:bk', '-v']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /INFO {2}: a\.txt: Moved \(server-side\)\n/);
  assert.match(r.stderr, /Renamed: +2\n/);
  assert.match(r.stderr, /INFO {2}: c\.txt: Moved into backup dir\n/);
  assert.deepEqual(await listing('acd:d'), ['4 sub/k', '5 a.txt']);
  assert.deepEqual(await listing('acd:bk'), ['5 c.txt', '6 a.txt']);
  assert.equal((await run(['cat', 'acd:bk/a.txt'])).stdout, 'old a!');
});

test('--suffix alone on ACD renames the old version next to itself, server-side', async () => {
  const old = join(tempDir(), 'old');
  makeTree(old, { 'a.txt': 'old a!' });
  assert.equal((await run(['copy', old, 'acd:s'])).code, 0);
  const src = join(tempDir(), 'src');
  makeTree(src, { 'a.txt': 'new a' });

  const r = await run(['copy', src, 'acd:s', '--suffix', '.bak', '-v']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /INFO {2}: a\.txt: Moved \(server-side\) to: a\.txt\.bak\n/);
  assert.deepEqual(await listing('acd:s'), ['5 a.txt', '6 a.txt.bak']);
});

test('--backup-dir on another remote than the destination is refused, exit 7, nothing touched', async () => {
  const src = join(tempDir(), 'src');
  makeTree(src, { 'a.txt': 'new' });
  const r = await run(['copy', src, 'acd:r', '--backup-dir', join(tempDir(), 'bk')]);
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stderr, /^ERROR : parameter to --backup-dir has to be on the same remote as destination \(hint: /m);
  assert.deepEqual(await listing('acd:r'), []);
});

test('--copy-dest on another remote than the destination is refused, exit 7, nothing touched', async () => {
  const src = join(tempDir(), 'src');
  makeTree(src, { 'a.txt': 'new' });
  const r = await run(['copy', src, 'acd:cd', '--copy-dest', join(tempDir(), 'prev')]);
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stderr, /^ERROR : parameter to --copy-dest has to be on the same remote as destination \(hint: /m);
  assert.deepEqual(await listing('acd:cd'), []);
});

test('--copy-dest on ACD copies a file found equal there into the destination, from there', async () => {
  const earlier = join(tempDir(), 'earlier');
  makeTree(earlier, { 'a.txt': 'SAME BYTES' });
  assert.equal((await run(['copy', earlier, 'acd:prev'])).code, 0);
  // ACD stores no modtimes: a file of the same size counts as equal (decision table row 12),
  // so the copy in the destination shows where it came from.
  const src = join(tempDir(), 'src');
  makeTree(src, { 'a.txt': 'same bytes', 'b.txt': 'new b' });
  const r = await run(['copy', src, 'acd:next', '--copy-dest', 'acd:prev']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await listing('acd:next'), ['10 a.txt', '5 b.txt']);
  assert.equal((await run(['cat', 'acd:next/a.txt'])).stdout, 'SAME BYTES');
});
