// Start-up without re-parsing the bundles: Node 22.1+ keeps V8's compiled
// code of every module loaded after enableCompileCache() in a folder and
// checks each entry against the module's source and Node's version. Node 20
// has no such API and simply compiles at every start.
'use strict';
const { homedir } = require('node:os');
const path = require('node:path');

/** Turn Node's compile cache on where this Node has it; never throws (a cache only saves time). */
function enableCompileCache(dir = defaultDir()) {
  const { enableCompileCache: enable } = require('node:module');
  if (typeof enable !== 'function' || dir === undefined) return;
  try {
    // A folder that cannot be made or written means no cache, nothing more.
    // NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch).
    enable(dir);
  } catch {
    // Never an error for the user.
  }
}

/**
 * $RSYNCISH_CACHE_DIR, else the platform's cache folder, then compile-cache;
 * undefined without a home. Never a shared temporary folder: compiled code
 * read from a folder another user could write would run as ours.
 */
function defaultDir() {
  const base = process.env.RSYNCISH_CACHE_DIR ?? platformCacheDir();
  return base === undefined ? undefined : path.join(base, 'compile-cache');
}

function platformCacheDir() {
  const home = process.env.HOME || process.env.USERPROFILE || homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'rsyncish');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'rsyncish');
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return path.join(xdg, 'rsyncish');
  return home ? path.join(home, '.cache', 'rsyncish') : undefined;
}

module.exports = { enableCompileCache, defaultDir };
