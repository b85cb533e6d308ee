// Quiet by default, as rclone: a successful copy prints nothing unless -v, -P
// or a log level asks; -P leaves its final stats on stdout; --stats 0 shows
// no stats block. Each case runs rclone too on an identical copy.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { noLocalRclone, rclone } from './support/local-rclone.mjs';

const STATS = /Transferred:\s+\d+ \/ \d+, 100%\n(.*\n)*Elapsed time:/;

async function both(args) {
  const run = async (tool) => {
    const dir = tempDir(`rsyncish-quiet-${tool}-`);
    makeTree(dir, { 's/a.txt': 'alpha\n', 's/sub/b.txt': 'beta\n' });
    return tool === 'rclone' ? rclone(args, { cwd: dir }) : rsyncish(args, { cwd: dir, config: join(dir, 'none.conf') });
  };
  return { rc: await run('rclone'), rs: await run('rsyncish') };
}

test('a successful copy prints nothing at all, nor does a second one with nothing to do', { skip: noLocalRclone }, async () => {
  for (const args of [['copy', 's', 'd'], ['sync', 's', 's2', '--stats', '1s']]) {
    const { rc, rs } = await both(args);
    assert.deepEqual([rs.code, rs.stdout, rs.stderr], [0, '', ''], args.join(' '));
    assert.deepEqual([rc.code, rc.stdout, rc.stderr], [0, '', '']);
  }
  const dir = tempDir('rsyncish-quiet-again-');
  makeTree(dir, { 's/a.txt': 'alpha\n' });
  const config = join(dir, 'none.conf');
  assert.equal((await rsyncish(['copy', 's', 'd'], { cwd: dir, config })).code, 0);
  const again = await rsyncish(['copy', 's', 'd'], { cwd: dir, config });
  assert.deepEqual([again.code, again.stdout, again.stderr], [0, '', '']);
  const told = await rsyncish(['copy', '-v', 's', 'd'], { cwd: dir, config });
  assert.match(told.stderr, /INFO {2}: There was nothing to transfer\n/);
});

test('-v shows each file and the final stats at INFO, as rclone', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['copy', '-v', 's', 'd']);
  for (const r of [rc, rs]) {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /INFO {2}: sub\/b\.txt: Copied \(new\)/);
    assert.match(r.stderr, /INFO {2}: \nTransferred:/);
    assert.match(r.stderr, STATS);
  }
});

test('--stats 0 prints no stats block, even with -v', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['copy', '-v', '--stats', '0', 's', 'd']);
  for (const r of [rc, rs]) {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Copied \(new\)/);
    assert.doesNotMatch(r.stderr, /Transferred:|Elapsed time:/);
  }
});

test('-P without a terminal leaves the final stats on stdout and nothing on stderr, as rclone', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['copy', '-P', 's', 'd']);
  for (const r of [rc, rs]) {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /Transferred:\s+2 \/ 2, 100%\nElapsed time: +\d+\.\ds\n$/);
  }
});

test('with --json, -P writes its stats to stderr: stdout stays JSON lines', async () => {
  const dir = tempDir('rsyncish-quiet-json-');
  makeTree(dir, { 's/a.txt': 'alpha\n' });
  const r = await rsyncish(['copy', '-P', '--json', 's', 'd'], { cwd: dir, config: join(dir, 'none.conf') });
  assert.equal(r.code, 0, r.stderr);
  for (const line of r.stdout.trim().split('\n')) JSON.parse(line);
  assert.match(r.stderr, /Transferred:\s+1 \/ 1, 100%/);
});

test('a failed copy says why and nothing more, without -v', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['copy', '--retries', '1', 's/a.txt/nope', 'd']);
  assert.equal(rs.code, rc.code, `${rc.stderr}\n${rs.stderr}`);
  for (const r of [rc, rs]) assert.doesNotMatch(r.stderr, /Transferred:|Elapsed time:/);
});

test('-P with a pipe for stdout keeps log lines on stderr (rclone sends them to stdout)', { skip: noLocalRclone }, async () => {
  const { rc, rs } = await both(['copy', '-P', '--dry-run', 's', 'd']);
  // The difference is written down in docs/rclone-differences.md.
  assert.equal(rs.code, 0, rs.stderr);
  assert.match(rs.stderr, /NOTICE: a\.txt: Skipped copy as --dry-run is set/);
  assert.doesNotMatch(rs.stdout, /Skipped copy/);
  assert.match(rs.stdout, /Transferred:\s+2 \/ 2, 100%/);
  assert.match(rc.stdout, /NOTICE: a\.txt: Skipped copy as --dry-run is set/);
});
