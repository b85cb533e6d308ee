import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { Entry, PutOptions } from '../contract/index.js';
import { PartialListingError } from '../errors/index.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { Accounting } from './accounting.js';
import { copy, move, sync } from './sync.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.js';
import { withRunRetries, type RunRetryReport } from './retries.js';

/** A retry report that says nothing, for tests that look at other things. */
const silent: RunRetryReport = { succeeded: () => {}, failed: () => {}, stopped: () => {} };

const opts = (o: Partial<EngineOptions> = {}): EngineOptions => ({ ...DEFAULT_ENGINE_OPTIONS, ...o });

function tree(): TestMemoryBackend {
  const src = new TestMemoryBackend('src');
  src.addFile('a.txt', 'hello');
  src.addFile('empty', '');
  src.addFile('dir one/sub/é ü.txt', 'nested', 1_600_000_000_123);
  return src;
}

test('copy makes an identical tree, then a second run transfers nothing', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  const s1 = new Accounting();
  await copy({ src, dst, options: opts() }, s1);
  assert.equal(s1.errors, 0);
  assert.equal(s1.transfers, 3);
  assert.equal(s1.bytes, 11);
  for (const [p, f] of src.files) {
    assert.deepEqual(dst.files.get(p)?.data, f.data, p);
    assert.equal(dst.files.get(p)?.modTime, f.modTime, p);
  }
  const s2 = new Accounting();
  await copy({ src, dst, options: opts() }, s2);
  assert.equal(s2.transfers, 0);
  assert.equal(s2.checks, 3);
  assert.equal(dst.puts, 3);
});

test('dry-run transfers nothing and reports what it would do', async () => {
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  const would: string[] = [];
  stats.on('dry-run', (e) => would.push(e.path));
  await copy({ src: tree(), dst, options: opts({ dryRun: true }) }, stats);
  assert.equal(dst.files.size, 0);
  assert.deepEqual(would.sort(), ['a.txt', 'dir one/sub/é ü.txt', 'empty']);
});

test('an unreadable file is an error and every other file is still copied', async () => {
  const src = tree();
  src.failGet.add('a.txt');
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  await copy({ src, dst, options: opts() }, stats);
  assert.equal(stats.errors, 1);
  assert.equal(stats.transfers, 2);
  assert.ok(!dst.files.has('a.txt'));
});

test('hostile names from a backend are errors and never become paths', async () => {
  const src = tree();
  src.rawNames = ['..', 'a/b', ''];
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  const errors: string[] = [];
  stats.on('file-error', (e) => errors.push(e.error.message));
  await copy({ src, dst, options: opts() }, stats);
  assert.equal(stats.errors, 3);
  assert.ok(errors.every((m) => /refusing entry/.test(m)), errors.join('\n'));
  assert.deepEqual([...dst.files.keys()].sort(), ['a.txt', 'dir one/sub/é ü.txt', 'empty']);
});

test('two source names that are one name on a case-insensitive destination are both refused', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('Hello.doc', 'one');
  src.addFile('hello.doc', 'two');
  src.addFile('other', 'x');
  const dst = new TestMemoryBackend('dst', { caseInsensitive: true });
  const stats = new Accounting();
  const errors: string[] = [];
  stats.on('file-error', (e) => errors.push(e.error.message));
  await copy({ src, dst, options: opts() }, stats);
  assert.equal(stats.errors, 2);
  assert.match(errors[0], /"Hello\.doc" and "hello\.doc"/);
  assert.deepEqual([...dst.files.keys()], ['other']);
});

