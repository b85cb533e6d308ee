// Issue "The full sync engine": the three retry layers of docs/sync.md, driven
// by the ACD emulator's one-shot fault injection. (upload_wait_per_gb = 0: a
// failed upload is not waited for, as it would be to catch ACD's late arrivals.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { startAcdRemote } from './support/acd-remote.mjs';

let emu;
let config;
before(async () => {
  ({ emu, config } = await startAcdRemote({ upload_wait_per_gb: '0' }));
});
after(async () => {
  await emu?.stop();
});

const TREE = { 'a.txt': 'alpha', 'docs/b.md': '# bravo', 'docs/deep/c.bin': { size: 70_000, seed: 4 } };
const md5 = (b) => createHash('md5').update(b).digest('hex');
const run = (args) => rsyncish(args, { config });

// One at a time: an injected fault hits the next matching request from anyone.
describe('retry layers', () => {
  test('retry layer 1 (per request): injected 503s on listings are retried by the pacer, the run succeeds', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, TREE);
    assert.equal((await run(['copy', src, 'acd:t3'])).code, 0);
    emu.control.inject({ status: 503, count: 3, method: 'GET', path: '/drive/v1/nodes' });
    const r = await run(['check', src, 'acd:t3']);
    assert.equal(r.code, 0, r.stderr);
    const faults = await (await fetch(`${emu.url}/_emulator/faults`)).json();
    assert.deepEqual(faults.pendingInjections, [], 'all three 503s were served, and retried');
  });

  test('retry layer 2 (per file): an upload refused with 429 is started again and the run succeeds', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, { 'one.txt': 'retry me' });
    emu.control.inject({ status: 429, count: 1, method: 'POST', path: '/cdproxy/nodes' });
    const r = await run(['copy', '-v', '--json', src, 'acd:t4']);
    assert.equal(r.code, 0, r.stderr);
    // rclone's words for a per-file retry, at INFO (rclone: DEBUG; see docs/rclone-differences.md).
    assert.match(r.stderr, /INFO  : one\.txt: Received error: .* - low level retry 1\/10\n/);
    assert.match(r.stdout, /"event":"retry","path":"one\.txt","attempt":1,"of":10/);
    assert.doesNotMatch(r.stderr, /Attempt 1\/3 failed/);
    assert.equal((await run(['md5sum', 'acd:t4'])).stdout, `${md5('retry me')}  one.txt\n`);
  });

  test('retry layer 3 (per run): with one attempt per file, a failed upload is redone by the next whole-run attempt', async () => {
    const src = join(tempDir(), 'src');
    makeTree(src, { 'one.txt': 'again', 'two.txt': 'fine' });
    emu.control.inject({ status: 429, count: 1, method: 'POST', path: '/cdproxy/nodes' });
    const r = await run(['copy', '--low-level-retries', '1', '--retries-sleep', '10ms', src, 'acd:t5']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /ERROR : Attempt 1\/3 failed with 1 errors/);
    assert.match(r.stderr, /ERROR : Attempt 2\/3 succeeded\n/);
    assert.equal((await run(['check', src, 'acd:t5'])).code, 0);
  });
});
