import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BACKEND_API_VERSION, silentLogger, type BackendDefinition } from '@rsyncish/core';
import { settablePrecisionMs } from './mod-time.js';
import { tempDir } from './testing/support.js';

// Loaded the way the CLI loads it: the file package.json names (the bundle
// scripts/bundle.mjs builds from dist/hooks/backends.js), with require, as oclif loads a CommonJS hook.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { oclif: { hooks: Record<string, string> } };
const require = createRequire(import.meta.url);
const hookUrl = new URL(`../${pkg.oclif.hooks['rsyncish:backends']}`, import.meta.url);

test('the rsyncish:backends hook returns the local definition with apiVersion 2', async () => {
  const hook = require(fileURLToPath(hookUrl)) as { default: () => Promise<BackendDefinition[]> };
  const defs = await hook.default();
  assert.equal(defs.length, 1);
  const def = defs[0]!;
  assert.equal(def.apiVersion, 2);
  assert.equal(def.apiVersion, BACKEND_API_VERSION);
  assert.equal(def.type, 'local');
  assert.equal(def.description, 'Local Disk');
  assert.deepEqual(def.capabilities.hashes, ['md5', 'sha1', 'crc32', 'sha256', 'dropbox']);
  // 1 ns where utimensat can be reached, else the microsecond Node's utimes keeps.
  assert.deepEqual(def.capabilities.modTime, { read: true, write: true, precisionMs: settablePrecisionMs() });
  assert.equal(def.capabilities.serverSideCopy, true);
  assert.equal(def.capabilities.serverSideMove, true);
  assert.equal(def.capabilities.listRecursive, undefined, "a local walk lists one directory per call");
  assert.equal(def.capabilities.caseInsensitive, process.platform === 'darwin' || process.platform === 'win32');
  for (const o of ['copy_links', 'skip_links', 'no_check_updated', 'one_file_system', 'no_set_modtime', 'case_sensitive', 'case_insensitive']) {
    assert.ok(def.options.some((spec) => spec.name === o && spec.type === 'bool'), o);
  }
});

test('the definition builds a working backend from a context; relative roots use the cwd', async () => {
  const hook = require(fileURLToPath(hookUrl)) as { default: () => Promise<BackendDefinition[]> };
  const [def] = await hook.default();
  const dir = tempDir();
  const ctx = {
    remoteName: '',
    root: dir,
    rawRoot: dir,
    options: { copy_links: false, no_set_modtime: true },
    logger: silentLogger,
    saveOptions: async () => {},
    now: () => Date.now(),
    globals: { lowLevelRetries: 10, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
  };
  const b = await def!.create(ctx);
  assert.equal(b.name, dir);
  assert.equal(b.capabilities.modTime.write, false);
  await b.put('x', Readable.from([Buffer.from('hi')]), { size: 2 });
  assert.equal((await b.stat('x')).size, 2);

  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const rel = await def!.create({ ...ctx, root: 'sub', rawRoot: 'sub', remoteName: 'mine' });
    assert.equal(rel.name, 'mine:sub');
    await rel.mkdir('');
    assert.equal((await b.stat('sub')).kind, 'dir');
  } finally {
    process.chdir(cwd);
  }
  // `remote:/abs/path` keeps its leading slash for a filesystem backend.
  const abs = await def!.create({ ...ctx, root: dir.slice(1), rawRoot: dir, remoteName: 'mine' });
  assert.equal((await abs.stat('x')).size, 2);
});
