#!/usr/bin/env node
// The CLI from a source checkout (`npm run dev -- <args>` at the top): first
// compiles what changed (tsc -b), rebundles every bundle older than its
// sources and rewrites a stale oclif.manifest.json, then runs exactly as the
// published entry (bin/run.cjs). Build output goes to stderr, so a command's
// stdout stays its own.
'use strict';
const { spawnSync } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const cli = join(__dirname, '..');
const repo = join(cli, '..', '..');

async function build() {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc', { paths: [repo] }), '-b', repo], {
    stdio: ['ignore', 2, 2],
  });
  if (tsc.status !== 0) {
    process.stderr.write('ERROR : the TypeScript build failed (above); fix it, then run again\n');
    process.exit(1);
  }
  const { staleBundles } = require(join(repo, 'scripts', 'bundles.cjs'));
  const stale = staleBundles();
  if (stale.length > 0) {
    const { bundle } = await import(pathToFileURL(join(repo, 'scripts', 'bundle.mjs')).href);
    for (const name of stale) await bundle(name);
  }
  if ((mtime('oclif.manifest.json') ?? 0) < (mtime(join('dist', 'bundle.cjs')) ?? Infinity)) {
    const { writeManifest } = await import(pathToFileURL(join(cli, 'scripts', 'write-manifest.mjs')).href);
    await writeManifest(cli);
  }
}

function mtime(file) {
  try {
    return statSync(join(cli, file)).mtimeMs;
  } catch {
    return undefined;
  }
}

build().then(() => require('./run.cjs'), (err) => {
  process.stderr.write(`ERROR : the dev build failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
