// Acceptance 3: an independent ACD client. Debian's rclone 1.60 with its
// `amazon cloud drive` backend reads what rsyncish uploaded, and rsyncish reads
// what rclone uploaded, through the same emulator (rclone reaches the fixed
// discovery URL through test/support/tls-proxy.mjs; everything stays on 127.0.0.1).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { createAcdRemote, startEmulatorProcess } from './support/acd-processes.mjs';
import { rcloneMissing as missing, startRcloneAcd } from './support/rclone-acd.mjs';

let emu;
let rc;
const dir = tempDir('rsyncish-acd-rclone-');
const config = join(dir, 'rsyncish.conf');

before(async () => {
  if (missing) return;
  emu = await startEmulatorProcess(['--auto-approve']);
  rc = await startRcloneAcd(emu, dir);
  await createAcdRemote(emu, config, 'remote');
});
after(async () => {
  await rc?.close();
  await emu?.stop();
});

const rclone = (args) => rc.rclone(args);

const tree = {
  'hello.txt': 'hello from rsyncish\n',
  'Sub Dir/data.bin': { size: 300_000, seed: 11 },
  'Sub Dir/deeper/ünïcödé name.txt': 'names survive\n',
  'empty.txt': '',
};

test('files uploaded by rsyncish are listed and downloaded byte-identical by rclone\'s acd backend', { skip: missing }, async () => {
  const src = join(dir, 'from-rsyncish');
  makeTree(src, tree);
  const up = await rsyncish(['copy', src, 'remote:made-by-rsyncish', '-q'], { config });
  assert.equal(up.code, 0, up.stderr);
  const ls = await rclone(['ls', 'rc:made-by-rsyncish']);
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.trim()).sort(), [
    '0 empty.txt', '14 Sub Dir/deeper/ünïcödé name.txt', '20 hello.txt', '300000 Sub Dir/data.bin',
  ]);
  const sums = await rclone(['md5sum', 'rc:made-by-rsyncish']);
  assert.equal(sums.code, 0, sums.stderr);
  const back = join(dir, 'rclone-got');
  const down = await rclone(['copy', 'rc:made-by-rsyncish', back]);
  assert.equal(down.code, 0, down.stderr);
  const want = snapshot(src);
  const got = snapshot(back);
  assert.deepEqual(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v.md5])), Object.fromEntries(Object.entries(want).map(([k, v]) => [k, v.md5])));
  for (const line of sums.stdout.trim().split('\n')) {
    const [sum, ...name] = line.split('  ');
    assert.equal(sum, want[name.join('  ')].md5, line);
  }
  assert.deepEqual(rc.proxy.refused, [], 'rclone asked the proxy for nothing but drive.amazonaws.com');
});

test('files uploaded by rclone are read correctly by rsyncish', { skip: missing }, async () => {
  const src = join(dir, 'from-rclone');
  makeTree(src, { ...tree, 'hello.txt': 'hello from rclone\n' });
  const up = await rclone(['copy', src, 'rc:made-by-rclone']);
  assert.equal(up.code, 0, up.stderr);
  const ls = await rsyncish(['ls', 'remote:made-by-rclone'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.trim()).sort(), [
    '0 empty.txt', '14 Sub Dir/deeper/ünïcödé name.txt', '18 hello.txt', '300000 Sub Dir/data.bin',
  ]);
  const back = join(dir, 'rsyncish-got');
  const down = await rsyncish(['copy', 'remote:made-by-rclone', back, '-q'], { config });
  assert.equal(down.code, 0, down.stderr);
  const strip = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.md5]));
  assert.deepEqual(strip(snapshot(back)), strip(snapshot(src)));
  const check = await rsyncish(['check', src, 'remote:made-by-rclone', '--stats', '0'], { config });
  assert.equal(check.code, 0, check.stderr);
  assert.equal(readFileSync(join(back, 'hello.txt'), 'utf8'), 'hello from rclone\n');
});
