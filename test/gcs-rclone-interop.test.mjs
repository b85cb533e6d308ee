// rclone's own gcs backend (Debian's rclone 1.60, pointed at the emulator by
// the config section the emulator prints) and rsyncish read each other's
// objects: data, sizes, MD5s and nanosecond modtimes, over a service-account
// login with a key the test generated. One emulator for the file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, runProgram, snapshot, tempDir } from './helpers.mjs';
import { noLocalRclone } from './support/local-rclone.mjs';
import { startGcsRemote, writeServiceAccountKey } from './support/gcs-emulator.mjs';

const dir = tempDir('rsyncish-gcs-rclone-');
let emu;
before(async () => {
  emu = await startGcsRemote(dir);
  const made = await rsyncish(['mkdir', 'gcs:interop'], { config: emu.config });
  assert.equal(made.code, 0, made.stderr);
});
after(async () => {
  await emu?.stop();
});

const rclone = (args) => runProgram('rclone', ['--config', emu.config, ...args]);

const tree = {
  'hello.txt': 'hello from one tool to the other\n',
  'Sub Dir/data.bin': { size: 700_000, seed: 5 },
  'Sub Dir/deeper/ünïcödé name.txt': 'names survive\n',
  'empty.txt': '',
};

/** `size time path` lines of an lsl, sorted: both tools print nanosecond times. */
function lsl(text) {
  return text.trim().split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).sort();
}

function md5Of(path) {
  return createHash('md5').update(readFileSync(path)).digest('hex');
}

test('what rsyncish uploads, rclone lists with the same sizes and modtimes, hashes and reads in ranges', { skip: noLocalRclone }, async () => {
  const src = join(dir, 'from-rsyncish');
  makeTree(src, tree);
  const up = await rsyncish(['copy', src, 'gcs:interop/a'], { config: emu.config });
  assert.equal(up.code, 0, up.stderr);
  const ours = await rsyncish(['lsl', 'gcs:interop/a'], { config: emu.config });
  const theirs = await rclone(['lsl', 'gcs:interop/a']);
  assert.equal(theirs.code, 0, theirs.stderr);
  assert.deepEqual(lsl(theirs.stdout), lsl(ours.stdout));
  const local = await runProgram('rclone', ['lsl', src]);
  assert.deepEqual(lsl(theirs.stdout), lsl(local.stdout), 'rclone reads the modtimes rsyncish wrote');
  const sums = await rclone(['md5sum', 'gcs:interop/a']);
  assert.match(sums.stdout, new RegExp(`${md5Of(join(src, 'Sub Dir/data.bin'))}  Sub Dir/data.bin`));
  const cut = await rclone(['cat', '--offset', '6', '--count', '4', 'gcs:interop/a/hello.txt']);
  assert.equal(cut.stdout, 'from');
});

test('what rclone uploads, rsyncish lists and copies back byte-identical with its modtimes', { skip: noLocalRclone }, async () => {
  const src = join(dir, 'from-rclone');
  makeTree(src, tree, Date.parse('2021-02-03T04:05:06.789Z'));
  const up = await rclone(['copy', src, 'gcs:interop/b']);
  assert.equal(up.code, 0, up.stderr);
  const theirs = await rclone(['lsl', 'gcs:interop/b']);
  const ours = await rsyncish(['lsl', 'gcs:interop/b'], { config: emu.config });
  assert.equal(ours.code, 0, ours.stderr);
  assert.deepEqual(lsl(ours.stdout), lsl(theirs.stdout));
  const back = join(dir, 'back');
  const down = await rsyncish(['copy', 'gcs:interop/b', back], { config: emu.config });
  assert.equal(down.code, 0, down.stderr);
  assert.deepEqual(snapshot(back), snapshot(src));
});

test('copyto and delete by one tool are seen by the other; rsyncish copies server-side', { skip: noLocalRclone }, async () => {
  const src = join(dir, 'one');
  makeTree(src, { 'f.bin': { size: 300_000, seed: 9 } });
  assert.equal((await rclone(['copyto', join(src, 'f.bin'), 'gcs:interop/c/f.bin'])).code, 0);
  const before = (await emu.control('GET', 'stats')).rewriteCalls;
  const copied = await rsyncish(['copyto', 'gcs:interop/c/f.bin', 'gcs:interop/c/g.bin'], { config: emu.config });
  assert.equal(copied.code, 0, copied.stderr);
  assert.equal((await emu.control('GET', 'stats')).rewriteCalls, before + 1, 'one rewrite call, no bytes through rsyncish');
  const sums = await rclone(['md5sum', 'gcs:interop/c']);
  const want = md5Of(join(src, 'f.bin'));
  assert.deepEqual(sums.stdout.trim().split('\n').sort(), [`${want}  f.bin`, `${want}  g.bin`]);
  assert.equal((await rclone(['delete', 'gcs:interop/c/f.bin'])).code, 0);
  const left = await rsyncish(['lsf', 'gcs:interop/c'], { config: emu.config });
  assert.equal(left.stdout, 'g.bin\n');
  const gone = await rsyncish(['deletefile', 'gcs:interop/c/g.bin'], { config: emu.config });
  assert.equal(gone.code, 0, gone.stderr);
  assert.equal((await rclone(['lsf', 'gcs:interop/c'])).stdout, '');
});

test('a service account the server does not know is refused with one error line naming it', async () => {
  const stranger = join(dir, 'stranger.json');
  writeServiceAccountKey(stranger, { email: 'stranger@demo-e2e.iam.gserviceaccount.com', tokenUri: `${emu.url}/token` });
  const r = await rsyncish(['lsf', 'gcs:interop'], { config: emu.config, env: { RSYNCISH_GCS_SERVICE_ACCOUNT_FILE: stranger } });
  // Exit 7: authorization refused, which more retries won't fix (docs/exit-codes.md).
  assert.equal(r.code, 7, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^ERROR : service account stranger@demo-e2e\.iam\.gserviceaccount\.com: the token endpoint refused the key: .*Invalid JWT Signature.* \(hint: .+\)$/);
});
