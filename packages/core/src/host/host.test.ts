import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BACKEND_API_VERSION, type BackendContext, type BackendDefinition } from '../contract/index.js';
import { ConfigStore } from '../config/config-store.js';
import { SyncFailedError, UsageError } from '../errors/index.js';
import { BackendRegistry } from '../registry/backend-registry.js';
import { openRemote } from '../registry/open-remote.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { createHost } from './create-host.js';

// One in-memory store per remote name, shared by every opening of that name.
function memoryType(type = 'mem', seen: BackendContext[] = []): BackendDefinition {
  const stores = new Map<string, TestMemoryBackend>();
  return {
    apiVersion: BACKEND_API_VERSION,
    type,
    description: 'memory',
    options: [{ name: 'chunk_size', help: 'chunk', type: 'size', default: '8M' }],
    capabilities: new TestMemoryBackend().capabilities,
    create(ctx) {
      seen.push(ctx);
      const name = `${ctx.remoteName}/${ctx.root}`;
      if (!stores.has(name)) stores.set(name, new TestMemoryBackend(name));
      return stores.get(name)!;
    },
  };
}

test('openRemote needs nothing registered: defaults for every service but the backends', async () => {
  const seen: BackendContext[] = [];
  const remote = await openRemote('cloud:dir', { backends: [memoryType('mem', seen)], config: { cloud: { type: 'mem', chunk_size: '1M', unset: undefined } }, env: {} });
  assert.equal(remote.definition.type, 'mem');
  assert.equal(seen[0].options.chunk_size, 2 ** 20);
  assert.deepEqual(seen[0].globals, { lowLevelRetries: 10, tpsLimit: 0, copyLinks: false, timeoutMs: 300_000 });
  assert.ok(Math.abs(seen[0].now() - Date.now()) < 60_000, 'the system clock');
  // Saved options (a refreshed token) go to the inline config.
  await seen[0].saveOptions({ token: 't2' });
});

test('a config path is read as a config file, and a missing remote names that file', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-host-'));
  const path = join(dir, 'c.conf');
  await new ConfigStore(path).set('r', { type: 'mem' });
  const registry = new BackendRegistry();
  registry.add(memoryType(), 'test');
  assert.equal((await openRemote('r:x', { registry, config: path })).location.remote, 'r');
  await assert.rejects(openRemote('other:x', { registry, config: path }), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.equal(e.code, 'ERR_UNKNOWN_REMOTE');
    assert.ok(e.hint?.includes(path));
    return true;
  });
});

test('a definition that cannot be registered is a usage error naming why', () => {
  assert.throws(() => createHost({ backends: [{ ...memoryType(), apiVersion: 0 }] }), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.equal(e.code, 'ERR_BAD_BACKEND');
    assert.match(e.message, /"mem".*API version 0/);
    return true;
  });
});

test('a host copies, checks and syncs between two opened remotes with plain options', async () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const host = createHost({
    backends: [memoryType()],
    config: { a: { type: 'mem' }, b: { type: 'mem' } },
    logger: { error: log, notice: log, info: log, debug() {} },
  });
  const src = await host.openRemote('a:');
  const dst = await host.openRemote('b:');
  const a = src.backend as TestMemoryBackend;
  a.addFile('one.txt', 'one', 1_000);
  a.addFile('sub/two.txt', 'two!', 2_000);
  const stats = await host.copy(src, dst);
  assert.equal(stats.transfers, 2);
  assert.equal(stats.bytes, 7);
  assert.ok(lines.includes('sub/two.txt: Copied (new)'), lines.join('\n'));
  const same = await host.check(src, dst);
  assert.equal(same.matches, 2);
  assert.equal(same.differences, 0);

  (dst.backend as TestMemoryBackend).addFile('extra.txt', 'x', 3_000);
  assert.equal((await host.check(src, dst)).missingOnSrc, 1);
  assert.equal((await host.copy(src, dst, { dryRun: true })).transfers, 0);
  const synced = await host.sync(src, dst);
  assert.equal(synced.deletes, 1);
  await host.close();
});

test('a run with failed files throws SyncFailedError carrying its stats; overlapping roots are refused', async () => {
  const host = createHost({ backends: [memoryType()], config: { a: { type: 'mem' }, b: { type: 'mem' } } });
  const src = await host.openRemote('a:');
  const dst = await host.openRemote('b:');
  const a = src.backend as TestMemoryBackend;
  a.addFile('ok.txt', 'ok', 1_000);
  a.addFile('bad.txt', 'bad', 1_000);
  a.failGet.add('bad.txt');
  await assert.rejects(host.copy(src, dst, { fileRetries: 1 }), (e: unknown) => {
    assert.ok(e instanceof SyncFailedError);
    assert.equal(e.code, 'ERR_SYNC_FAILED');
    assert.match(e.message, /^failed to copy: /);
    assert.equal(e.stats.transfers, 1);
    return true;
  });
  await assert.rejects(host.sync(src, src), /overlapping/);
});
