// Issue "The full sync engine": every filter flag, through the built CLI.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';

const DAY = 86_400_000;
const TREE = {
  'a.jpg': 'jpg-a', 'b.png': 'png-b', 'notes.txt': 'notes', 'README.TXT': 'readme',
  'photos/c.jpg': 'jpg-c', 'cache/x.jpg': 'cached', 'big.bin': 'x'.repeat(2000),
};

function setup() {
  const dir = tempDir();
  const src = join(dir, 'src');
  makeTree(src, TREE);
  // Ages: old.log 10 days, new.log 1 hour.
  writeFileSync(join(src, 'old.log'), 'old');
  writeFileSync(join(src, 'new.log'), 'new');
  utimesSync(join(src, 'old.log'), new Date(Date.now() - 10 * DAY), new Date(Date.now() - 10 * DAY));
  utimesSync(join(src, 'new.log'), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
  return { dir, src, dst: join(dir, 'dst'), config: join(dir, 'c.conf') };
}

/** The files a copy with these flags puts in a fresh destination. */
async function copied(flags, prepare) {
  const s = setup();
  const args = prepare ? prepare(s) : flags;
  const r = await rsyncish(['copy', ...args, s.src, s.dst], { config: s.config });
  assert.equal(r.code, 0, r.stderr);
  return Object.keys(snapshot(s.dst)).sort();
}

describe('filters', { concurrency: 8 }, () => {
  test('--include (implicit exclude of the rest), repeatable', async () => {
    assert.deepEqual(await copied(['--include', '*.jpg', '--include', '*.png']), ['a.jpg', 'b.png', 'cache/x.jpg', 'photos/c.jpg']);
  });
  test('--exclude, a directory pattern, and anchoring', async () => {
    assert.deepEqual(await copied(['--exclude', 'cache/', '--exclude', '/*.jpg', '--exclude', '*.log', '--exclude', 'big.bin']),
      ['README.TXT', 'b.png', 'notes.txt', 'photos/c.jpg']);
  });
  test('--filter rules in order, first match wins; "!" clears', async () => {
    assert.deepEqual(await copied(['--filter', '- photos/**', '--filter', '+ *.jpg', '--filter', '- *']), ['a.jpg', 'cache/x.jpg']);
    assert.deepEqual(await copied(['--filter', '- *', '--filter', '!', '--filter', '+ notes.txt', '--filter', '- *']), ['notes.txt']);
  });
  test('--include-from, --exclude-from, --filter-from read rules from files, with comments', async () => {
    const inc = await copied(null, ({ dir }) => {
      writeFileSync(join(dir, 'inc'), '# pictures\n*.png\n; also\nnotes.txt\n');
      return ['--include-from', join(dir, 'inc')];
    });
    assert.deepEqual(inc, ['b.png', 'notes.txt']);
    const exc = await copied(null, ({ dir }) => {
      writeFileSync(join(dir, 'exc'), '*.jpg\n*.log\n');
      return ['--exclude-from', join(dir, 'exc'), '--exclude', 'big.bin'];
    });
    assert.deepEqual(exc, ['README.TXT', 'b.png', 'notes.txt']);
    const flt = await copied(null, ({ dir }) => {
      writeFileSync(join(dir, 'flt'), '+ /photos/**\n- **\n');
      return ['--filter-from', join(dir, 'flt')];
    });
    assert.deepEqual(flt, ['photos/c.jpg']);
  });
  test('--files-from copies exactly the listed paths', async () => {
    const got = await copied(null, ({ dir }) => {
      writeFileSync(join(dir, 'list'), 'notes.txt\n/photos/c.jpg\n# comment\n');
      return ['--files-from', join(dir, 'list')];
    });
    assert.deepEqual(got, ['notes.txt', 'photos/c.jpg']);
  });
  test('--min-size and --max-size', async () => {
    assert.deepEqual(await copied(['--min-size', '1k']), ['big.bin']);
    assert.deepEqual(await copied(['--max-size', '4B']), ['new.log', 'old.log']);
  });
  test('--min-age and --max-age (durations and dates)', async () => {
    assert.deepEqual(await copied(['--include', '*.log', '--min-age', '2d']), ['old.log']);
    assert.deepEqual(await copied(['--include', '*.log', '--max-age', '1d']), ['new.log']);
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    assert.deepEqual(await copied(['--include', '*.log', '--max-age', yesterday]), ['new.log']);
  });
  test('--ignore-case makes patterns match regardless of case', async () => {
    assert.deepEqual(await copied(['--include', '*.txt']), ['notes.txt']);
    assert.deepEqual(await copied(['--include', '*.txt', '--ignore-case']), ['README.TXT', 'notes.txt']);
  });
  test('--delete-excluded: sync deletes excluded destination files only with it', async () => {
    const s = setup();
    makeTree(s.dst, { 'keep.jpg': 'dst only, excluded', 'extra.txt': 'dst only' });
    const r = await rsyncish(['sync', '--exclude', '*.jpg', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    const after = Object.keys(snapshot(s.dst));
    assert.ok(after.includes('keep.jpg') && !after.includes('extra.txt'), after.join());
    const r2 = await rsyncish(['sync', '--exclude', '*.jpg', '--delete-excluded', s.src, s.dst], { config: s.config });
    assert.equal(r2.code, 0, r2.stderr);
    assert.ok(!Object.keys(snapshot(s.dst)).includes('keep.jpg'));
  });
  test('--dump filters prints the compiled rules, then runs the command; mixing --include and --exclude warns', async () => {
    const s = setup();
    const r = await rsyncish(['sync', '--include', '*.jpg', '--dump', 'filters', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '--- start filters ---\n--- File filter rules ---\n+ (^|/)[^/]*\\.jpg$\n- ^.*$\n--- Directory filter rules ---\n+ ^.*$\n- ^.*$\n--- end filters ---\n');
    assert.deepEqual(Object.keys(snapshot(s.dst)).sort(), ['a.jpg', 'cache/x.jpg', 'photos/c.jpg'], 'the sync ran');
    const both = await rsyncish(['copy', '--include', '*.jpg', '--exclude', 'x', s.src, s.dst], { config: s.config });
    assert.match(both.stderr, /NOTICE: Using --filter is recommended/);
  });
  test('--exclude-if-present: a marked directory takes no part in a sync, on either side (unlike rclone 1.60)', async () => {
    const s = setup();
    makeTree(s.src, { 'photos/.ignore': '', 'photos/new.jpg': 'new on src', 'fresh/.ignore': '', 'fresh/f': 'src only', 'empty/': '' });
    makeTree(s.dst, { 'photos/old.jpg': 'only on dst', 'cache/.ignore': '', 'cache/x.jpg': 'the destination\'s own' });
    const r = await rsyncish(['sync', '--exclude-if-present', '.ignore', '--create-empty-src-dirs', s.src, s.dst], { config: s.config });
    assert.equal(r.code, 0, r.stderr);
    const after = Object.keys(snapshot(s.dst)).sort();
    // Marked on the source: nothing copied in, and the destination's files there are kept (rclone deletes them).
    assert.ok(after.includes('photos/old.jpg') && !after.includes('photos/new.jpg') && !after.includes('photos/c.jpg'), after.join());
    // Marked on the destination: its file is not overwritten by the source's (rclone overwrites it).
    assert.equal(readFileSync(join(s.dst, 'cache/x.jpg'), 'utf8'), "the destination's own");
    assert.ok(after.includes('a.jpg') && after.includes('notes.txt'), after.join());
    // A marked directory only the source has is not made, even with --create-empty-src-dirs.
    assert.ok(!existsSync(join(s.dst, 'fresh')) && existsSync(join(s.dst, 'empty')));
  });
});
