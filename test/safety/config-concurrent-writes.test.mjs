// Concurrent runs that write the config file: each takes <file>.lock, re-reads the
// file under it and adds its change, so no run's update is lost.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, rsyncish, startRsyncish, tempDir } from '../helpers.mjs';

const CORE = join(ROOT, 'packages/core/dist/bundle.cjs');
const holders = [];
after(() => {
  for (const h of holders) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
});

function configWithOneRemote() {
  const dir = tempDir();
  const config = join(dir, 'rsyncish.conf');
  writeFileSync(config, '[existing]\ntype = local\n');
  chmodSync(config, 0o600);
  return { dir, config };
}

/** A process that takes the config file's lock and keeps it until told (a line on stdin) or killed. */
async function holdLock(config) {
  const script = `
    const { withFileLock } = require(${JSON.stringify(CORE)});
    withFileLock(${JSON.stringify(config)}, () => new Promise((release) => {
      process.stdout.write('locked\\n');
      process.stdin.once('data', release);
    })).then(() => process.exit(0));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  holders.push(child);
  child.closed = exited(child);
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code} before locking`)));
  });
  return child;
}

function waitForText(stream, text) {
  let seen = '';
  return new Promise((resolve) => {
    stream.on('data', (d) => {
      seen += d;
      if (seen.includes(text)) resolve(seen);
    });
  });
}

function exited(child) {
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

test('twenty concurrent config create runs all exit 0 and all twenty remotes are saved', async () => {
  const { dir, config } = configWithOneRemote();
  const names = Array.from({ length: 20 }, (_, i) => `r${i}`);
  const runs = await Promise.all(names.map((n) => rsyncish(['config', 'create', n, 'local', 'copy_links=true'], { config })));
  runs.forEach((r, i) => assert.equal(r.code, 0, `${names[i]}: ${r.stderr}`));

  const listed = await rsyncish(['listremotes'], { config });
  assert.deepEqual(listed.stdout.split('\n').filter(Boolean).sort(), ['existing:', ...names.map((n) => `${n}:`)].sort());
  const text = readFileSync(config, 'utf8');
  for (const n of names) assert.ok(text.includes(`[${n}]\ntype = local\ncopy_links = true\n`), `section ${n} whole`);
  assert.equal(statSync(config).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir), ['rsyncish.conf'], 'no lock file or temp file left');
});

test('a run waits for a live lock holder, says so, and saves its remote once the lock is released', async () => {
  const { config } = configWithOneRemote();
  const holder = await holdLock(config);
  const create = startRsyncish(['config', 'create', 'late', 'local'], { config });
  const createClosed = exited(create);
  const stderr = await waitForText(create.stderr, 'to finish writing the config file');
  assert.match(stderr, new RegExp(`NOTICE: waiting for process ${holder.pid} to finish writing the config file \\(lock ${config}\\.lock; up to 30 s\\)`));
  assert.ok(!readFileSync(config, 'utf8').includes('[late]'), 'nothing written while the lock is held');
  holder.stdin.write('release\n');
  assert.equal(await createClosed, 0);
  assert.equal(await holder.closed, 0);
  assert.match(readFileSync(config, 'utf8'), /\[existing\]\ntype = local\n\n\[late\]\ntype = local\n/);
  assert.equal(existsSync(`${config}.lock`), false);
});

test('a lock left by a killed process does not block the next run', async () => {
  const { config } = configWithOneRemote();
  const holder = await holdLock(config);
  holder.kill('SIGKILL');
  await holder.closed;
  assert.ok(existsSync(`${config}.lock`), 'the killed holder left its lock');
  const r = await rsyncish(['config', 'create', 'after', 'local'], { config });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /waiting/, 'a dead holder is not waited for');
  assert.deepEqual((await rsyncish(['listremotes'], { config })).stdout.split('\n').filter(Boolean), ['existing:', 'after:']);
  assert.equal(existsSync(`${config}.lock`), false);
});
