import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const RUN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'run.cjs');
const base = mkdtempSync(join(tmpdir(), 'rsyncish-compile-cache-'));
after(() => rmSync(base, { recursive: true, force: true }));
const nodeHasCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

function lsEmpty(cacheDir: string): ReturnType<typeof spawnSync> {
  const empty = join(base, 'empty');
  mkdirSync(empty, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, RSYNCISH_CACHE_DIR: cacheDir, RSYNCISH_CONFIG: join(base, 'none.conf') };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return spawnSync(process.execPath, [RUN, 'ls', empty], { env, encoding: 'utf8' });
}

test('the CLI keeps Node\'s compile cache in its cache folder where Node has one, and writes none on Node 20', () => {
  const cacheDir = join(base, 'cache');
  const run = lsEmpty(cacheDir);
  assert.equal(run.status, 0, String(run.stderr));
  const compiled = join(cacheDir, 'compile-cache');
  if (nodeHasCache) {
    assert.ok(existsSync(compiled) && readdirSync(compiled).length > 0, `no compile cache in ${compiled}`);
  } else {
    assert.equal(existsSync(compiled), false, `Node ${process.version} has no compile cache, yet ${compiled} was made`);
  }
});

test('a cache folder that cannot be made (a file is in the way) only means no cache', () => {
  const blocked = join(base, 'blocked');
  writeFileSync(blocked, 'not a folder');
  const run = lsEmpty(blocked);
  assert.equal(run.status, 0, String(run.stderr));
  assert.equal(run.stderr, '');
});
