// The server dies while files are being downloaded from it: the run fails
// promptly with a retryable error naming the URL (exit 5), and every file at
// the destination is either absent or complete.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTree, rsyncish, startRsyncish, tempDir } from '../helpers.mjs';
import { exited, startAcdProcessRemote } from './support/emulator-remote.mjs';

const sha = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');
const listing = (dir) => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

/** An emulator process holding `spec` under `data/`, uploaded by the CLI, and the source hashes. */
async function emulatorWith(spec) {
  const dir = tempDir('rsyncish-death-');
  const { emu, config } = await startAcdProcessRemote(dir);
  makeTree(join(dir, 'src'), spec);
  const up = await rsyncish(['copy', join(dir, 'src'), 'acd:data', '-q'], { config });
  assert.equal(up.code, 0, up.stderr);
  const hashes = Object.fromEntries(Object.keys(spec).map((name) => [name, sha(join(dir, 'src', name))]));
  return { dir, emu, config, hashes };
}

/** Every name at `dst` is one of the source files with all of its bytes. */
function assertAbsentOrComplete(dst, hashes) {
  for (const name of listing(dst)) {
    assert.ok(name in hashes, `unexpected file left at the destination: ${name}`);
    assert.equal(sha(join(dst, name)), hashes[name], `${name} is at the destination but not complete`);
  }
}

const running = [];
after(async () => {
  for (const emu of running) await emu.stop();
});

test('a server killed mid-download: the error names the URL with a hint, exit 5, nothing half-written', async () => {
  const { dir, emu, config, hashes } = await emulatorWith({ 'big.bin': { size: 96 << 20, seed: 3 } });
  running.push(emu);
  const dst = join(dir, 'dst');
  const child = startRsyncish(['copy', 'acd:data', dst, '--transfers', '1', '--low-level-retries', '1', '--retries', '1'], { config });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const done = exited(child);
  // Freeze the server as soon as the download has begun writing, so it is
  // certainly mid-body when it dies; then kill it.
  for (;;) {
    const partial = listing(dst).find((n) => n.endsWith('.partial'));
    if (partial && statSync(join(dst, partial)).size > 0) break;
    assert.equal(child.exitCode, null, `the copy ended before the server was killed: ${stderr}`);
    await sleep(5);
  }
  emu.child.kill('SIGSTOP');
  emu.child.kill('SIGKILL');
  const { code } = await done;
  assert.equal(code, 5, stderr);
  // rclone's run loop ends with "Attempt 1/1 failed ..." (no hint: it sums up the lines above).
  const lines = stderr.trim().split('\n').filter((l) => /ERROR : /.test(l) && !/ERROR : Attempt 1\/1 failed/.test(l));
  assert.ok(lines.length >= 1, stderr);
  for (const line of lines) {
    assert.match(line, new RegExp(`GET ${emu.url}/cdproxy/nodes/[\\w-]+/content: the reply broke off: .*\\((UND_ERR_SOCKET|ECONNRESET)\\)`), line);
    assert.match(line, new RegExp(`\\(hint: check that the server at ${emu.url} is still running`), line);
  }
  assert.doesNotMatch(stderr, /other side closed \[/);
  assertAbsentOrComplete(dst, hashes);
});

test('20 files from a server killed mid-run with --low-level-retries 1 --retries 1: no retries, exit 5, each file absent or complete', async () => {
  const spec = {};
  for (let i = 0; i < 20; i++) spec[`f${String(i).padStart(2, '0')}.bin`] = { size: 4 << 20, seed: i + 1 };
  const { dir, emu, config, hashes } = await emulatorWith(spec);
  running.push(emu);
  const dst = join(dir, 'dst');
  const child = startRsyncish(['copy', 'acd:data', dst, '--transfers', '2', '--low-level-retries', '1', '--retries', '1', '-v'], { config });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    // The first file is in: the server dies with the rest still to come.
    if (/: Copied \(new\)/.test(stderr) && emu.child.exitCode === null && emu.child.signalCode === null) {
      emu.child.kill('SIGSTOP');
      emu.child.kill('SIGKILL');
    }
  });
  const { code } = await exited(child);
  assert.equal(code, 5, stderr);
  assert.equal(stderr.match(/low level retry/g), null, 'one attempt per call means no retry');
  // One run: rclone's loop says the only attempt failed, and makes no other.
  assert.deepEqual(stderr.match(/Attempt \d+\/\d+ \w+/g), ['Attempt 1/1 failed'], 'one run means no run retry');
  const copied = listing(dst);
  assert.ok(copied.length >= 1 && copied.length < 20, `${copied.length} files copied`);
  assertAbsentOrComplete(dst, hashes);
  const failed = stderr.split('\n').filter((l) => / ERROR : f\d+\.bin: Failed to copy: /.test(l));
  assert.equal(failed.length, 20 - copied.length, stderr);
  for (const line of failed) assert.match(line, new RegExp(`${emu.url}.*\\(hint: check that the server at ${emu.url} is`), line);
  assert.match(stderr.trim().split('\n').at(-1), /^ERROR : failed to copy(:| with \d+ errors: last error was:) .*\(hint: /);
});
