import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { silentLogger, type BackendContext } from '@rsyncish/core';
import { memoryBackend } from './definition.js';

function context(remoteName: string, root = ''): BackendContext {
  return {
    remoteName,
    root,
    rawRoot: root,
    options: {},
    logger: silentLogger,
    saveOptions: async () => {},
    now: () => 1_700_000_000_000,
    globals: { lowLevelRetries: 10, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
  };
}

test('remotes of one name share their files for the life of the process; other names do not', async () => {
  const writer = await memoryBackend.create(context('shared-a'));
  await writer.put('dir/f.txt', Readable.from([Buffer.from('x')]), { size: 1 });
  const reader = await memoryBackend.create(context('shared-a'));
  assert.equal((await reader.stat('dir/f.txt')).size, 1);
  const stranger = await memoryBackend.create(context('shared-b'));
  await assert.rejects(stranger.stat('dir/f.txt'), { code: 'ERR_NOT_FOUND' });
});

test('a remote opened at a sub-path sees that folder as its root', async () => {
  const whole = await memoryBackend.create(context('rooted'));
  await whole.put('backup/2024/a.txt', Readable.from([Buffer.from('abc')]), { size: 3 });
  const sub = await memoryBackend.create(context('rooted', 'backup'));
  assert.equal(sub.name, 'rooted:backup');
  assert.deepEqual((await sub.stat('2024/a.txt')).path, '2024/a.txt');
  const names: string[] = [];
  for await (const e of sub.list('')) names.push(e.path);
  assert.deepEqual(names, ['2024']);
});
