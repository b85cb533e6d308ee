// Local modtimes to the nanosecond, as rclone keeps them: what rsyncish copies
// rclone finds up to date, and what rclone copies rsyncish finds up to date.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { rsyncish, tempDir } from './helpers.mjs';

const rcloneMissing = spawnSync('rclone', ['version'], { stdio: 'ignore' }).status === 0 ? undefined : 'rclone is not installed';

// Times with digits below the microsecond, which Node's utimes cannot store.
const TIMES = {
  'a.txt': '1709287200.123456789',
  'dir/b.txt': '1709287201.000000001',
  'dir/c d.txt': '1709287202.999999999',
  'whole.txt': '1709287203.500000000',
};

/** A source tree whose files carry the nanosecond TIMES (set with GNU touch, as a user would). */
function sourceTree() {
  const root = tempDir('rsyncish-ns-src-');
  for (const [rel, t] of Object.entries(TIMES)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), `content of ${rel}\n`);
    const touched = spawnSync('touch', ['-d', `@${t}`, join(root, rel)]);
    assert.equal(touched.status, 0, String(touched.stderr));
  }
  return root;
}

/** A copy of sourceTree's files with the same nanosecond TIMES, except those in `times`. */
function copyWithTimes(src, times = {}) {
  const dst = join(tempDir('rsyncish-ns-dst-'), 'd');
  cpSync(src, dst, { recursive: true });
  for (const [rel, t] of Object.entries({ ...TIMES, ...times })) spawnSync('touch', ['-d', `@${t}`, join(dst, rel)]);
  return dst;
}

const mtimeNs = (p) => statSync(p, { bigint: true }).mtimeNs;
const nsOf = (t) => BigInt(t.replace('.', ''));

