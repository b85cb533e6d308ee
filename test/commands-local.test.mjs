// Issue "The full sync engine": every command against the local backend, each
// change honouring --dry-run, output in rclone's formats.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';

const TREE = { 'a.txt': 'hello\n', 'c.txt': 'y\n', 'd/b.txt': 'x\n', 'd/e/deep.log': 'deep log\n' };
const md5 = (s) => createHash('md5').update(s).digest('hex');
const sha1 = (s) => createHash('sha1').update(s).digest('hex');

function setup(spec = TREE) {
  const dir = tempDir();
  const src = join(dir, 'src');
  makeTree(src, spec);
  return { dir, src, config: join(dir, 'c.conf') };
}
const run = (args, config) => rsyncish(args, { config });
const notices = (stderr) => stderr.split('\n').filter((l) => / NOTICE: /.test(l)).map((l) => l.replace(/^.* NOTICE: /, ''));

describe('commands on the local backend', { concurrency: 6 }, () => {
  test('copyto copies one file under a new name; a directory source acts like copy', async () => {
    const { dir, src, config } = setup();
    const r = await run(['copyto', join(src, 'a.txt'), join(dir, 'out/renamed.txt')], config);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'out/renamed.txt'), 'utf8'), 'hello\n');
    assert.deepEqual(Object.keys(snapshot(join(dir, 'out'))), ['renamed.txt']);
    const again = await run(['copyto', '-v', join(src, 'a.txt'), join(dir, 'out/renamed.txt')], config);
    // As rclone: a file already there is one check; "nothing to transfer" is said of trees only.
    assert.match(again.stderr, /Checks: +1 \/ 1, 100%/);
    assert.doesNotMatch(again.stderr, /There was nothing to transfer/);
    const tree = await run(['copyto', src, join(dir, 'tree')], config);
    assert.equal(tree.code, 0, tree.stderr);
    assert.deepEqual(snapshot(join(dir, 'tree')), snapshot(src));
  });

  test('moveto renames one file across directories and removes the source', async () => {
    const { dir, src, config } = setup();
    const dry = await run(['moveto', '-n', join(src, 'a.txt'), join(dir, 'out/b.txt')], config);
    assert.equal(dry.code, 0, dry.stderr);
    assert.ok(existsSync(join(src, 'a.txt')) && !existsSync(join(dir, 'out/b.txt')), 'dry run changes nothing');
    // As rclone: the source file is named, and a move is one step.
    assert.ok(notices(dry.stderr).includes('a.txt: Skipped move as --dry-run is set (size 6)'), dry.stderr);
    const r = await run(['moveto', '-v', join(src, 'a.txt'), join(dir, 'out/b.txt')], config);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(src, 'a.txt')));
    assert.equal(readFileSync(join(dir, 'out/b.txt'), 'utf8'), 'hello\n');
    // One filesystem: a rename, as rclone.
    assert.match(r.stderr, /INFO {2}: a\.txt: Moved \(server-side\) to: b\.txt/);
  });

  test('move deletes each moved source file; --delete-empty-src-dirs removes emptied folders', async () => {
    const { dir, src, config } = setup();
    const before = snapshot(src);
    // Into an existing directory, so file by file (into a new one the whole tree is one rename).
    mkdirSync(join(dir, 'dst'));
    const r = await run(['move', '-v', src, join(dir, 'dst')], config);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(snapshot(join(dir, 'dst')), before);
    assert.deepEqual(snapshot(src), {});
    assert.ok(existsSync(join(src, 'd/e')), 'directories stay without the flag');
    assert.match(r.stderr, /Renamed: +4\n/);
    const second = setup();
    mkdirSync(join(second.dir, 'dst'));
    const r2 = await run(['move', '--delete-empty-src-dirs', second.src, join(second.dir, 'dst')], second.config);
    assert.equal(r2.code, 0, r2.stderr);
    assert.ok(!existsSync(join(second.src, 'd')), 'emptied source folders removed');
  });

  test('check: rclone ERROR lines, NOTICE summary, report files, exit 1; --one-way, --size-only, --download', async () => {
    const { dir, src, config } = setup();
    const dst = join(dir, 'dst');
    makeTree(dst, { 'a.txt': 'hello\n', 'c.txt': 'Y\n', 'extra.txt': 'extra' });
    const r = await run(['check', src, dst, '--combined', join(dir, 'combined'), '--missing-on-dst', join(dir, 'mod'),
      '--missing-on-src', join(dir, 'mos'), '--match', join(dir, 'match'), '--differ', join(dir, 'differ'), '--error', join(dir, 'err')], config);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`ERROR : d/b\\.txt: file not in ${dst}\n`));
    assert.match(r.stderr, new RegExp(`ERROR : extra\\.txt: file not in ${src}\n`));
    assert.match(r.stderr, /ERROR : c\.txt: md5 differ\n/);
    assert.deepEqual(notices(r.stderr), [`${dst}: 2 files missing`, `${src}: 1 files missing`, `${dst}: 4 differences found`,
      `${dst}: 4 errors while checking`, `${dst}: 1 matching files`]);
    assert.deepEqual(readFileSync(join(dir, 'combined'), 'utf8').split('\n').filter(Boolean).sort(),
      ['* c.txt', '+ d/b.txt', '+ d/e/deep.log', '- extra.txt', '= a.txt']);
    assert.equal(readFileSync(join(dir, 'mos'), 'utf8'), 'extra.txt\n');
    assert.deepEqual(readFileSync(join(dir, 'mod'), 'utf8').split('\n').filter(Boolean).sort(), ['d/b.txt', 'd/e/deep.log']);
    assert.equal(readFileSync(join(dir, 'match'), 'utf8'), 'a.txt\n');
    assert.equal(readFileSync(join(dir, 'differ'), 'utf8'), 'c.txt\n');
    assert.equal(readFileSync(join(dir, 'err'), 'utf8'), '');
    const oneWay = await run(['check', '--one-way', '--size-only', src, dst], config);
    assert.equal(oneWay.code, 1);
    assert.doesNotMatch(oneWay.stderr, /extra\.txt/);
    assert.match(oneWay.stderr, /: 2 differences found/, 'c.txt has the same size, so only the two missing files differ');
    const download = await run(['check', '--download', '--include', 'c.txt', src, dst], config);
    assert.match(download.stderr, /c\.txt: contents differ/);
    const same = await run(['check', src, src], config);
    assert.equal(same.code, 0, same.stderr);
    assert.deepEqual(notices(same.stderr), [`${src}: 0 differences found`, `${src}: 4 matching files`]);
  });

  test('md5sum and sha1sum print "<hash>  <path>" lines; filters apply; --download computes them', async () => {
    const { src, config } = setup();
    const r = await run(['md5sum', src], config);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean).sort(), Object.entries(TREE).map(([p, c]) => `${md5(c)}  ${p}`).sort());
    const s = await run(['sha1sum', '--download', '--exclude', '*.log', src], config);
    assert.deepEqual(s.stdout.split('\n').filter(Boolean).sort(), ['a.txt', 'c.txt', 'd/b.txt'].map((p) => `${sha1(TREE[p])}  ${p}`).sort());
    const one = await run(['md5sum', join(src, 'a.txt')], config);
    assert.equal(one.stdout, `${md5('hello\n')}  a.txt\n`);
  });

  test('md5sum, sha1sum and check of files past the small-file size (hashed off the main thread) agree with node:crypto', async () => {
    // 300 KB and 9 MB: past the 256 KiB of the blocking path, and across the native hasher's 8 MiB window.
    const medium = Buffer.alloc(300_000, 'm');
    const big = Buffer.alloc(9_000_000, 'b');
    big.write('the end', big.length - 7);
    const { dir, src, config } = setup({ 'medium.bin': medium, 'd/big.bin': big });
    const m = await run(['md5sum', src], config);
    assert.equal(m.code, 0, m.stderr);
    assert.deepEqual(m.stdout.split('\n').filter(Boolean).sort(), [`${md5(big)}  d/big.bin`, `${md5(medium)}  medium.bin`].sort());
    const s = await run(['sha1sum', join(src, 'd/big.bin')], config);
    assert.equal(s.stdout, `${sha1(big)}  big.bin\n`);
    // check hashes both sides: a copy matches, a copy with one byte changed (same size) does not.
    const copy = join(dir, 'copy');
    makeTree(copy, { 'medium.bin': medium, 'd/big.bin': Buffer.from(big).fill('B', 4_000_000, 4_000_001) });
    const c = await run(['check', src, copy], config);
    assert.equal(c.code, 1, c.stderr);
    assert.match(c.stderr, /ERROR : d\/big\.bin: md5 differ\n/);
    assert.deepEqual(notices(c.stderr), [`${copy}: 1 differences found`, `${copy}: 1 errors while checking`, `${copy}: 1 matching files`]);
  });

  test('size prints rclone\'s two lines (and JSON); filters apply', async () => {
    const { src, config } = setup();
    const r = await run(['size', src], config);
    assert.equal(r.stdout, 'Total objects: 4 (4)\nTotal size: 19 B (19 Byte)\n');
    const j = await run(['size', '--json', '--max-size', '5B', src], config);
    assert.deepEqual(JSON.parse(j.stdout), { count: 2, bytes: 4, sizeless: 0 });
  });

  test('mkdir, rmdir (only when empty) and their dry runs', async () => {
    const { dir, config } = setup();
    const target = join(dir, 'x/y/z');
    const dry = await run(['mkdir', '-n', target], config);
    assert.deepEqual(notices(dry.stderr), [`${target}: Skipped make directory as --dry-run is set`]);
    assert.ok(!existsSync(target));
    assert.equal((await run(['mkdir', target], config)).code, 0);
    assert.ok(existsSync(target));
    writeFileSync(join(target, 'f'), 'f');
    const full = await run(['rmdir', join(dir, 'x/y')], config);
    assert.notEqual(full.code, 0);
    assert.match(full.stderr, /not empty/);
    assert.ok(existsSync(join(target, 'f')));
    assert.equal((await run(['rmdir', '-n', join(dir, 'x/y/z')], config)).code, 0);
    assert.ok(existsSync(target));
  });

  test('rmdirs removes empty directories deepest first, --leave-root keeps the top; dry run keeps all', async () => {
    const { dir, config } = setup({ 'keep/f.txt': 'f', 'empty/a/b/': '', 'empty/c/': '' });
    const root = join(dir, 'src');
    const dry = await run(['rmdirs', '-n', root], config);
    assert.equal(dry.code, 0, dry.stderr);
    assert.ok(existsSync(join(root, 'empty/a/b')));
    assert.ok(notices(dry.stderr).includes('empty/a/b: Skipped remove directory as --dry-run is set'));
    const r = await run(['rmdirs', '--leave-root', root], config);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(root, 'empty')));
    assert.ok(existsSync(join(root, 'keep/f.txt')));
    mkdirSync(join(dir, 'only-empty/sub'), { recursive: true });
    assert.equal((await run(['rmdirs', join(dir, 'only-empty')], config)).code, 0);
    assert.ok(!existsSync(join(dir, 'only-empty')), 'the root goes too without --leave-root');
  });

  test('delete removes only filtered files, --rmdirs the folders left empty; dry run lists with sizes', async () => {
    const { src, config } = setup();
    const before = snapshot(src);
    const dry = await run(['delete', '-n', '--include', '*.log', src], config);
    assert.deepEqual(notices(dry.stderr), ['d/e/deep.log: Skipped delete as --dry-run is set (size 9)']);
    assert.deepEqual(snapshot(src), before);
    const r = await run(['delete', '--include', '*.log', '--rmdirs', src], config);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(snapshot(src)).sort(), ['a.txt', 'c.txt', 'd/b.txt']);
    assert.ok(!existsSync(join(src, 'd/e')) && existsSync(join(src, 'd')));
  });

  test('purge removes the directory and everything in it, ignoring filters', async () => {
    const { src, config } = setup();
    const dry = await run(['purge', '-n', src], config);
    assert.deepEqual(notices(dry.stderr), [`${src}: Skipped purge directory as --dry-run is set`]);
    assert.ok(existsSync(join(src, 'a.txt')));
    const r = await run(['purge', '--include', 'nothing', src], config);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(src));
  });

  test('cat prints files, byte ranges (--offset/--count, negative offset), --head and --tail', async () => {
    const { src, config } = setup({ 'f.txt': '0123456789', 'g/h.txt': 'abc' });
    assert.equal((await run(['cat', join(src, 'f.txt')], config)).stdout, '0123456789');
    assert.equal((await run(['cat', '--offset', '2', '--count', '3', join(src, 'f.txt')], config)).stdout, '234');
    assert.equal((await run(['cat', '--offset', '-4', join(src, 'f.txt')], config)).stdout, '6789');
    assert.equal((await run(['cat', '--head', '2', join(src, 'f.txt')], config)).stdout, '01');
    assert.equal((await run(['cat', '--tail', '2', join(src, 'f.txt')], config)).stdout, '89');
    const all = await run(['cat', '--include', '*.txt', src], config);
    assert.equal(all.stdout.length, 13);
  });
});
