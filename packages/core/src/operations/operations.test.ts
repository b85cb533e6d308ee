import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { Filter } from '../filter/index.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { walk } from '../engine/walk.js';
import { hashSum } from './hash-sum.js';
import { deleteFiles, purge, removeEmptyDirs } from './remove.js';
import { totalSize } from './size.js';

function tree(): TestMemoryBackend {
  const b = new TestMemoryBackend('mem');
  b.addFile('a.txt', 'hello');
  b.addFile('d/b.log', 'log!');
  b.addFile('d/e/c.txt', 'deep');
  b.dirs.add('empty');
  b.dirs.add('empty/inner');
  return b;
}
const noErr = (p: string, e: Error) => assert.fail(`${p}: ${e.message}`);
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

test('walk yields every entry, honours filters and depth', async () => {
  const paths: string[] = [];
  for await (const e of walk(tree(), { onError: noErr })) paths.push(e.path);
  assert.deepEqual(paths.sort(), ['a.txt', 'd', 'd/b.log', 'd/e', 'd/e/c.txt', 'empty', 'empty/inner']);
  const shallow: string[] = [];
  for await (const e of walk(tree(), { onError: noErr, maxDepth: 1 })) shallow.push(e.path);
  assert.deepEqual(shallow.sort(), ['a.txt', 'd', 'empty']);
  const txt: string[] = [];
  for await (const e of walk(tree(), { onError: noErr, filter: new Filter({ include: ['*.txt'] }) })) if (e.kind === 'file') txt.push(e.path);
  assert.deepEqual(txt.sort(), ['a.txt', 'd/e/c.txt']);
});

test('hashSum prints backend hashes, or computes them with --download', async () => {
  const lines: string[] = [];
  await hashSum(tree(), 'md5', { checkers: 2, download: false, onLine: (h, p) => lines.push(`${h}  ${p}`), onError: noErr });
  assert.deepEqual(lines.sort(), [`${md5('deep')}  d/e/c.txt`, `${md5('hello')}  a.txt`, `${md5('log!')}  d/b.log`].sort());
  await assert.rejects(hashSum(tree(), 'sha1', { checkers: 2, download: false, onLine: () => {}, onError: noErr }), /does not support sha1/);
  const sha: string[] = [];
  await hashSum(tree(), 'sha1', { checkers: 2, download: true, onLine: (h) => sha.push(h), onError: noErr });
  assert.ok(sha.includes(createHash('sha1').update('hello').digest('hex')));
});

test('totalSize counts files and bytes', async () => {
  assert.deepEqual(await totalSize(tree(), { checkers: 2, onError: noErr }), { count: 3, bytes: 13, unknown: 0 });
});

test('delete removes filtered files only; rmdirs removes empty dirs deepest first; purge removes all', async () => {
  const b = tree();
  const deleted: string[] = [];
  const o = { checkers: 2, dryRun: false, onDeleted: (p: string) => deleted.push(p), onDryRun: () => {}, onError: noErr };
  await deleteFiles(b, { ...o, filter: new Filter({ include: ['*.log'] }) });
  assert.deepEqual([...b.files.keys()].sort(), ['a.txt', 'd/e/c.txt']);
  await removeEmptyDirs(b, { ...o, leaveRoot: true });
  assert.ok(!b.dirs.has('empty/inner') && !b.dirs.has('empty') && b.dirs.has('d/e'));
  const dry: string[] = [];
  await purge(b, { ...o, dryRun: true, onDryRun: (p) => dry.push(p) });
  assert.equal(b.files.size, 2);
  await purge(b, o);
  assert.equal(b.files.size, 0);
  assert.deepEqual([...b.dirs], []);
});
