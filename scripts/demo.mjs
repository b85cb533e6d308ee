#!/usr/bin/env node
// npm run demo: the main job end to end, with nothing but this clone.
// Copies docs/ to a temporary folder with the built CLI, lists it, checks it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/run.js');
const work = mkdtempSync(join(tmpdir(), 'rsyncish-demo-'));
const env = { ...process.env, RSYNCISH_CONFIG: join(work, 'rsyncish.conf') };
writeFileSync(env.RSYNCISH_CONFIG, '', { mode: 0o600 });

function rsyncish(...args) {
  console.log(`\n$ rsyncish ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`demo: "rsyncish ${args.join(' ')}" exited ${r.status}`);
    rmSync(work, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
}

const docs = join(root, 'docs');
const dst = join(work, 'backup');
try {
  rsyncish('copy', docs, dst);
  rsyncish('lsd', dst);
  rsyncish('ls', dst);
  rsyncish('copy', docs, dst);
  console.log('\nThe second copy found everything up to date.');
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('\ndemo: OK');
