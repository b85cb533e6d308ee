// A local destination whose disk fills up: each file that does not fit is
// one error naming the destination file and saying the disk is full, with a
// hint; its previous version is kept whole, no .partial temp file is left,
// the files that fit are copied, and the run is not retried (exit 7).
// Runs on a 1 MiB tmpfs, which needs root; skipped with the reason otherwise.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { assertNothingLost, assertNoPartials } from './support/local.mjs';

const mounts = [];
after(() => {
  for (const dir of mounts) execFileSync('umount', [dir]);
});

/** A fresh 1 MiB tmpfs, or the reason there is none. */
function smallDisk() {
  const dir = join(tempDir(), 'disk');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    return { skip: `cannot mount a tmpfs here: ${String(err.stderr || err.message).trim()}` };
  }
  mounts.push(dir);
  return { dir };
}

const probe = process.platform === 'linux' ? smallDisk() : { skip: 'tmpfs is Linux only' };

describe('a full local destination disk', { skip: probe.skip }, () => {
  for (const how of [[], ['--checksum']]) {
    test(`copy ${how.join(' ') || '(kernel copy and blocking small-file paths)'}: the full disk is named by the destination file, nothing there lost`, async () => {
      const dst = how.length === 0 ? probe.dir : smallDisk().dir;
      const src = join(tempDir(), 'src');
      // 2 MB goes through the kernel copy (or the stream), 200 KB through the
      // small-file path; neither fits in what the filler leaves.
      makeTree(src, { 'big.bin': { size: 2_000_000, seed: 1 }, 'mid.bin': { size: 200_000, seed: 2 }, 'small.txt': 'fits' });
      makeTree(dst, { 'filler.bin': { size: 800_000, seed: 3 }, 'big.bin': { size: 100_000, seed: 4 } });
      const before = snapshot(dst);
      const r = await rsyncish(['copy', '--transfers', '1', ...how, src, dst], { config: join(tempDir(), 'c.conf') });
      assert.equal(r.code, 7, r.stderr);
      for (const f of ['big.bin', 'mid.bin']) {
        assert.match(r.stderr, new RegExp(`ERROR : ${f.replace('.', '\\.')}: Failed to copy: "${dst}/${f.replace('.', '\\.')}": the disk is full \\(no space left on device\\) \\(hint: free some space on that disk \\(df -h shows what is left\\), then run again\\)`));
      }
      assert.doesNotMatch(r.stderr, new RegExp(`"${src}`), 'no message names the source');
      assert.doesNotMatch(r.stderr, /Attempt 1\/3 failed/, 'a full disk is not retried');
      const after = assertNothingLost(before, dst);
      assertNoPartials(after);
      assert.equal(readFileSync(join(dst, 'small.txt'), 'utf8'), 'fits');
      assert.equal(after['mid.bin'], undefined);
    });
  }
});
