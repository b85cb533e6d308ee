// ACD to ACD: the bytes stream through rsyncish, from a download into an
// overwrite upload. When the source's blob is damaged (same size, one byte
// flipped, so its stated MD5 no longer matches), the upload must fail before
// the server commits it: the good file already at the destination stays, its
// node and its bytes unchanged. A small and a big file (300 KB, 70 MiB), the
// sizes the download tests use.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { patterned, rsyncish } from '../helpers.mjs';
import { startAcdRemote } from '../support/acd-remote.mjs';
import { damageBlobs } from './support/damaged-blobs.mjs';

const BAD = { 'small.bin': 300_000, 'big.bin': 70 * 1024 * 1024 };
const GOOD = { 'small.bin': patterned(200_000, 21), 'big.bin': patterned(1_000_000, 22) };
const md5 = (b) => createHash('md5').update(b).digest('hex');

let emu;
let config;
let goodFolder;
before(async () => {
  ({ emu, config } = await startAcdRemote());
  const x = await emu.control.plantNode({ name: 'x', kind: 'FOLDER' });
  goodFolder = await emu.control.plantNode({ name: 'good', kind: 'FOLDER' });
  for (const [name, size] of Object.entries(BAD)) await emu.control.plantNode({ parentId: x.id, name, content: patterned(size, 3) });
  for (const [name, data] of Object.entries(GOOD)) await emu.control.plantNode({ parentId: goodFolder.id, name, content: data });
  // Damage the source blobs only (found by their sizes, which no good file has).
  assert.equal(damageBlobs(emu, (size) => Object.values(BAD).includes(size)).length, 2);
});
after(async () => {
  await emu?.stop();
});

/** The good folder as the emulator holds it: one AVAILABLE node per name, with its id and MD5. */
function goodNodes() {
  return emu.control.nodes()
    .filter((n) => n.kind === 'FILE' && n.parents?.includes(goodFolder.id))
    .map((n) => ({ name: n.name, id: n.id, status: n.status, md5: n.contentProperties?.md5, size: n.contentProperties?.size }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function assertGoodFilesIntact(nodesBefore) {
  assert.deepEqual(goodNodes(), nodesBefore);
  for (const [name, data] of Object.entries(GOOD)) {
    const r = await rsyncish(['md5sum', `acd:good/${name}`, '--download'], { config });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split(/\s+/)[0], md5(data), `${name}: the bytes served are the good ones`);
  }
}

for (const name of Object.keys(BAD)) {
  test(`copyto -I of a damaged ${name} onto an existing good file fails with exit code 5 and the good file is intact`, async () => {
    const nodesBefore = goodNodes();
    assert.deepEqual(nodesBefore.map((n) => [n.name, n.status, n.md5]), Object.entries(GOOD).map(([n, d]) => [n, 'AVAILABLE', md5(d)]).sort());
    const r = await rsyncish(['copyto', `acd:x/${name}`, `acd:good/${name}`, '-I', '--retries', '1', '--low-level-retries', '1', '--stats', '0'], { config });
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /hash mismatch: md5 of the bytes read is [0-9a-f]{32}, expected [0-9a-f]{32}; the copy was not stored and the previous version was kept/);
    await assertGoodFilesIntact(nodesBefore);
  });
}

test('copy -I of the damaged folder onto the good one changes nothing there', async () => {
  const nodesBefore = goodNodes();
  const r = await rsyncish(['copy', 'acd:x', 'acd:good', '-I', '--retries', '1', '--low-level-retries', '1', '--stats', '0'], { config });
  assert.equal(r.code, 5, r.stderr);
  await assertGoodFilesIntact(nodesBefore);
});
