// Issue "The full sync engine": the commands against the ACD emulator, a
// destination that cannot store modtimes and so is compared by size or MD5.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { useAcdRemote } from './support/acd-remote.mjs';

let emu;
let config;
useAcdRemote((remote) => ({ emu, config } = remote));

const TREE = { 'a.txt': 'alpha', 'docs/b.md': '# bravo', 'docs/deep/c.bin': { size: 70_000, seed: 4 } };
const run = (args) => rsyncish(args, { config });

describe('against the ACD emulator', { concurrency: 2 }, () => {
  test('copy, ls, md5sum, check, then a no-op copy compared by size (modtimes cannot be stored)', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, TREE);
    const c = await run(['copy', src, 'acd:t1']);
    assert.equal(c.code, 0, c.stderr);
    const ls = await run(['ls', 'acd:t1']);
    assert.deepEqual(ls.stdout.split('\n').filter(Boolean).map((l) => l.trim()).sort(), ['5 a.txt', '7 docs/b.md', '70000 docs/deep/c.bin']);
    const sums = await run(['md5sum', 'acd:t1']);
    const want = Object.entries(snapshot(src)).map(([p, f]) => `${f.md5}  ${p}`).sort();
    assert.deepEqual(sums.stdout.split('\n').filter(Boolean).sort(), want);
    const check = await run(['check', src, 'acd:t1']);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stderr, /: 0 differences found/);
    assert.match(check.stderr, /: 3 matching files/);
    // Row 12: same size, different content, modtimes not comparable: up to date...
    writeFileSync(join(src, 'a.txt'), 'ALPHA');
    const again = await run(['copy', '--json', src, 'acd:t1']);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(!again.stdout.includes('"transfer-done"'), 'nothing transferred without --checksum');
    // ...and row 7: --checksum compares the MD5 ACD stores, so the change is seen.
    const sum = await run(['copy', '--checksum', '-v', src, 'acd:t1']);
    assert.match(sum.stderr, /a\.txt: Copied \(replaced existing\)/);
    const diff = await run(['check', src, 'acd:t1']);
    assert.equal(diff.code, 0, 'check now matches after the checksum copy');
  });

  test('sync deletes extraneous remote files (to trash); dry-run changes nothing; delete and purge', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, TREE);
    assert.equal((await run(['copy', src, 'acd:t2'])).code, 0);
    const extra = join(tempDir(), 'extra');
    makeTree(extra, { 'x.txt': 'extra', 'old/y.txt': 'old' });
    assert.equal((await run(['copy', extra, 'acd:t2'])).code, 0);
    const dry = await run(['sync', '-n', src, 'acd:t2']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stderr, /x\.txt: Skipped delete as --dry-run is set/);
    assert.equal((await run(['ls', 'acd:t2'])).stdout.split('\n').filter(Boolean).length, 5);
    const s = await run(['sync', '-v', src, 'acd:t2']);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stderr, /Deleted: +2 \(files\), 1 \(dirs\)/);
    assert.equal((await run(['check', src, 'acd:t2'])).code, 0);
    const del = await run(['delete', '--include', '*.md', 'acd:t2']);
    assert.equal(del.code, 0, del.stderr);
    assert.deepEqual((await run(['ls', 'acd:t2'])).stdout.split('\n').filter(Boolean).map((l) => l.trim().split(' ').pop()).sort(), ['a.txt', 'docs/deep/c.bin']);
    const purge = await run(['purge', 'acd:t2']);
    assert.equal(purge.code, 0, purge.stderr);
    const gone = await run(['ls', 'acd:t2']);
    assert.equal(gone.code, 3, 'the purged directory no longer exists');
  });
});
