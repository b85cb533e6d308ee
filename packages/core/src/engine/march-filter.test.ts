import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { Accounting } from './accounting.js';
import { check } from './check.js';
import { march, type MatchedPair } from './march.js';
import { copy, sync } from './sync.js';
import { DEFAULT_ENGINE_OPTIONS } from './options.js';

/** s/x is a file, d/x a directory holding z. */
function clash(): { src: TestMemoryBackend; dst: TestMemoryBackend } {
  const src = new TestMemoryBackend('src');
  src.addFile('x', 'file');
  src.addFile('k', 'keep');
  const dst = new TestMemoryBackend('dst');
  dst.addFile('x/z', 'in the directory');
  return { src, dst };
}

const show = (p: MatchedPair) => `${p.src ? `${p.src.kind}:${p.src.path}` : '-'} > ${p.dst ? `${p.dst.kind}:${p.dst.path}` : '-'}`;

test('an entry the filter leaves out is not matched, so it cannot clash', async () => {
  const { src, dst } = clash();
  const stats = new Accounting();
  const seen: string[] = [];
  await march(src, dst, 2, stats, {
    include: (e, side) => !(side === 'src' && e.path === 'x'),
    file: (p) => seen.push(show(p)),
    dir: (p) => (seen.push(show(p)), false),
  });
  assert.equal(stats.errors, 0);
  assert.deepEqual(seen.sort(), ['- > dir:x', 'file:k > -']);
});

test('a file and a directory of one name: an error by default, two unrelated entries with kindsApart', async () => {
  const { src, dst } = clash();
  const clashing = new Accounting();
  await march(src, dst, 2, clashing, { file: () => {} });
  assert.equal(clashing.errors, 1);
  const apart = new Accounting();
  const seen: string[] = [];
  await march(src, dst, 2, apart, { kindsApart: true, file: (p) => seen.push(show(p)), dir: (p) => (seen.push(show(p)), true) });
  assert.equal(apart.errors, 0);
  assert.deepEqual(seen.sort(), ['- > dir:x', '- > file:x/z', 'file:k > -', 'file:x > -']);
});

test('copy and sync with the clashing file excluded: no error; the directory is the destination\'s own', async () => {
  for (const run of [copy, sync]) {
    const { src, dst } = clash();
    const stats = new Accounting();
    await run({ src, dst, options: DEFAULT_ENGINE_OPTIONS, filter: { exclude: ['x'] } }, stats);
    assert.equal(stats.errors, 0, run.name);
    assert.equal(dst.files.get('k')?.data.toString(), 'keep', run.name);
    // `x` excludes files only: the directory is destination-only, kept by copy, extraneous for sync (as rclone).
    assert.equal(dst.files.has('x/z'), run === copy, run.name);
  }
});

test('sync deletes a destination file whose source is excluded by its own size, as rclone', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('big.bin', 'x'.repeat(300));
  const dst = new TestMemoryBackend('dst');
  dst.addFile('big.bin', 'tiny');
  const stats = new Accounting();
  await sync({ src, dst, options: DEFAULT_ENGINE_OPTIONS, filter: { maxSize: 100 } }, stats);
  assert.equal(stats.errors, 0);
  assert.equal(dst.files.has('big.bin'), false);
});

test('check reports a clash as a file missing on each side, and each error as an error result', async () => {
  const { src, dst } = clash();
  const results: string[] = [];
  const summary = await check({
    src, dst, checkers: 2, oneWay: false, sizeOnly: false, download: false,
    onResult: (path, outcome) => results.push(`${outcome} ${path}`),
  }, new Accounting());
  assert.deepEqual(results.sort(), ['missing-on-dst k', 'missing-on-dst x', 'missing-on-src x/z']);
  assert.equal(summary.differences, 3);

  const twins = new TestMemoryBackend('src');
  twins.addFile('A.txt', 'a');
  twins.addFile('a.txt', 'b');
  const errors: string[] = [];
  const s2 = await check({
    src: twins, dst: new TestMemoryBackend('dst'), checkers: 2, oneWay: false, sizeOnly: false, download: false, ignoreCaseSync: true,
    onResult: (path, outcome) => errors.push(`${outcome} ${path}`),
  }, new Accounting());
  assert.deepEqual(errors.sort(), ['error A.txt', 'error a.txt']);
  assert.equal(s2.errors, 2);
});
