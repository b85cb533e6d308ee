import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RetryableError } from '../errors/index.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { Accounting } from './accounting.js';
import type { EngineEvents } from './events.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.js';
import { move, sync } from './sync.js';

// What the engine tells the report about a failure: enough for rclone's words
// ("Failed to copy", "Couldn't delete", "Received error: … - low level retry").

const opts = (o: Partial<EngineOptions> = {}): EngineOptions => ({ ...DEFAULT_ENGINE_OPTIONS, ...o });

function errorsOf(stats: Accounting): EngineEvents['file-error'][0][] {
  const seen: EngineEvents['file-error'][0][] = [];
  stats.on('file-error', (e) => seen.push(e));
  return seen;
}

test('a destination file that cannot be deleted by sync is a failed deletion, not a failed copy', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('keep.txt', 'k');
  const dst = new TestMemoryBackend('dst');
  dst.addFile('keep.txt', 'k');
  dst.addFile('old.txt', 'o');
  dst.delete = async (path) => {
    throw new Error(`permission denied: ${path}`);
  };
  const stats = new Accounting();
  const errors = errorsOf(stats);
  await sync({ src, dst, options: opts() }, stats);
  assert.deepEqual(errors.map((e) => [e.path, e.op, e.error.message]), [['old.txt', 'delete', 'permission denied: old.txt']]);
  assert.equal(stats.errors, 1);
});

test("a move's source file that cannot be deleted is a failed deletion, and the copy stays", async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('a.txt', 'a');
  src.delete = async (path) => {
    throw new Error(`read-only: ${path}`);
  };
  const dst = new TestMemoryBackend('dst');
  const stats = new Accounting();
  const errors = errorsOf(stats);
  await move({ src, dst, options: opts() }, stats);
  assert.deepEqual(errors.map((e) => [e.path, e.op]), [['a.txt', 'delete']]);
  assert.equal(dst.files.has('a.txt'), true);
});

test('--max-delete reached is one fatal error of a deletion', async () => {
  const src = new TestMemoryBackend('src');
  const dst = new TestMemoryBackend('dst');
  dst.addFile('x1', '1');
  dst.addFile('x2', '2');
  dst.addFile('x3', '3');
  const stats = new Accounting();
  const errors = errorsOf(stats);
  await sync({ src, dst, options: opts({ maxDelete: 1 }) }, stats);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.op, 'delete');
  assert.match(errors[0]!.error.message, /--max-delete threshold \(1\) reached/);
  assert.equal(stats.hadFatalError, true);
  assert.equal(dst.files.size, 2);
});

test('each retry of a transfer is one retry event, numbered as rclone numbers them (1/3, 2/3)', async () => {
  const src = new TestMemoryBackend('src');
  src.addFile('a.txt', 'hello');
  const dst = new TestMemoryBackend('dst');
  dst.put = async (_path, content) => {
    for await (const _ of content) { /* drain */ }
    throw new RetryableError('503 from server');
  };
  const stats = new Accounting();
  const retries: string[] = [];
  stats.on('retry', (e) => retries.push(`${e.path} ${e.attempt}/${e.of} ${e.error.message}`));
  const errors = errorsOf(stats);
  await sync({ src, dst, options: opts({ fileRetries: 3 }) }, stats);
  assert.deepEqual(retries, ['a.txt 1/3 503 from server', 'a.txt 2/3 503 from server']);
  assert.deepEqual(errors.map((e) => [e.path, e.op]), [['a.txt', 'copy']]);
});
