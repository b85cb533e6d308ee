#!/usr/bin/env node
// The rsyncish entry point, as published: it runs what was built and never
// builds anything (a checkout has bin/dev.cjs for that). Kept tiny so
// --version starts fast; everything
// else is one bundled module (dist/bundle.cjs, written by scripts/bundle.mjs),
// loaded with Node's compile cache on where Node has one (./compile-cache.cjs).
// CommonJS on purpose: an ES module entry costs Node ~15 ms more to start
// (its module loader), which --version alone would pay for nothing.
'use strict';
const { readFileSync } = require('node:fs');
const { release } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const argv = process.argv.slice(2);
const root = join(__dirname, '..');

if (argv[0] === '--version' && !onWsl()) {
  printVersion();
} else {
  main().catch((err) => {
    // Only a broken install gets here: the CLI reports every other failure itself.
    process.stderr.write(`ERROR : cannot start rsyncish: ${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write('hint: reinstall it, or run "npm run build" in a source checkout\n');
    process.exitCode = 1;
  });
}

/**
 * `--version` needs nothing but package.json, and loading oclif is most of a
 * start-up, so it is answered here, in oclif's own format (its userAgent).
 */
function printVersion() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const arch = process.arch === 'ia32' ? 'x86' : process.arch;
  process.stdout.write(`${name}/${version} ${process.platform}-${arch} node-${process.version}\n`);
}

/** oclif reports WSL as its own platform ("wsl"); there --version is left to it. */
function onWsl() {
  return process.platform === 'linux' && release().toLowerCase().includes('microsoft');
}

async function main() {
  plainUnlessTerminal();
  require('./compile-cache.cjs').enableCompileCache();
  // One file: oclif, the commands and their helpers (scripts/bundle.mjs).
  const { main: runCli } = require('../dist/bundle.cjs');
  await runCli(argv, pathToFileURL(__filename).href);
}

/**
 * oclif's colour library turns colour on whenever CI is set, even into a pipe
 * or a log file; like rclone, rsyncish colours only a terminal. FORCE_COLOR
 * still wins for those who want escapes in a pipe.
 */
function plainUnlessTerminal() {
  if (process.env.FORCE_COLOR !== undefined) return;
  if (!process.stdout.isTTY && !process.stderr.isTTY) process.env.NO_COLOR = '1';
}
