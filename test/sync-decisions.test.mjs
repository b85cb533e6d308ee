// Issue "The full sync engine": the decision table of docs/sync.md, row by row,
// through the built CLI (local to local; rows that need a destination without
// settable modtimes are in sync-acd.test.mjs, and rows 8 and 11, which need two
// backends with no common hash, in core's decide.test.ts).
import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { rsyncish, tempDir } from './helpers.mjs';

const T = Date.parse('2023-05-06T07:08:09.000Z');

/** One file on each side, as given; returns {src, dst, config}. */
function pair(srcFile, dstFile) {
  const dir = tempDir();
  const put = (root, f) => {
    if (!f) return;
    const p = join(root, 'f.txt');
    writeFileSync(p, f.content);
    utimesSync(p, new Date(f.mtime), new Date(f.mtime));
  };
  const src = join(dir, 'src');
  const dst = join(dir, 'dst');
  mkdirSync(src);
  mkdirSync(dst);
  put(src, srcFile);
  put(dst, dstFile);
  return { src, dst, config: join(dir, 'c.conf') };
}
/** Run copy with --json and say what happened to f.txt: transfer (copied/updated), modtime, equal or skipped. */
async function outcome(srcFile, dstFile, flags = []) {
  const { src, dst, config } = pair(srcFile, dstFile);
  const r = await rsyncish(['copy', '--json', ...flags, src, dst], { config });
  assert.equal(r.code, 0, r.stderr);
  const events = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const done = events.find((e) => e.event === 'transfer-done');
  if (done) return done.action === 'modtime' ? 'modtime' : 'transfer';
  const check = events.find((e) => e.event === 'check');
  assert.ok(check, r.stdout);
  return check.result;
}

const same = { content: 'same!', mtime: T };

describe('decision table, row by row', { concurrency: 8 }, () => {
  test('1: no destination file: transfer', async () => {
    assert.equal(await outcome(same, undefined), 'transfer');
  });
  test('2: --ignore-existing: skip even when different', async () => {
    assert.equal(await outcome({ content: 'new content', mtime: T + 60_000 }, same, ['--ignore-existing']), 'skipped');
  });
  test('3: --ignore-times: transfer even when identical', async () => {
    assert.equal(await outcome(same, same, ['--ignore-times']), 'transfer');
  });
  test('4: --update and the destination is newer: skip', async () => {
    assert.equal(await outcome({ content: 'older but longer', mtime: T }, { content: 'newer', mtime: T + 10_000 }, ['--update']), 'skipped');
    assert.equal(await outcome({ content: 'newer source!', mtime: T + 10_000 }, { content: 'older', mtime: T }, ['--update']), 'transfer');
  });
  test('5: sizes differ: transfer; not with --ignore-size (then size-equal rules decide)', async () => {
    assert.equal(await outcome({ content: 'longer!', mtime: T }, same), 'transfer');
    assert.equal(await outcome({ content: 'longer!', mtime: T }, same, ['--ignore-size']), 'equal');
  });
  test('6: --size-only: equal sizes are up to date whatever the modtime', async () => {
    assert.equal(await outcome({ content: 'other', mtime: T + 99_000 }, same, ['--size-only']), 'equal');
  });
  test('7: --checksum with a common hash: equal iff the hashes match', async () => {
    assert.equal(await outcome({ content: 'same!', mtime: T + 99_000 }, same, ['--checksum']), 'equal');
    assert.equal(await outcome({ content: 'other', mtime: T }, same, ['--checksum']), 'transfer');
  });
  test('9: modtimes within the window: equal', async () => {
    assert.equal(await outcome(same, { content: 'same!', mtime: T }), 'equal');
  });
  test('10: modtimes differ but the hash matches: only the modtime is corrected', async () => {
    assert.equal(await outcome({ content: 'same!', mtime: T + 5_000 }, same), 'modtime');
  });
  test('10 (hash differs): same size, different time and content: transfer', async () => {
    assert.equal(await outcome({ content: 'other', mtime: T + 5_000 }, same), 'transfer');
  });
});