test('a partial listing keeps the directory: its good entries are copied, each failed entry is one error, sync deletes nothing', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('d/a.txt', 'alpha');
  src.addFile('d/b.txt', 'bravo');
  const list = src.list.bind(src);
  // As a local disk lists a directory holding a broken link with -L.
  src.list = async function* (dir: string) {
    const listed: Entry[] = [];
    for await (const e of list(dir)) {
      listed.push(e);
      yield e;
    }
    if (dir === 'd') throw new PartialListingError('"d": 1 entry could not be listed', listed, [{ name: 'link', error: new Error('broken symlink') }]);
  };
  const dst = new TestMemoryBackend('dst');
  dst.addFile('d/extra.txt', 'only on the destination');
  const stats = new Accounting();
  const errors: string[] = [];
  stats.on('file-error', (e) => errors.push(`${e.path}: ${e.error.message}`));
  await sync({ src, dst, options: opts() }, stats);
  assert.deepEqual(errors, ['d/link: broken symlink']);
  assert.deepEqual([...dst.files.keys()].sort(), ['d/a.txt', 'd/b.txt', 'd/extra.txt']);
  assert.equal(stats.deletesSkipped, true);
});

test('a file and a directory of one name on the source are a name clash, not a case clash', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('x', 'file x');
  src.addFile('x/inner', 'in the directory x');
  src.addFile('other', 'o');
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  const errors: string[] = [];
  stats.on('file-error', (e) => errors.push(e.error.message));
  await copy({ src, dst, options: opts() }, stats);
  assert.deepEqual(errors, Array(2).fill('the source root holds a file and a directory named "x"; on dst that name can be only one of them'));
  assert.deepEqual([...dst.files.keys()], ['other']);
});

test('names that clash only by --ignore-case-sync say so, not that the destination is case-insensitive', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('A', 'one');
  src.addFile('a', 'two');
  const stats = new Accounting();
  const errors: string[] = [];
  stats.on('file-error', (e) => errors.push(e.error.message));
  await copy({ src, dst: new TestMemoryBackend('dst'), options: opts({ ignoreCaseSync: true }) }, stats);
  assert.equal(errors.length, 2);
  assert.match(errors[0]!, /^"A" and "a" in the source root are the same name when case is ignored \(--ignore-case-sync\)$/);
});

test('--ignore-case-sync matches names case-insensitively on a case-sensitive destination', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('Report.TXT', 'same', 1_600_000_000_000);
  const dst = new TestMemoryBackend('dst');
  dst.addFile('report.txt', 'same', 1_600_000_000_000);
  const plain = new Accounting();
  await sync({ src, dst, options: opts({ dryRun: true }) }, plain);
  assert.equal(plain.totalTransfers, 1, 'without it the names differ: a copy and a delete');
  assert.equal(plain.deletes, 1);
  const stats = new Accounting();
  await sync({ src, dst, options: opts({ ignoreCaseSync: true }) }, stats);
  assert.equal(stats.errors, 0);
  assert.equal(stats.transfers, 0);
  assert.equal(stats.checks, 1);
  assert.equal(stats.deletes, 0);
  assert.deepEqual([...dst.files.keys()], ['report.txt']);
});

test('a destination that stores a different hash fails verification and the bad copy is removed', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  dst.put = async (path: string, content: Readable, o: PutOptions): Promise<Entry> => {
    for await (const _ of content) { /* drain */ }
    dst.addFile(path, 'corrupt!', o.modTime);
    return { path, kind: 'file', size: -1, hashes: { md5: '0'.repeat(32) } };
  };
  const stats = new Accounting();
  await copy({ src, dst, options: opts() }, stats);
  assert.equal(stats.errors, 3);
  assert.equal(dst.files.size, 0);
  assert.match(stats.lastError!.message, /md5 mismatch/);
});

test('size filters leave files out', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  await copy({ src, dst, options: opts(), filter: { minSize: 1, maxSize: 5 } }, new Accounting());
  assert.deepEqual([...dst.files.keys()], ['a.txt']);
});

test('a file over the destination size limit is skipped with an error naming the limit', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst', { maxFileSize: 5 });
  const stats = new Accounting();
  await copy({ src, dst, options: opts() }, stats);
  assert.equal(stats.errors, 1);
  assert.match(stats.lastError!.message, /over dst's limit of 5 bytes/);
  assert.equal(dst.files.size, 2);
});

