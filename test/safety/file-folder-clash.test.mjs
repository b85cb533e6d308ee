// A drive listing that holds a file and a folder of one exact name (the ACD
// emulator plants one; the service should refuse to make it) cannot be
// copied to a disk where one name is one entry. Both are refused with a
// message that says so, not one about case, and the destination's own entry
// of that name is left as it was.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { startAcdRemote } from '../support/acd-remote.mjs';
import { assertNothingLost } from './support/local.mjs';

let emu;
let config;
before(async () => {
  ({ emu, config } = await startAcdRemote());
  const folder = await emu.control.plantNode({ name: 'x', kind: 'FOLDER' });
  await emu.control.plantNode({ name: 'inner.txt', content: 'in the folder', parentId: folder.id });
  await emu.control.plantNode({ name: 'x', content: 'the file' });
  await emu.control.plantNode({ name: 'Y', content: 'file Y' });
  await emu.control.plantNode({ name: 'y', kind: 'FOLDER' });
  await emu.control.plantNode({ name: 'ok.txt', content: 'ok' });
});
after(() => emu?.stop());

const CLASH = /ERROR : x: Failed to copy: the source root holds a file and a directory named "x"; on \/[^ ]+ that name can be only one of them \(hint: rename one of them; neither was copied\)\n/g;

describe('a file and a folder of one name on ACD, copied to a case-sensitive disk', { concurrency: 2 }, () => {
  test('copy refuses both with a name-clash message (not a case one), copies the rest, exit 6', async () => {
    const dst = join(tempDir(), 'dst');
    const r = await rsyncish(['copy', '--retries', '1', 'acd:', dst], { config });
    assert.equal(r.code, 6, r.stderr);
    assert.equal(r.stderr.match(CLASH)?.length, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /case-insensitive/);
    // "Y" and "y" are two names on this disk: no clash.
    assert.deepEqual(Object.keys(snapshot(dst)).sort(), ['Y', 'ok.txt']);
  });

  test('sync leaves the destination\'s own "x" as it was', async () => {
    const dst = join(tempDir(), 'dst');
    makeTree(dst, { x: 'the destination\'s x', 'ok.txt': 'old' });
    const beforeRun = snapshot(dst);
    const r = await rsyncish(['sync', '--retries', '1', 'acd:', dst], { config });
    assert.equal(r.code, 6, r.stderr);
    assert.equal(r.stderr.match(CLASH)?.length, 2, r.stderr);
    assertNothingLost(beforeRun, dst, ['ok.txt']);
    assert.equal(readFileSync(join(dst, 'x'), 'utf8'), 'the destination\'s x');
    assert.equal(readFileSync(join(dst, 'ok.txt'), 'utf8'), 'ok');
  });
});
