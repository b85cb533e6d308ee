// A V8 code cache for rsyncish's bundles (scripts/bundle.mjs): without one,
// Node 20 parses and compiles the CLI's ~1 MB of bundled JavaScript at every
// start. With one, V8 reads back the bytecode of every function the previous
// start ran: a command starts ~70 ms sooner (docs/performance.md). Node 22's
// module.enableCompileCache() does this for every module; on Node 20 only a
// script compiled through node:vm can use a cache, so the bundles are
// CommonJS and this module compiles them.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** Compiled without a usable cache, to be written by save(). */
const pending = [];
let cacheDir;

/**
 * From now on, a CommonJS file whose name ends in `bundle.cjs` is compiled
 * from its cache in `dir` when there is a valid one. Anything else loads as
 * Node loads it.
 */
function install(dir = defaultDir()) {
  if (cacheDir !== undefined) return;
  cacheDir = dir;
  // Code compiled from a cache has lost Node's import() callback: the
  // bundles' import() calls come here instead (scripts/bundle.mjs).
  globalThis[Symbol.for('rsyncish.import')] ??= (specifier) => import(specifier);
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileBundle(content, filename) {
    if (!filename.endsWith('bundle.cjs')) return compile.call(this, content, filename);
    return runCached(this, content, filename);
  };
}

/**
 * Writes the cache of each bundle compiled without one, with the functions
 * run so far. A cache is only valid under the V8 flags it was made with, so a
 * bundle compiled before a flag changed (tune-heap.ts changes some) is
 * skipped: the next start writes it. Never throws: a cache only saves time.
 */
function save() {
  if (pending.length === 0) return;
  const now = flagState();
  for (const entry of pending.splice(0)) {
    if (!entry.flags.equals(now)) continue;
    try {
      write(entry.file, entry.script.createCachedData());
    } catch {
      // Read-only or full cache directory: run without a cache.
    }
  }
}

function runCached(module, content, filename) {
  const file = cacheFile(filename);
  let cachedData;
  try {
    cachedData = file && fs.readFileSync(file);
  } catch {
    // None yet.
  }
  const script = new vm.Script(Module.wrap(content), { filename, cachedData });
  if (file && (cachedData === undefined || script.cachedDataRejected)) pending.push({ script, file, flags: flagState() });
  const wrapper = script.runInThisContext({ displayErrors: true });
  const require = Module.createRequire(filename);
  return wrapper.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
}

/**
 * Where the cache of a bundle lives: named for its path, then for what makes
 * a cache stale (its size and mtime, Node's version, the flags Node was
 * started with), so a rebuilt bundle or another Node never meets an old cache.
 */
function cacheFile(filename) {
  let stat;
  try {
    stat = fs.statSync(filename);
  } catch {
    return undefined;
  }
  const state = [stat.size, stat.mtimeMs, process.version, process.arch, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('\0');
  return path.join(cacheDir, `${fnv1a(filename)}-${fnv1a(state)}.v8`);
}

/** Written whole, then renamed: starts running side by side read an old cache or a new one. Older caches of the same bundle go. */
function write(file, data) {
  fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  const name = path.basename(file);
  const bundle = name.slice(0, name.indexOf('-') + 1);
  for (const other of fs.readdirSync(cacheDir)) {
    if (other !== name && other.startsWith(bundle) && other.endsWith('.v8')) fs.rmSync(path.join(cacheDir, other), { force: true });
  }
}

/**
 * What V8 checks a cache against besides its source: the code cache of an
 * empty script differs exactly when V8's version or flags do.
 */
function flagState() {
  return new vm.Script('', { filename: 'rsyncish:flag-probe' }).createCachedData();
}

/** oclif's cache directory for rsyncish (RSYNCISH_CACHE_DIR, else the platform's), then code-cache. */
function defaultDir() {
  const home = homedir();
  const base = process.env.RSYNCISH_CACHE_DIR
    ?? (process.platform === 'win32'
      ? path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'rsyncish')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches', 'rsyncish')
        : path.join(process.env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'rsyncish'));
  return path.join(base, 'code-cache');
}

/** 32-bit FNV-1a, hex: a short, stable file name (node:crypto costs a start ~3 ms to load). */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

module.exports = { install, save, defaultDir };
