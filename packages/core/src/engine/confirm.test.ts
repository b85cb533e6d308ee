import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { Accounting } from './accounting.js';
import type { DestructiveAction } from './confirm.js';
import { DEFAULT_ENGINE_OPTIONS } from './options.js';
import { copy, move, sync } from './sync.js';

function backends(): { src: TestMemoryBackend; dst: TestMemoryBackend } {
  const src = new TestMemoryBackend('src');
  src.addFile('keep.txt', 'keep');
  src.addFile('refuse.txt', 'refuse');
  const dst = new TestMemoryBackend('dst');
  dst.addFile('old/extra.txt', 'extra');
  return { src, dst };
}

/** A confirm that records each question and says no to the subjects in `no`. */
function answering(no: string[]) {
  const asked: string[] = [];
  return {
    asked,
    confirm: async (action: DestructiveAction, subject: string) => {
      asked.push(`${action} ${subject}`);
      return !no.includes(subject);
    },
  };
}

test('a copy refused under -i is not made, and is told and counted as a dry run\'s', async () => {
  const { src, dst } = backends();
  const { asked, confirm } = answering(['refuse.txt']);
  const stats = new Accounting();
  const skipped: unknown[] = [];
  stats.on('dry-run', (e) => skipped.push(e));
  await copy({ src, dst, options: DEFAULT_ENGINE_OPTIONS, confirm }, stats);
  assert.deepEqual(asked.sort(), ['copy keep.txt', 'copy refuse.txt']);
  assert.ok(dst.files.has('keep.txt'));
  assert.ok(!dst.files.has('refuse.txt'));
  assert.deepEqual(skipped, [{ path: 'refuse.txt', action: 'copy (new)', size: 6, flag: '--interactive' }]);
  assert.equal(stats.totalTransfers, 2);
  assert.equal(stats.errors, 0);
});

test('sync asks before each deletion and each directory it would remove', async () => {
  const { src, dst } = backends();
  const { asked, confirm } = answering(['old/extra.txt']);
  await sync({ src, dst, options: DEFAULT_ENGINE_OPTIONS, confirm }, new Accounting());
  assert.deepEqual(asked.filter((q) => !q.startsWith('copy')), ['delete old/extra.txt', 'remove directory old']);
  assert.ok(dst.files.has('old/extra.txt'), 'the refused deletion was not made');
});

test('a move refused under -i keeps its source file, and its deletion is not asked about', async () => {
  const { src, dst } = backends();
  const { asked, confirm } = answering(['refuse.txt']);
  await move({ src, dst, options: DEFAULT_ENGINE_OPTIONS, confirm }, new Accounting());
  assert.ok(src.files.has('refuse.txt'));
  assert.ok(!src.files.has('keep.txt'));
  assert.ok(!asked.includes('delete refuse.txt'), asked.join('\n'));
  assert.ok(asked.includes('delete keep.txt') || asked.includes('move keep.txt'), asked.join('\n'));
});

test('--no-traverse: copy never lists the destination and gives the same tree', async () => {
  const { src, dst } = backends();
  src.addFile('old/extra.txt', 'changed');
  dst.list = () => {
    throw new Error('the destination was listed');
  };
  const stats = new Accounting();
  await copy({ src, dst, options: { ...DEFAULT_ENGINE_OPTIONS, noTraverse: true } }, stats);
  assert.equal(stats.errors, 0);
  assert.deepEqual([...dst.files.keys()].sort(), ['keep.txt', 'old/extra.txt', 'refuse.txt']);
  assert.equal(dst.files.get('old/extra.txt')?.data.toString(), 'changed');
});

test('a move that must copy asks "move", then "copy"; refusing the copy keeps the source, its deletion never asked', async () => {
  const { src, dst } = backends();
  const asked: string[] = [];
  const confirm = async (action: DestructiveAction, subject: string) => {
    asked.push(`${action} ${subject}`);
    return !(action === 'copy' && subject === 'refuse.txt');
  };
  await move({ src, dst, options: DEFAULT_ENGINE_OPTIONS, confirm }, new Accounting());
  assert.deepEqual(asked.filter((q) => q.endsWith('refuse.txt')), ['move refuse.txt', 'copy refuse.txt']);
  assert.deepEqual(asked.filter((q) => q.endsWith('keep.txt')), ['move keep.txt', 'copy keep.txt', 'delete keep.txt']);
  assert.ok(src.files.has('refuse.txt') && !dst.files.has('refuse.txt'));
  assert.ok(!src.files.has('keep.txt') && dst.files.has('keep.txt'));
});
