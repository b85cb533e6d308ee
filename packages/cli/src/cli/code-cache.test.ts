import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// bin/code-cache.cjs, driven in child processes as bin/run.cjs drives it.
const CODE_CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'code-cache.cjs');
const base = mkdtempSync(join(tmpdir(), 'rsyncish-code-cache-'));
after(() => rmSync(base, { recursive: true, force: true }));

const BUNDLE = `
const { sep } = require('node:path');
exports.answer = () => 6 * 7;
exports.dir = __dirname;
exports.sep = sep;
// As scripts/bundle.mjs rewrites a bundle's import() calls.
const load = globalThis[Symbol.for('rsyncish.import')] ?? ((specifier) => import(specifier));
exports.loadEsm = () => load('data:text/javascript,export default 1');
`;

/** Runs node: install the cache, require `file`, optionally change a V8 flag, save; prints what the bundle gave. */
function run(dir: string, file: string, { flagBeforeSave = false } = {}): { answer: number; dir: string; esm: number } {
  const script = `
    const cache = require(${JSON.stringify(CODE_CACHE)});
    cache.install(${JSON.stringify(dir)});
    const b = require(${JSON.stringify(file)});
    b.loadEsm().then((m) => {
      ${flagBeforeSave ? "require('node:v8').setFlagsFromString('--heap-growing-percent=50');" : ''}
      cache.save();
      process.stdout.write(JSON.stringify({ answer: b.answer(), dir: b.dir, esm: m.default }));
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { answer: number; dir: string; esm: number };
}

function caches(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

test('a bundle runs from a cache written by the first run and reused, untouched, by the next', () => {
  const dir = join(base, 'reuse');
  const file = join(base, 'pkg', 'dist', 'x.bundle.cjs');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, BUNDLE);
  assert.deepEqual(run(dir, file), { answer: 42, dir: dirname(file), esm: 1 });
  const [cache] = caches(dir);
  assert.ok(cache?.endsWith('.v8'), `one cache file, got ${caches(dir).join(', ')}`);
  const first = statSync(join(dir, cache));
  assert.equal(first.mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.deepEqual(run(dir, file), { answer: 42, dir: dirname(file), esm: 1 });
  // Accepted by V8, so not written again (a rewrite is a new file renamed over it).
  assert.deepEqual(caches(dir), [cache]);
  assert.equal(statSync(join(dir, cache)).ino, first.ino);
});

test('a rebuilt bundle gets a new cache and the old one goes', () => {
  const dir = join(base, 'rebuilt');
  const file = join(base, 'rebuilt.bundle.cjs');
  writeFileSync(file, BUNDLE);
  run(dir, file);
  const [old] = caches(dir);
  writeFileSync(file, `${BUNDLE}\nexports.more = 1;\n`);
  assert.equal(run(dir, file).answer, 42);
  const now = caches(dir);
  assert.equal(now.length, 1);
  assert.notEqual(now[0], old);
});

test('no cache is written when V8 flags changed after the bundle was compiled (it would never match)', () => {
  const dir = join(base, 'flags');
  const file = join(base, 'flags.bundle.cjs');
  writeFileSync(file, BUNDLE);
  assert.equal(run(dir, file, { flagBeforeSave: true }).answer, 42);
  assert.deepEqual(caches(dir), []);
});

test('a cache directory that cannot be made (a file is in the way) only means no cache', () => {
  const dir = join(base, 'not-a-dir');
  writeFileSync(dir, '');
  const file = join(base, 'file.bundle.cjs');
  writeFileSync(file, BUNDLE);
  assert.equal(run(dir, file).answer, 42);
});

test('other CommonJS files are left to Node', () => {
  const dir = join(base, 'other');
  const file = join(base, 'plain.cjs');
  writeFileSync(file, BUNDLE);
  assert.equal(run(dir, file).answer, 42);
  assert.deepEqual(caches(dir), []);
});

test('the CLI keeps its bundles\' caches in the cache directory, and runs from them', () => {
  const home = join(base, 'home');
  const env = { PATH: process.env['PATH'], HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_CONFIG_HOME: join(home, '.config') };
  const bin = join(dirname(CODE_CACHE), 'run.cjs');
  const empty = join(base, 'empty');
  writeFileSync(empty, '');
  for (let i = 0; i < 2; i++) {
    const r = spawnSync(process.execPath, [bin, 'md5sum', empty], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'd41d8cd98f00b204e9800998ecf8427e  empty\n');
  }
  // The CLI's, core's and the four built-in backends' bundles.
  assert.equal(caches(join(home, '.cache', 'rsyncish', 'code-cache')).length, 6);
});
