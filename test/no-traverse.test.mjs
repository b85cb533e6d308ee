// --no-traverse: copy and move look up each source file on the destination
// instead of listing it, as rclone 1.60 does (its NewObject per file), with
// the same result as a listing; sync ignores the flag and says so. Local
// runs are compared with Debian's rclone; on the ACD emulator the requests
// show that no folder of the destination is listed.
import assert from 'node:assert/strict';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { useAcdRemote } from './support/acd-remote.mjs';
import { logLinesOf, noLocalRclone, rclone } from './support/local-rclone.mjs';

const TREE = {
  's/new.txt': 'new\n',
  's/changed.txt': 'changed now\n',
  's/sub/same.txt': 'same\n',
  's/sub/deeper/also-new': 'n\n',
  'd/changed.txt': 'before\n',
  'd/sub/same.txt': 'same\n',
  'd/other/untouched': 'u\n',
};

/** TREE in a fresh folder, the unchanged file with one modtime on both sides. */
function makeCopy(prefix) {
  const dir = tempDir(prefix);
  makeTree(dir, TREE);
  const t = new Date('2023-05-06T07:08:09Z');
  for (const p of ['s/sub/same.txt', 'd/sub/same.txt']) utimesSync(join(dir, p), t, t);
  return dir;
}

/** The per-file lines of a run at -vv: what was copied and what was found unchanged. */
const fileLines = (stderr) => logLinesOf(stderr).filter((l) => /: (Copied|Unchanged skipping|Moved|Deleted)/.test(l)).sort();

async function both(args) {
  const rc = makeCopy('no-traverse-rclone-');
  const rs = makeCopy('no-traverse-rsyncish-');
  const [a, b] = await Promise.all([rclone(args, { cwd: rc }), rsyncish(args, { cwd: rs, config: join(rs, 'none.conf') })]);
  return { rclone: { ...a, tree: snapshot(rc) }, ours: { ...b, tree: snapshot(rs) } };
}

describe('--no-traverse between local directories, as rclone', { skip: noLocalRclone }, () => {
  for (const command of ['copy', 'move']) {
    test(`${command}: the same tree and the same lines as rclone, and as without the flag`, async () => {
      const { rclone: r, ours } = await both([command, '-vv', '--no-traverse', 's', 'd']);
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(ours.code, r.code);
      assert.deepEqual(ours.tree, r.tree);
      assert.deepEqual(fileLines(ours.stderr), fileLines(r.stderr));
      assert.ok(fileLines(ours.stderr).includes('DEBUG : sub/same.txt: Unchanged skipping'), ours.stderr);
      const listed = await both([command, '-vv', 's', 'd']);
      assert.deepEqual(ours.tree, listed.ours.tree);
      assert.deepEqual(fileLines(ours.stderr), fileLines(listed.ours.stderr));
    });
  }

  test('sync: ignored with rclone\'s error line, the exit code still 0', async () => {
    const { rclone: r, ours } = await both(['sync', '--no-traverse', 's', 'd']);
    assert.ok(logLinesOf(ours.stderr).includes('ERROR : Ignoring --no-traverse with sync'), ours.stderr);
    assert.ok(logLinesOf(r.stderr).includes('ERROR : Ignoring --no-traverse with sync'), r.stderr);
    assert.deepEqual(ours.tree, r.tree);
    assert.equal(ours.tree['d/other/untouched'], undefined, 'sync still deletes what is extraneous');
    assert.equal(ours.code, 0);
    assert.equal(ours.code, r.code);
  });
});

describe('--no-traverse on Amazon Drive (the emulator)', () => {
  let emu;
  let config;
  useAcdRemote((remote) => ({ emu, config } = remote));
  const run = (args) => rsyncish(args, { config });
  /** The folder listings the emulator served since the last call (a lookup by name is not one). */
  const listings = () => {
    const filters = emu.control.requests().map((q) => new URL(q.url, 'http://x').searchParams.get('filters') ?? '');
    emu.control.clearRequests();
    return filters.filter((f) => f.startsWith('parents:') && !f.includes(' name:'));
  };

  test('2 files into a tree of 200 in 20 folders: no folder listed, the same result', async () => {
    const big = join(tempDir(), 'big');
    const files = {};
    for (let f = 0; f < 20; f++) for (let i = 0; i < 10; i++) files[`f${f}/x${i}`] = `${f}.${i}\n`;
    makeTree(big, files);
    const src = join(tempDir(), 'src');
    makeTree(src, { 'f7/new.txt': 'new\n', 'f7/x3': 'changed\n' });
    for (const dst of ['acd:listed', 'acd:looked-up']) assert.equal((await run(['copy', '--transfers', '8', big, dst])).code, 0);

    listings();
    const listed = await run(['copy', '-v', src, 'acd:listed']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(listings().length >= 2, 'without the flag the destination is listed');

    const lookedUp = await run(['copy', '-v', '--no-traverse', src, 'acd:looked-up']);
    assert.equal(lookedUp.code, 0, lookedUp.stderr);
    assert.deepEqual(listings(), []);
    const lines = (r) => logLinesOf(r.stderr).filter((l) => /Copied/.test(l)).sort();
    assert.deepEqual(lines(lookedUp), ['INFO  : f7/new.txt: Copied (new)', 'INFO  : f7/x3: Copied (replaced existing)']);
    assert.deepEqual(lines(lookedUp), lines(listed));
    // Each node has its own ID: compare paths, sizes and hashes.
    const tree = async (dst) => JSON.parse((await run(['lsjson', '-R', '--hash', '--no-modtime', dst])).stdout).map((e) => `${e.Path} ${e.Size} ${e.Hashes?.md5 ?? ''}`);
    const result = await tree('acd:looked-up');
    assert.equal(result.length, 221, 'the 20 folders, their 200 files and the new one');
    assert.deepEqual(result, await tree('acd:listed'));
  });
});
