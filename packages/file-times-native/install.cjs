#!/usr/bin/env node
// Builds the addon at install. Node's own headers (include/node beside the
// node binary, which official builds and Debian's package ship) are used when
// they are there, so nothing is downloaded; node-gyp fetches them otherwise.
// A failed build does not fail the install: the package then says it is
// unavailable (index.cjs) and the local backend sets times to the microsecond.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const prefix = path.resolve(path.dirname(process.execPath), '..');
const args = ['rebuild'];
if (existsSync(path.join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);
// npm names its own node-gyp during lifecycle scripts.
const gyp = process.env.npm_config_node_gyp;
const result = gyp
  ? spawnSync(process.execPath, [gyp, ...args], { stdio: 'inherit' })
  : spawnSync('node-gyp', args, { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.error) console.error(`cannot run node-gyp: ${result.error.message} (run this through npm, which provides it)`);
if (result.status !== 0) {
  console.error('@rsyncish/file-times-native: not built (see above); rsyncish sets local modtimes to the microsecond instead');
}