test('a single-file source is copied by name', async () => {
  const src = new TestMemoryBackend('src');
  src.files.set('', { data: Buffer.from('solo'), modTime: 5 });
  const dst = new TestMemoryBackend('dst');
  await copy({ src, dst, options: opts(), singleFile: { name: 'solo.txt' } }, new Accounting());
  assert.equal(dst.files.get('solo.txt')?.data.toString(), 'solo');
});

test('whole-run retries redo the run while errors remain, keeping totals', async () => {
  const src = tree();
  src.failGet.add('a.txt');
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  const attempts: number[] = [];
  await withRunRetries(3, stats, async () => {
    if (attempts.length === 1) src.failGet.clear();
    await copy({ src, dst, options: opts() }, stats);
  }, { ...silent, failed: (n) => attempts.push(n) });
  assert.deepEqual(attempts, [1]);
  assert.equal(stats.errors, 0);
  assert.equal(stats.transfers, 3);
});

test('sync deletes extraneous destination files and directories after transferring', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  dst.addFile('old/gone.txt', 'x');
  dst.addFile('stale.txt', 'y');
  const stats = new Accounting();
  const deleted: string[] = [];
  stats.on('deleted', (e) => deleted.push(e.path));
  await sync({ src, dst, options: opts() }, stats);
  assert.equal(stats.errors, 0);
  assert.deepEqual([...dst.files.keys()].sort(), [...src.files.keys()].sort());
  assert.ok(!dst.dirs.has('old'));
  assert.deepEqual(deleted.sort(), ['old', 'old/gone.txt', 'stale.txt']);
});

test('sync deletes nothing when the run had an I/O error, and says so', async () => {
  const src = tree();
  src.failGet.add('a.txt');
  const dst = new TestMemoryBackend('dst');
  dst.addFile('stale.txt', 'y');
  const stats = new Accounting();
  const notices: string[] = [];
  stats.on('notice', (e) => notices.push(e.message));
  await sync({ src, dst, options: opts() }, stats);
  assert.ok(dst.files.has('stale.txt'));
  assert.equal(stats.deletesSkipped, true);
  assert.match(notices.join('\n'), /not deleting files as there were IO errors/);
});

for (const deleteMode of ['before', 'during', 'after'] as const) {
  test(`sync --delete-${deleteMode} ends identical`, async () => {
    const src = tree();
    const dst = new TestMemoryBackend('dst');
    dst.addFile('x/y/z.txt', 'old');
    await sync({ src, dst, options: opts({ deleteMode }) }, new Accounting());
    assert.deepEqual([...dst.files.keys()].sort(), [...src.files.keys()].sort());
  });
}

test('sync keeps excluded destination files unless --delete-excluded', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  dst.addFile('keep.log', 'k');
  await sync({ src, dst, options: opts(), filter: { exclude: ['*.log'] } }, new Accounting());
  assert.ok(dst.files.has('keep.log'));
  await sync({ src, dst, options: opts({ deleteExcluded: true }), filter: { exclude: ['*.log'] } }, new Accounting());
  assert.ok(!dst.files.has('keep.log'));
});

test('--max-delete stops deleting at the threshold and is an error', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  for (const n of ['1', '2', '3']) dst.addFile(`extra${n}`, n);
  const stats = new Accounting();
  await sync({ src, dst, options: opts({ maxDelete: 2 }) }, stats);
  assert.equal([...dst.files.keys()].filter((k) => k.startsWith('extra')).length, 1);
  assert.equal(stats.errors, 1);
  assert.match(stats.lastError!.message, /--max-delete/);
});

test('dry-run sync changes neither side', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  dst.addFile('stale.txt', 'y');
  await sync({ src, dst, options: opts({ dryRun: true }) }, new Accounting());
  assert.deepEqual([...dst.files.keys()], ['stale.txt']);
  assert.equal(src.files.size, 3);
});

