#!/usr/bin/env node
// Runs every test file of the monorepo in one node:test run, so CI sees one
// summary: unit tests compiled into each package's dist/ (or kept in its
// test/), and the end-to-end tests in test/. `node scripts/run-tests.mjs
// [filter...]` runs only files whose path contains a filter; a filter
// starting with ! leaves out the files whose path contains the rest.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

// The backend conformance suite's memory check collects garbage before each
// sample; test files inherit this process's Node flags, so start it with gc().
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);
const wanted = filters.filter((f) => !f.startsWith('!'));
const unwanted = filters.filter((f) => f.startsWith('!')).map((f) => f.slice(1));

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.(m?js)$/.test(name)) out.push(p);
  }
  return out;
}

const files = [];
for (const group of ['packages', 'plugins']) {
  for (const pkg of readdirSync(join(root, group))) {
    walk(join(root, group, pkg, 'dist'), files);
    // Packages without a build step (the native addon) keep their tests in test/.
    walk(join(root, group, pkg, 'test'), files);
  }
}
walk(join(root, 'test'), files);
const selected = files.filter((f) => {
  const path = relative(root, f);
  return (wanted.length === 0 || wanted.some((w) => path.includes(w))) && !unwanted.some((u) => path.includes(u));
}).sort();
if (selected.length === 0) {
  console.error(`no test files found${filters.length > 0 ? ` matching ${filters.join(' ')}` : ''}; did the build run?`);
  process.exit(1);
}

let failed = false;
const stream = run({ files: selected, concurrency: 2, timeout: 10 * 60_000 });
stream.on('test:fail', (data) => {
  // Subtest failures bubble up to their file; count any failure.
  if (!data.todo) failed = true;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  process.exitCode = failed ? 1 : 0;
});
