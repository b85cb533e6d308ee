// The listing commands on Amazon Cloud Drive (the emulator), compared with
// Debian's rclone and its acd backend on the same drive: lsjson (with ACD's
// node ids, MIME types and second-precision times), lsf, tree, md5sum. about
// reads the account's quota and usage, which rclone 1.60's acd cannot.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, makeTree, rsyncish, tempDir } from './helpers.mjs';
import { createAcdRemote, startEmulatorProcess } from './support/acd-processes.mjs';
import { rcloneMissing as missing, startRcloneAcd } from './support/rclone-acd.mjs';

let emu;
let rc;
const dir = tempDir('rsyncish-listing-acd-');
const config = join(dir, 'rsyncish.conf');
const src = join(dir, 'src');

before(async () => {
  emu = await startEmulatorProcess(['--auto-approve']);
  await createAcdRemote(emu, config, 'remote');
  makeTree(src, { 'a.txt': 'hello', 'page.html': '<p>hi</p>', 'pic.jpg': 'jpeg', 'sub/b.bin': 'x'.repeat(2000), 'sub/deep/c': 'c', 'empty/': '' });
  const up = await rsyncish(['copy', '--create-empty-src-dirs', src, 'remote:data', '-q'], { config });
  assert.equal(up.code, 0, up.stderr);
  if (!missing) rc = await startRcloneAcd(emu, dir);
});
after(async () => {
  await rc?.close();
  await emu?.stop();
});

const ours = (args) => rsyncish(args, { config });
const lineSet = (s) => s.split('\n').map((l) => l.replace(/,$/, '')).sort().join('\n');

async function compare(args, { sorted = false } = {}) {
  const a = await ours(args.map((x) => x.replace('@', 'remote:')));
  const b = await rc.rclone(args.map((x) => x.replace('@', 'rc:')));
  assert.equal(a.code, b.code, `${args.join(' ')}: exit ${a.code}, rclone ${b.code}\n${a.stderr}\n${b.stderr}`);
  // On failure rclone has already printed lsjson's opening "[": only the exit code is compared then.
  if (a.code !== 0) return a;
  assert.equal(sorted ? lineSet(a.stdout) : a.stdout, sorted ? lineSet(b.stdout) : b.stdout, args.join(' '));
  return a;
}

test('lsjson, lsf, tree and md5sum of an ACD folder print what rclone\'s acd backend prints', { skip: missing }, async () => {
  const listed = await compare(['lsjson', '@data']);
  const items = JSON.parse(listed.stdout);
  assert.ok(items.every((i) => typeof i.ID === 'string' && i.ID !== ''), 'every item carries its node id');
  assert.match(items.find((i) => i.Name === 'a.txt').ModTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'seconds: ACD keeps no settable modtime');
  await compare(['lsjson', '-R', '--hash', '@data'], { sorted: true });
  await compare(['lsjson', '--stat', '@data/a.txt']);
  await compare(['lsf', '-R', '--format', 'pstihm', '@data'], { sorted: true });
  await compare(['tree', '-s', '@data']);
  await compare(['md5sum', '@data'], { sorted: true });
  const nope = await compare(['lsjson', '@data/nope']);
  assert.equal(nope.stderr.trim().split('\n').length, 1, nope.stderr);
});

test('about of an ACD remote reports the emulator\'s quota, use and object count', async () => {
  const r = await ours(['about', '--json', 'remote:']);
  assert.equal(r.code, 0, r.stderr);
  const usage = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(usage), ['total', 'used', 'free', 'objects']);
  assert.equal(usage.total, 5 * 1024 ** 4, 'the emulator\'s quota');
  assert.equal(usage.used, 5 + 9 + 4 + 2000 + 1, 'the bytes of the files uploaded');
  assert.equal(usage.free, usage.total - usage.used);
  assert.equal(usage.objects, 5);
  const text = await ours(['about', 'remote:']);
  // rclone's units: 2019 bytes is 1.972 KiB, and 5 TiB less them rounds (as Go's %.3f) to 5.000 TiB.
  assert.equal(text.stdout, 'Total:   5 TiB\nUsed:    1.972 KiB\nFree:    5.000 TiB\nObjects: 5\n');
});

test('rcat, deletefile and touch on ACD: stdin stored whole, one file removed, modtimes refused', async () => {
  const input = join(dir, 'stdin');
  writeFileSync(input, 'from a pipe\n');
  const stored = await new Promise((resolve, reject) => {
    const child = spawn(CLI, ['rcat', 'remote:data/piped.txt'], { env: { ...process.env, RSYNCISH_CONFIG: config }, stdio: [openSync(input, 'r'), 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  assert.equal(stored.code, 0, stored.stderr);
  assert.equal((await ours(['cat', 'remote:data/piped.txt'])).stdout, 'from a pipe\n');
  const gone = await ours(['deletefile', 'remote:data/piped.txt']);
  assert.equal(gone.code, 0, gone.stderr);
  assert.equal((await ours(['lsf', 'remote:data'])).stdout.includes('piped.txt'), false);
  const refusedDir = await ours(['deletefile', 'remote:data/sub']);
  assert.equal(refusedDir.code, 1);
  const touched = await ours(['touch', 'remote:data/a.txt']);
  assert.equal(touched.code, 1);
  assert.match(touched.stderr, /^ERROR : failed to touch: .* can't set modified time \(hint: /);
  assert.equal(touched.stderr.trim().split('\n').length, 1);
});

test('rclone 1.60\'s acd backend has no about; rsyncish\'s does', { skip: missing }, async () => {
  const theirs = await rc.rclone(['about', 'rc:']);
  assert.notEqual(theirs.code, 0);
  assert.match(theirs.stderr, /doesn't support about/);
});