test('move removes each source file once it is on the destination, and empty source dirs with --delete-empty-src-dirs', async () => {
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  dst.addFile('a.txt', 'hello', 1_700_000_000_000);
  await move({ src, dst, options: opts({ deleteEmptySrcDirs: true }) }, new Accounting());
  assert.equal(src.files.size, 0);
  assert.deepEqual([...src.dirs], ['']);
  assert.equal(dst.files.size, 3);
});

test('check reports missing files on each side and differing content, changing nothing', async () => {
  const { check } = await import('./check.js');
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  await copy({ src, dst, options: opts() }, new Accounting());
  src.addFile('only-src', 'a');
  dst.addFile('only-dst', 'b');
  dst.addFile('a.txt', 'HELLO');
  const results: string[] = [];
  const summary = await check({
    src, dst, checkers: 4, oneWay: false, sizeOnly: false, download: false,
    onResult: (p, o) => results.push(`${o} ${p}`),
  }, new Accounting());
  assert.deepEqual(results.sort(), ['differ a.txt', 'match dir one/sub/é ü.txt', 'match empty', 'missing-on-dst only-src', 'missing-on-src only-dst']);
  assert.equal(summary.differences, 3);
  assert.equal(summary.hash, 'md5');
  const oneWay = await check({ src, dst, checkers: 4, oneWay: true, sizeOnly: false, download: true, onResult: () => {} }, new Accounting());
  assert.equal(oneWay.differences, 2);
  assert.equal(oneWay.hash, undefined);
});

test('a transfer that fails with a retryable error is retried per file', async () => {
  const { RetryableError } = await import('../errors/index.js');
  const src = tree();
  const dst = new TestMemoryBackend('dst');
  const realPut = dst.put.bind(dst);
  let failures = 2;
  dst.put = async (path, content, o) => {
    if (path === 'a.txt' && failures-- > 0) {
      for await (const _ of content) { /* drain */ }
      throw new RetryableError('503 from server');
    }
    return realPut(path, content, o);
  };
  const stats = new Accounting();
  await copy({ src, dst, options: opts({ fileRetries: 3 }) }, stats);
  assert.equal(stats.errors, 0);
  assert.equal(stats.transfers, 3);
  assert.equal(stats.bytes, 11);
  const failing = new TestMemoryBackend('dst2');
  failing.put = async (_p, content) => {
    for await (const _ of content) { /* drain */ }
    throw new RetryableError('503 from server');
  };
  const s2 = new Accounting();
  await copy({ src, dst: failing, options: opts({ fileRetries: 2 }) }, s2);
  assert.equal(s2.errors, 3);
});

test('whole-run retries stop at once after a fatal error', async () => {
  const { FatalBackendError } = await import('../errors/index.js');
  const stats = new Accounting();
  const stops: string[] = [];
  let runs = 0;
  await withRunRetries(3, stats, async () => {
    runs++;
    stats.recordError('x', new FatalBackendError('token revoked'));
  }, { ...silent, stopped: (why) => stops.push(why) });
  assert.equal(runs, 1);
  assert.deepEqual(stops, ['fatal']);
});

test('whole-run retries stop at once when no error of the attempt is one retrying can fix', async () => {
  const { TooLargeError } = await import('../errors/index.js');
  const stats = new Accounting();
  const stops: string[] = [];
  const failed: number[] = [];
  let runs = 0;
  await withRunRetries(3, stats, async () => {
    runs++;
    stats.recordError('big', new TooLargeError('over the limit'), false);
  }, { ...silent, failed: (n) => failed.push(n), stopped: (why) => stops.push(why) });
  assert.equal(runs, 1);
  assert.deepEqual(stops, ['no-retry']);
  assert.deepEqual(failed, []);
});

