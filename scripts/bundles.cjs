// What scripts/bundle.mjs builds, and which of those are older than their
// sources. CommonJS so that the dev entry (packages/cli/bin/dev.cjs) can ask
// with one require.
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const repo = join(__dirname, '..');

/**
 * What each bundled package builds: `out` is imported in place of `entry` by
 * those who use the package. `lazy` names modules the package imports
 * dynamically that get a bundle of their own (the module's path with
 * `.bundle.cjs` for `.js`), read from disk only when first imported: a start
 * reads the backends' definitions, never their implementations, and core
 * without its HTTP client. Whatever a lazy module imports statically is
 * copied into its bundle, so a lazy module must not share state (a cache, a
 * class matched with instanceof) with the bundle that imports it.
 */
const BUNDLES = {
  core: {
    dir: 'packages/core',
    entry: 'dist/index.js',
    out: 'dist/bundle.cjs',
    external: [],
    lazy: ['dist/http/undici-lite.js', 'dist/http/proxy-agent.js'],
  },
  ...Object.fromEntries([
    ['local', 'dist/local-backend.js'],
    ['amazon-cloud-drive', 'dist/open-acd.js'],
    ['google-drive', 'dist/open-drive.js'],
    ['dropbox', 'dist/open-dropbox.js'],
    ['s3', 'dist/open-s3.js'],
    ['swift', 'dist/open-swift.js'],
    ['google-cloud-storage', 'dist/open-gcs.js'],
  ].map(([name, implementation]) => [name, {
    dir: `plugins/${name}`,
    // What package.json names as the plugin's rsyncish:backends hook.
    entry: 'dist/hooks/backends.js',
    out: 'dist/hooks/backends.bundle.cjs',
    // The native addon is optional, found at run time if installed.
    external: ['@rsyncish/core', '@rsyncish/file-times-native'],
    lazy: [implementation],
  }])),
  cli: {
    dir: 'packages/cli',
    entry: 'dist/cli/main.js',
    out: 'dist/bundle.cjs',
    // Plugins, built-in or installed, are loaded by oclif from their own folders.
    external: ['@rsyncish/*', '@oclif/plugin-*'],
    // oclif checks the Node version against its own engines field at every
    // start, loading semver to do it (~10 ms); npm checks ours at install.
    define: { 'process.env.OCLIF_DISABLE_ENGINE_WARNING': '"1"' },
    // Modules used in place of a package everywhere in the bundle, but in the substitute itself.
    substitute: { minimatch: 'scripts/shims/minimatch-literal.cjs' },
  },
};

/**
 * The bundles older than what they are built from: the package's TypeScript
 * sources (src/) and tsc's last output (tsconfig.tsbuildinfo changes with
 * every emit). A missing bundle is stale.
 */
function staleBundles(root = repo) {
  return Object.keys(BUNDLES).filter((name) => {
    const dir = join(root, BUNDLES[name].dir);
    const sources = Math.max(newest(join(dir, 'src')), mtime(join(dir, 'tsconfig.tsbuildinfo')) ?? 0);
    const written = outputsOf(BUNDLES[name]).map((out) => mtime(join(dir, out)) ?? 0);
    return Math.min(...written) < sources;
  });
}

/** The files a bundle writes, relative to its package: `out`, then each lazy module's bundle. */
function outputsOf(spec) {
  return [spec.out, ...(spec.lazy ?? []).map(lazyOutOf)];
}

/** Where the bundle of lazy module `entry` goes: beside it, `.bundle.cjs` for `.js`. */
function lazyOutOf(entry) {
  return entry.replace(/\.js$/, '.bundle.cjs');
}

/** The latest mtime of any file below `dir` (0 when there is none). */
function newest(dir) {
  let latest = 0;
  let names;
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return latest;
  }
  for (const entry of names) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : mtime(path) ?? 0);
  }
  return latest;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

module.exports = { BUNDLES, repo, staleBundles, newest, outputsOf, lazyOutOf };