function rclone(args) {
  const r = spawnSync('rclone', [...args, '--config', '/dev/null'], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

// What rclone logs when a file would be copied or its modtime corrected.
const RCLONE_WORK = /Skipped (copy|update modification time)|Copied|Updated modification time|Not (copying|deleting)/;

test('lsl prints local modtimes to the nanosecond, line for line as rclone lsl', { skip: rcloneMissing }, async () => {
  const src = sourceTree();
  const ours = await rsyncish(['lsl', src]);
  assert.equal(ours.code, 0, ours.stderr);
  assert.match(ours.stdout, /:00\.123456789 a\.txt/);
  const theirs = rclone(['lsl', src]);
  assert.equal(theirs.code, 0, theirs.out);
  const sorted = (text) => text.trim().split('\n').sort();
  assert.deepEqual(sorted(ours.stdout), sorted(theirs.out.split('\n').filter((l) => !l.includes('NOTICE')).join('\n')));
});

test('after rsyncish copy, the modtimes are exact and rclone check and sync --dry-run find nothing to do', { skip: rcloneMissing }, async () => {
  const src = sourceTree();
  const dst = join(tempDir('rsyncish-ns-dst-'), 'd');
  const r = await rsyncish(['copy', src, dst]);
  assert.equal(r.code, 0, r.stderr);
  for (const [rel, t] of Object.entries(TIMES)) assert.equal(mtimeNs(join(dst, rel)), nsOf(t), rel);
  const check = rclone(['check', src, dst]);
  assert.equal(check.code, 0, check.out);
  assert.match(check.out, /0 differences found/);
  const dry = rclone(['sync', src, dst, '--dry-run', '-v']);
  assert.equal(dry.code, 0, dry.out);
  assert.doesNotMatch(dry.out, RCLONE_WORK);
  assert.match(dry.out, /There was nothing to transfer/);
});

test('after rclone copy, rsyncish check and sync --dry-run find nothing to do', { skip: rcloneMissing }, async () => {
  const src = sourceTree();
  const dst = join(tempDir('rsyncish-ns-dst-'), 'd');
  const copied = rclone(['copy', src, dst]);
  assert.equal(copied.code, 0, copied.out);
  const check = await rsyncish(['check', src, dst]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stderr, /0 differences found/);
  const dry = await rsyncish(['sync', src, dst, '--dry-run', '-v']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.doesNotMatch(dry.stderr, /Skipped|Copied|Updated modification time/);
  assert.match(dry.stderr, /There was nothing to transfer/);
});

test('a nanosecond apart is a different modtime: both tools correct only the time, and agree on the result', { skip: rcloneMissing }, async () => {
  const src = sourceTree();
  const ours = copyWithTimes(src, { 'a.txt': '1709287200.123456788' });
  const theirs = copyWithTimes(src, { 'a.txt': '1709287200.123456788' });

  const r = await rsyncish(['sync', src, ours, '-v']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /a\.txt: Updated modification time in destination/);
  assert.doesNotMatch(r.stderr, /Copied|(b|c d|whole)\.txt: Updated/);
  const c = rclone(['sync', src, theirs, '-v']);
  assert.equal(c.code, 0, c.out);
  assert.match(c.out, /a\.txt: Updated modification time in destination/);
  for (const rel of Object.keys(TIMES)) assert.equal(mtimeNs(join(ours, rel)), mtimeNs(join(theirs, rel)), rel);
});

test('--modify-window makes times closer than it equal, as rclone\'s does', { skip: rcloneMissing }, async () => {
  const src = sourceTree();
  const dst = copyWithTimes(src, { 'a.txt': '1709287200.623456789' });
  for (const [window, work] of [['1s', false], ['500ms', true]]) {
    const ours = await rsyncish(['sync', src, dst, '--dry-run', '-v', '--modify-window', window]);
    const theirs = rclone(['sync', src, dst, '--dry-run', '-v', '--modify-window', window]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(theirs.code, 0, theirs.out);
    assert.equal(/a\.txt: Skipped update modification time/.test(ours.stderr), work, `${window}: ${ours.stderr}`);
    assert.equal(/a\.txt: Skipped update modification time/.test(theirs.out), work, `${window}: ${theirs.out}`);
  }
});

test('a bad --modify-window is one usage error naming the flag', async () => {
  const r = await rsyncish(['sync', tempDir(), tempDir(), '--modify-window', 'soon']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /invalid flag --modify-window "soon"/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('without the file-times addon, local declares 1µs, a copy is up to date for rsyncish, and rclone corrects only times', async () => {
  // As on a machine where the addon did not build (no C compiler).
  const env = { NODE_OPTIONS: `--require ${JSON.stringify(join(import.meta.dirname, 'support', 'without-file-times-addon.cjs'))}` };
  const backends = await rsyncish(['backends'], { env });
  assert.equal(backends.code, 0, backends.stderr);
  assert.match(backends.stdout, /local: [^\n]*\n[^\n]*\n\s+modtime:\s+read yes, write yes, precision 1µs/);
  const src = sourceTree();
  const dst = join(tempDir('rsyncish-ns-dst-'), 'd');
  const r = await rsyncish(['copy', src, dst], { env });
  assert.equal(r.code, 0, r.stderr);
  for (const [rel, t] of Object.entries(TIMES)) assert.equal(mtimeNs(join(dst, rel)), (nsOf(t) / 1000n) * 1000n, rel);
  const again = await rsyncish(['sync', src, dst, '--dry-run', '-v'], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /Skipped|Copied/);
  if (rcloneMissing) return;
  // rclone compares to the nanosecond: it would set the times of the files
  // with digits below the microsecond, and copy nothing.
  const dry = rclone(['sync', src, dst, '--dry-run', '-v']);
  assert.equal(dry.code, 0, dry.out);
  const corrected = [...dry.out.matchAll(/NOTICE: (.+?): Skipped update modification time/g)].map((m) => m[1]).sort();
  assert.deepEqual(corrected, ['a.txt', 'dir/b.txt', 'dir/c d.txt']);
  assert.doesNotMatch(dry.out, /Skipped copy|Not deleting/);
});