test('whole-run retries go on while one error may be fixed, and report every failed attempt, the last included', async () => {
  const { TooLargeError } = await import('../errors/index.js');
  const stats = new Accounting();
  const failed: Array<[number, boolean]> = [];
  let runs = 0;
  await withRunRetries(3, stats, async () => {
    runs++;
    stats.recordError('big', new TooLargeError('over the limit'), false);
    stats.recordError('x', new Error('is a directory'));
  }, { ...silent, failed: (n, _of, retrying) => failed.push([n, retrying]) });
  assert.equal(runs, 3);
  assert.deepEqual(failed, [[1, true], [2, true], [3, false]]);
});

test('a retry that succeeds is reported as such', async () => {
  const stats = new Accounting();
  const succeeded: number[] = [];
  let runs = 0;
  await withRunRetries(3, stats, async () => {
    if (++runs === 1) stats.recordError('x', new Error('flaky'));
  }, { ...silent, succeeded: (n) => succeeded.push(n) });
  assert.equal(runs, 2);
  assert.deepEqual(succeeded, [2]);
});

test('a destination that can copy from the source does so, unless --checksum asks for hash-verified streams', async () => {
  for (const checksum of [false, true]) {
    const src = tree();
    const dst = new TestMemoryBackend('dst');
    let copied = 0;
    dst.copyFrom = async (from, srcPath, dstPath, o) => {
      copied++;
      const f = (from as TestMemoryBackend).files.get(srcPath)!;
      dst.addFile(dstPath, f.data, o.modTime);
      return dst.stat(dstPath);
    };
    const stats = new Accounting();
    await copy({ src, dst, options: opts({ checksum }) }, stats);
    assert.equal(stats.errors, 0);
    assert.equal(copied, checksum ? 0 : 3);
    assert.equal(dst.puts, checksum ? 3 : 0);
    assert.equal(stats.bytes, 11);
  }
});

/** A destination whose put of `path` is cut off by the run's signal, as Ctrl-C would (a backend honours the signal). */
function abortedAt(path: string, controller: AbortController): TestMemoryBackend {
  const dst = new TestMemoryBackend('dst');
  const put = dst.put.bind(dst);
  dst.put = async (p: string, content: Readable, o: PutOptions): Promise<Entry> => {
    if (p === path) {
      controller.abort(new Error('interrupted'));
      content.destroy();
      o.signal?.throwIfAborted();
    }
    return put(p, content, o);
  };
  return dst;
}

test('move interrupted mid-transfer: the cut-off file and those not started stay on the source; no error counted', async () => {
  const src = new TestMemoryBackend('src');
  for (const n of ['a.txt', 'b.txt', 'c.txt']) src.addFile(n, n);
  const controller = new AbortController();
  const dst = abortedAt('b.txt', controller);
  const stats = new Accounting();
  await move({ src, dst, options: opts({ transfers: 1 }), signal: controller.signal }, stats);
  assert.equal(stats.errors, 0);
  assert.ok(src.files.has('b.txt') && src.files.has('c.txt'));
  assert.ok(!dst.files.has('b.txt') && !dst.files.has('c.txt'));
  // a.txt was done before the abort: moved, or (its delete not yet begun) still on both sides.
  assert.ok(dst.files.has('a.txt'));
});

test('sync interrupted mid-transfer deletes nothing from the destination', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('a.txt', 'a');
  const controller = new AbortController();
  const dst = abortedAt('a.txt', controller);
  dst.addFile('extra.txt', 'not on the source');
  dst.addFile('old/gone.txt', 'nor this');
  const stats = new Accounting();
  await sync({ src, dst, options: opts(), signal: controller.signal }, stats);
  assert.equal(stats.errors, 0);
  assert.equal(stats.deletesSkipped, false);
  assert.deepEqual([...dst.files.keys()].sort(), ['extra.txt', 'old/gone.txt']);
});

test('an interrupted run is not retried, whatever errors came before the signal', async () => {
  const stats = new Accounting();
  const controller = new AbortController();
  let runs = 0;
  await withRunRetries(3, stats, async () => {
    runs++;
    stats.recordError('x', new Error('failed before Ctrl-C'));
    controller.abort();
  }, silent, 0, controller.signal);
  assert.equal(runs, 1);
});
