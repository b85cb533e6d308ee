// A file or directory moved or copied onto itself, however the destination is
// spelled, stays where it is: "nothing to do", exit 0. A file moved into
// itself as a directory, and a case-only rename on a case-insensitive remote
// (which would have trashed the only copy), are refused.
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { acdState, assertOneLineError, startAcdWith, treeState } from './support/paths.mjs';

const NOTHING = /NOTICE: .+: Nothing to do as source and destination are the same\n$/;

function setup() {
  const dir = tempDir('rsyncish-self-');
  makeTree(dir, { 'F.txt': 'the only copy', 'd/G.txt': 'another only copy', 'd/sub/h.txt': 'h' });
  symlinkSync(join(dir, 'd'), join(dir, 'link-to-d'));
  return { dir, run: (args) => rsyncish(args, { config: join(dir, 'c.conf'), cwd: dir }) };
}

describe('local: onto itself', { concurrency: 4 }, () => {
  const same = [
    ['moveto', 'F.txt', 'F.txt'], ['moveto', 'F.txt', './F.txt'], ['moveto', 'F.txt', 'd/../F.txt'],
    ['moveto', 'd/G.txt', 'link-to-d/G.txt'], ['moveto', 'link-to-d/G.txt', 'd/G.txt'],
    ['copyto', 'F.txt', './F.txt'], ['copyto', 'd/G.txt', 'link-to-d/G.txt'],
    ['move', 'F.txt', '.'], ['move', 'd/G.txt', 'link-to-d'], ['move', 'd', 'd'], ['move', 'd', 'link-to-d'],
    ['copy', 'd', './d/'],
  ];
  for (const args of same) {
    test(`${args.join(' ')}: nothing to do, exit 0, every byte kept`, async () => {
      const s = setup();
      const before = treeState(s.dir);
      const r = await s.run(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, NOTHING);
      assert.deepEqual(treeState(s.dir), before);
    });
  }

  test('move F F (a file as its own destination directory): refused, exit 7, the file kept', async () => {
    const s = setup();
    const before = treeState(s.dir);
    const r = await s.run(['move', 'F.txt', 'F.txt']);
    assertOneLineError(r, 7, /the destination directory is the source file itself/);
    assert.deepEqual(treeState(s.dir), before);
  });
});

describe('ACD emulator: onto itself', () => {
  let acd;
  before(async () => {
    acd = await startAcdWith({ 'F.txt': 'the only copy', 'sub/y.txt': 'why' }, 'acd:d');
  });
  after(async () => {
    await acd?.emu.stop();
  });
  const run = (args) => rsyncish(args, { config: acd.config });

  for (const args of [['moveto', 'acd:d/F.txt', 'acd:d/F.txt'], ['moveto', 'acd:d/F.txt', 'acd:D/F.txt'], ['copyto', 'acd:d/F.txt', 'acd:D/f.txt'], ['move', 'acd:d', 'acd:d/'], ['copy', 'acd:d', 'acd:D']]) {
    test(`${args.join(' ')}: nothing to do, exit 0, nothing trashed`, async () => {
      const before = acdState(acd.emu);
      const r = await run(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, NOTHING);
      assert.deepEqual(acdState(acd.emu), before);
      assert.deepEqual(acd.emu.control.trash(), []);
    });
  }

  for (const [from, to] of [['acd:d/F.txt', 'acd:d/f.txt'], ['acd:d/sub', 'acd:d/SUB']]) {
    test(`move${from.endsWith('.txt') ? 'to' : ''} ${from} ${to} (case only): refused, exit 1, nothing trashed`, async () => {
      const before = acdState(acd.emu);
      const r = await run([from.endsWith('.txt') ? 'moveto' : 'move', from, to]);
      assertOneLineError(r, 1, /the names differ only in case and this remote ignores case/);
      assert.deepEqual(acdState(acd.emu), before);
      assert.deepEqual(acd.emu.control.trash(), []);
    });
  }
});
