// Named pipes in a source tree never hang a run. One listed in a directory
// is skipped with rclone's notice; a file swapped for one after the listing
// is opened without blocking, found to be no regular file, and skipped with
// a notice, while the destination keeps its previous version of it. (The
// local-to-local copy paths get the same check; the plugin's unit tests
// swap a file between listing and copy for each of them.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTree, snapshot, startRsyncish, tempDir } from '../helpers.mjs';
import { startAcdRemote } from '../support/acd-remote.mjs';
import { assertNothingLost, startHoldingProxy } from './support/local.mjs';

const stops = [];
after(async () => {
  for (const stop of stops.reverse()) await stop();
});

/** Run the CLI; the process is killed when the test file ends, so a hang fails by the timeout and leaves nothing behind. */
function run(args, config) {
  const child = startRsyncish(args, { config });
  stops.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

const md5 = (b) => createHash('md5').update(b).digest('hex');

describe('named pipes in the source', { skip: process.platform === 'win32', timeout: 60_000 }, () => {
  test('a FIFO listed in the source is skipped with rclone\'s notice; every other file is copied, exit 0', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    const dst = join(dir, 'dst');
    makeTree(src, { 'a.txt': 'alpha', 'sub/b.txt': 'bravo' });
    makeTree(dst, { 'sub/b.txt': 'old bravo', 'keep.txt': 'kept' });
    execFileSync('mkfifo', [join(src, 'sub/pipe')]);
    const before = snapshot(dst);
    const r = await run(['copy', src, dst], join(dir, 'c.conf'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /NOTICE: sub\/pipe: Can't transfer non file\/directory\n/);
    const after = assertNothingLost(before, dst, ['sub/b.txt']);
    assert.deepEqual(Object.keys(after).sort(), ['a.txt', 'keep.txt', 'sub/b.txt']);
    assert.equal(readFileSync(join(dst, 'sub/b.txt'), 'utf8'), 'bravo');
  });

  test('a file swapped for a FIFO mid-run (local to ACD): skipped with a notice at once; the rest uploaded; the old version kept', async () => {
    const { emu, config } = await startAcdRemote();
    stops.push(() => emu.stop());
    const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
    const fresh = (n) => `${n}: the new content, longer than the old one`;
    const src = join(tempDir(), 'src');
    makeTree(src, Object.fromEntries(names.map((n) => [n, fresh(n)])));
    // Every file has an older, shorter version on the drive, so each upload replaces one.
    for (const n of names) await emu.control.plantNode({ name: n, content: `old ${n}` });
    let victim;
    // Hold the first upload: with --transfers 1 no other file is opened until it
    // is answered. Meanwhile swap one of the files not yet read for a FIFO.
    const proxy = await startHoldingProxy(emu.url, {
      holdIf: (req) => req.url.startsWith('/cdproxy/nodes'),
      onHold: async (body) => {
        victim = names.find((n) => !body.includes(fresh(n)));
        rmSync(join(src, victim));
        execFileSync('mkfifo', [join(src, victim)]);
      },
    });
    stops.push(() => proxy.stop());
    writeFileSync(config, readFileSync(config, 'utf8').replace(`endpoint = ${emu.url}/`, `endpoint = ${proxy.url}/`));

    const r = await run(['copy', '-v', '--transfers', '1', '--retries', '1', src, 'acd:'], config);
    assert.ok(victim, 'the upload was held and a file swapped');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`NOTICE: ${victim.replace('.', '\\.')}: skipped: "[^"]*/src/${victim.replace('.', '\\.')}" is a named pipe \\(FIFO\\) now, not a regular file; nothing was read from it\\n`));
    assert.doesNotMatch(r.stderr, /ERROR/);
    assert.match(r.stderr, /Transferred: +4 \/ 4, 100%/, 'the skipped file is not counted as a transfer');
    const onDrive = Object.fromEntries(emu.control.nodes().filter((n) => n.kind === 'FILE').map((n) => [n.name, n.contentProperties.md5]));
    for (const n of names) {
      assert.equal(onDrive[n], md5(n === victim ? `old ${n}` : fresh(n)), n === victim ? `${n} keeps its previous version` : `${n} was uploaded`);
    }
  });
});
