// What scripts/bundle.mjs builds, and which of those are older than their
// package's last `tsc -b`. CommonJS so that packages/cli/bin/run.cjs can ask
// at every start of a checkout with one cheap require, and load the bundler
// (an ES module, ~5 ms more per start) only when something is stale.
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');

const repo = join(__dirname, '..');

/** What each bundled package builds: `out` is imported in place of `entry` by those who use the package. */
const BUNDLES = {
  core: {
    dir: 'packages/core',
    entry: 'dist/index.js',
    out: 'dist/bundle.cjs',
    external: [],
  },
  ...Object.fromEntries(['local', 'amazon-cloud-drive', 's3', 'swift'].map((name) => [name, {
    dir: `plugins/${name}`,
    // What package.json names as the plugin's rsyncish:backends hook.
    entry: 'dist/hooks/backends.js',
    out: 'dist/hooks/backends.bundle.cjs',
    // The native addon is optional, found at run time if installed.
    external: ['@rsyncish/core', '@rsyncish/file-times-native'],
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
  },
};

/**
 * The bundles to rebuild: in a source checkout `npx tsc -b` alone can change
 * dist/ after a bundle was written; tsconfig.tsbuildinfo changes with every
 * build and exists only in a checkout, so a bundle older than it is stale.
 */
function staleBundles() {
  return Object.keys(BUNDLES).filter((name) => {
    const dir = join(repo, BUNDLES[name].dir);
    const built = mtime(join(dir, 'tsconfig.tsbuildinfo'));
    return built !== undefined && (mtime(join(dir, BUNDLES[name].out)) ?? 0) < built;
  });
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

module.exports = { BUNDLES, repo, staleBundles };
