// Filters as rclone's: the same tree listed by rclone and by rsyncish with the
// same filter flags gives the same files, and a bad pattern the same exit code.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { makeTree, rsyncish, runProgram, tempDir } from './helpers.mjs';

const TREE = {
  'a.jpg': 'a', 'a.jpeg': 'aa', 'a.jpeeg': 'aaa', 'b.JPG': 'bb', 'c.png': 'c',
  'file.012': '12', 'file.abc': 'abc', 'ab.c': 'abdotc', 'abc': 'plain', 'ab_c': 'under',
  'film [JP].mkv': 'jp', 'film [US].mkv': 'us', 'two words': 'sp', ' lead.txt': 'lead',
  'big.bin': { size: 3000 }, 'huge.bin': { size: 5000 },
  'p/keep/g': 'g', 'p/h': 'h', 'deep/p/i': 'i',
  'dir/x.txt': 'x', 'dir/sub/y.jpg': 'y', 'start/end.jpg': 'se', 'start-mid-end.jpg': 'sme',
  'marked/.ignore': '', 'marked/lost.txt': 'lost', 'marked/inner/z': 'z',
  'dir1/dir2/file2': '2', 'dir1/dir2/dir3/file3': '3', 'dir1/dir2/dir3/.ignore': '',
};

/** Filter flag sets: rclone's docs examples, the cases it tests, and the classes Go's regexp gives. */
const FLAG_SETS = [
  ['--exclude', '*.{{jpe?g}}'],
  ['--include', '*.{{jpe?g}}'],
  ['--include', '/{{.*\\.jpe?g}}'],
  ['--include', '*.{{(?i)jpg}}'],
  ['--include', '{{start[^/]*end\\.jpg}}'],
  ['--include', '{{start.*end\\.jpg}}'],
  ['--include', '*.\\d\\d\\d'],
  ['--include', '{{\\w+\\s\\w+}}'],
  ['--include', '??[^[:punct:]]*'],
  ['--include', '[[:alpha:]][[:alpha:]][[:alpha:]]'],
  ['--include', '*\\[{JP,KR,HK}\\]*'],
  ['--include', '*\\a*'],
  ['--include', '*.jpg', '--ignore-case'],
  ['--include', '[!a]*'],
  ['--filter', '+ p/keep/**', '--filter', '- p/'],
  ['--exclude', 'p/'],
  ['--exclude', '/p/'],
  ['--include', '/dir/'],
  ['--include', '{dir1/**,dir/**}'],
  ['--exclude-if-present', '.ignore'],
  ['--exclude-if-present', '.ignore', '--include', '*.txt'],
  ['--max-size', '3'],
  ['--min-size', '3k', '--max-size', '4.5k'],
  ['--filter', '- secret*.jpg', '--filter', '+ *.jpg', '--filter', '!', '--filter', '+ *.png', '--filter', '- *'],
];

let rclone = true;
const root = tempDir();
const tree = join(root, 'tree');
const env = { RCLONE_CONFIG: join(root, 'rclone.conf'), RSYNCISH_CONFIG: join(root, 'rsyncish.conf') };
const lists = join(root, 'lists');

before(async () => {
  makeTree(tree, TREE);
  mkdirSync(lists);
  writeFileSync(join(root, 'rclone.conf'), '');
  await runProgram('rclone', ['version']).catch(() => (rclone = false));
});

/** `ls` lines, sorted: rclone lists directories concurrently, so its order varies. */
const lines = (text) => text.split('\n').filter((l) => l !== '').sort();

async function both(flags) {
  const r = await runProgram('rclone', ['ls', tree, ...flags], { env: { ...process.env, ...env } });
  const o = await rsyncish(['ls', tree, ...flags], { env });
  return { r, o };
}

describe('rsyncish ls and rclone ls agree, filter by filter', { concurrency: 1 }, () => {
  for (const flags of FLAG_SETS) {
    test(flags.join(' '), { skip: !rclone && 'rclone is not installed' }, async (t) => {
      if (!rclone) return t.skip('rclone is not installed');
      const { r, o } = await both(flags);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(o.code, 0, o.stderr);
      assert.deepEqual(lines(o.stdout), lines(r.stdout));
    });
  }

  test('--files-from trims its lines; --files-from-raw keeps them as written', async (t) => {
    if (!rclone) return t.skip('rclone is not installed');
    writeFileSync(join(lists, 'names'), '# comment\n lead.txt\n/p/h\n  two words  \nmissing\n');
    for (const flag of ['--files-from', '--files-from-raw']) {
      const { r, o } = await both([flag, join(lists, 'names')]);
      assert.equal(o.code, r.code, o.stderr);
      assert.deepEqual(lines(o.stdout), lines(r.stdout), flag);
    }
    const raw = await both(['--files-from-raw', join(lists, 'names')]);
    assert.deepEqual(lines(raw.o.stdout), ['        1 p/h', '        4  lead.txt']);
  });

  test('--dump filters prints rclone\'s rules block, then the command runs', async (t) => {
    if (!rclone) return t.skip('rclone is not installed');
    const flags = ['--dump', 'filters', '--include', '*.{{jpe?g}}', '--filter', '- p/', '--include', '/dir/**', '--ignore-case'];
    const { r, o } = await both(flags);
    assert.equal(o.code, 0, o.stderr);
    const [rDump, rRest] = r.stdout.split('--- end filters ---\n');
    const [oDump, oRest] = o.stdout.split('--- end filters ---\n');
    assert.equal(oDump, rDump);
    assert.deepEqual(lines(oRest), lines(rRest));
    assert.ok(lines(oRest).length > 0, 'the command ran');
    assert.match(o.stderr, /NOTICE: Automatically setting -vv as --dump is enabled/);
  });
});

describe('what rclone refuses, rsyncish refuses with the same exit code and one line', { concurrency: 1 }, () => {
  const BAD = [
    ['--include', '***'],
    ['--include', '***potato'],
    ['--exclude', 'ab]c'],
    ['--include', 'ab[c'],
    ['--filter', '+ ab{x{cd'],
    ['--include', '[a--b]'],
    ['--include', 'a{{.*}'],
    ['--include', '{{(?=x)}}'],
    ['--filter', '* nope'],
  ];
  for (const flags of BAD) {
    test(flags.join(' '), async (t) => {
      if (!rclone) return t.skip('rclone is not installed');
      const { r, o } = await both(flags);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(o.code, r.code, o.stderr);
      assert.equal(o.stdout, '');
      const errLines = lines(o.stderr);
      assert.equal(errLines.length, 1, o.stderr);
      assert.match(errLines[0], /^ERROR : .*\(hint: /);
    });
  }
  test('--files-from or --files-from-raw beside another filter', async (t) => {
    if (!rclone) return t.skip('rclone is not installed');
    writeFileSync(join(lists, 'one'), 'abc\n');
    for (const flags of [['--files-from', join(lists, 'one'), '--include', 'x'], ['--files-from-raw', join(lists, 'one'), '--max-size', '1k'],
      ['--files-from', join(lists, 'one'), '--exclude-if-present', '.ignore']]) {
      const { r, o } = await both(flags);
      assert.equal(r.code, 1, r.stderr);
      assert.equal(o.code, 1, o.stderr);
      assert.match(o.stderr, /the usage of --files-from(-raw)? overrides all other filters/);
    }
  });
});
