import 'reflect-metadata';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BACKEND_API_VERSION, type BackendContext, type BackendDefinition } from '../contract/index.js';
import { ConfigStore } from '../config/config-store.js';
import { UsageError } from '../errors/index.js';
import { silentLogger } from '../logging/logger.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { BackendRegistry } from './backend-registry.js';
import { openRemote, RemoteOpener } from './open-remote.js';

function def(type: string, seen: BackendContext[] = []): BackendDefinition {
  return {
    apiVersion: BACKEND_API_VERSION,
    type,
    description: `the ${type} backend`,
    options: [{ name: 'chunk_size', help: 'chunk', type: 'size', default: '8M' }],
    capabilities: new TestMemoryBackend().capabilities,
    create(ctx) {
      seen.push(ctx);
      return new TestMemoryBackend(ctx.remoteName);
    },
  };
}

test('a plugin that still declares the retired recursiveList flag loads, and the flag is dropped', () => {
  const r = new BackendRegistry();
  const old = def('oldlist');
  assert.equal(r.add({ ...old, capabilities: { ...old.capabilities, recursiveList: true } }, 'plugin-old'), undefined);
  const caps = r.get('oldlist')!.capabilities;
  assert.equal('recursiveList' in caps, false);
  assert.equal(caps.listRecursive, undefined);
  assert.deepEqual(caps, old.capabilities);
});

test('the registry refuses duplicates and wrong API versions, naming the plugin', () => {
  const r = new BackendRegistry();
  assert.equal(r.add(def('mem'), 'plugin-a'), undefined);
  assert.deepEqual(r.add(def('mem'), 'plugin-b'), { plugin: 'plugin-b', reason: 'backend type "mem" is already registered by plugin-a' });
  assert.match(r.add({ ...def('old'), apiVersion: 0 }, 'plugin-c')!.reason, /API version 0/);
  assert.match(r.add(null, 'plugin-d')!.reason, /not a backend definition/);
  assert.match(r.add({ ...def('x'), create: undefined }, 'plugin-e')!.reason, /create/);
  assert.deepEqual(r.all().map((d) => d.type), ['mem']);
  assert.equal(r.pluginOf('mem'), 'plugin-a');
});

test('opening a remote builds the backend from the host services with resolved options', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-reg-'));
  const store = new ConfigStore(join(dir, 'c.conf'));
  await store.set('r', { type: 'mem', chunk_size: '16M' });
  const seen: BackendContext[] = [];
  const registry = new BackendRegistry();
  registry.add(def('mem', seen), 'test');
  registry.add(def('local', seen), 'test');
  const globals = { lowLevelRetries: 10, tpsLimit: 0, copyLinks: false, timeoutMs: 300_000 };
  const opener = new RemoteOpener({ registry, config: store, logger: silentLogger, clock: { now: () => 42 }, globals, env: {}, backendFlags: {} });

  const a = await opener.open('r:some/dir/');
  assert.equal(seen[0].root, 'some/dir');
  assert.equal(seen[0].rawRoot, 'some/dir/');
  assert.equal(seen[0].options.chunk_size, 16 * 2 ** 20);
  assert.equal(seen[0].now(), 42);
  assert.equal(a.location.remote, 'r');
  await seen[0].saveOptions({ token: 'new' });
  assert.equal((await new ConfigStore(store.path).get('r'))!.token, 'new');

  const local = await opener.open('/tmp/x');
  assert.equal(local.definition.type, 'local');
  assert.equal(seen[1].root, '/tmp/x');

  await assert.rejects(opener.open('nosuch:x'), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.match(e.message, /"nosuch"/);
    assert.equal(e.exitCode, 1);
    return true;
  });
  await store.set('odd', { type: 'ftp' });
  await assert.rejects(opener.open('odd:'), /backend type "ftp" for remote "odd" is not installed/);
});

test('a config type may be an alias of a backend (rclone\'s name), and flags and env still use the type', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-reg-'));
  const store = new ConfigStore(join(dir, 'c.conf'));
  await store.set('cloud', { type: 'amazon cloud drive', chunk_size: '16M' });
  await store.set('other', { type: 'memory thing' });
  const host = { config: store, env: { RSYNCISH_ACD_CHUNK_SIZE: '1M' } };
  const seen: BackendContext[] = [];
  const registry = new BackendRegistry();
  assert.equal(registry.add({ ...def('acd', seen), aliases: ['amazon cloud drive'] }, 'test'), undefined);
  assert.match(registry.add({ ...def('bad'), aliases: [''] }, 'test')!.reason, /aliases/);
  // A later plugin cannot take an alias that is already claimed, nor hide a type with one.
  registry.add({ ...def('other', seen), aliases: ['amazon cloud drive', 'acd'] }, 'test2');
  assert.equal(registry.get('amazon cloud drive')?.type, 'acd');
  assert.equal(registry.get('acd')?.type, 'acd');
  assert.equal(registry.pluginOf('amazon cloud drive'), 'test');

  const opened = await openRemote('cloud:x', { ...host, registry });
  assert.equal(opened.definition.type, 'acd');
  assert.equal(seen[0].options.chunk_size, 2 ** 20, 'RSYNCISH_ACD_CHUNK_SIZE applies to a remote whose type is the alias');
  await assert.rejects(openRemote('other:', { ...host, registry }), /backend type "memory thing" for remote "other" is not installed/);
});
