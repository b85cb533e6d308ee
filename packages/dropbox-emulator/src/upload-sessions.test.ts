import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Failure } from './errors.js';
import { UploadSessions } from './upload-sessions.js';

const dir = await mkdtemp(join(tmpdir(), 'dbx-sessions-'));
after(() => rm(dir, { recursive: true, force: true }));

async function* body(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

async function* brokenAfter(part: string): AsyncGenerator<Buffer> {
  yield Buffer.from(part);
  throw new Error('connection reset');
}

const failureTag = (tag: string) => (e: unknown): boolean => e instanceof Failure && e.reason['.tag'] === tag;

test('appends name their offset; a wrong one is refused with the right one', async () => {
  const s = new UploadSessions(dir, () => 1e9);
  const id = s.start();
  await s.append(id, 0, body('abc'), false);
  await assert.rejects(s.append(id, 1, body('x'), false), (e: unknown) => e instanceof Failure && e.reason['correct_offset'] === 3);
  await s.append(id, 3, body('def'), false);
  assert.equal(await readFile(await s.ready(id, 6, false), 'utf8'), 'abcdef');
});

test('an append cut off mid-body leaves the committed offset where it was', async () => {
  const s = new UploadSessions(dir, () => 1e9);
  const id = s.start();
  await s.append(id, 0, body('abc'), false);
  await assert.rejects(s.append(id, 3, brokenAfter('partial'), false), /connection reset/);
  assert.equal(s.size(id), 3);
  await s.append(id, 3, body('def'), true);
  assert.equal(await readFile(await s.ready(id, 6, true), 'utf8'), 'abcdef');
});

test('closed sessions take no more data; batch commits need them closed; unknown ids are not_found', async () => {
  const s = new UploadSessions(dir, () => 1e9);
  const id = s.start();
  await s.append(id, 0, body('abc'), false);
  await assert.rejects(s.ready(id, 3, true), failureTag('not_closed'));
  await s.append(id, 3, body(), true);
  await assert.rejects(s.append(id, 3, body('x'), false), failureTag('closed'));
  await s.end(id);
  await assert.rejects(s.append(id, 3, body('x'), false), failureTag('not_found'));
});

test('a session may not grow past the largest file size', async () => {
  const s = new UploadSessions(dir, () => 4);
  const id = s.start();
  await assert.rejects(s.append(id, 0, body('abcde'), false), failureTag('too_large'));
  assert.equal(s.size(id), 0);
});
