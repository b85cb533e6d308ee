// An empty argument is not the current directory: every command that takes a
// path refuses it in one line (rclone: "can't use empty string as a path",
// exit 1), and nothing in the working directory or on the remote changes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { acdState, assertOneLineError, startAcdWith, treeState } from './support/paths.mjs';

const EMPTY = /^ERROR : can't use empty string as a path \(hint: give "\." for the current directory/;

function workingDir() {
  const dir = tempDir('rsyncish-empty-');
  makeTree(join(dir, 'cwd'), { 'keep.txt': 'keep me', 'sub/deep.txt': 'me too' });
  makeTree(join(dir, 'src'), { 'other.txt': 'other' });
  return { cwd: join(dir, 'cwd'), src: join(dir, 'src'), config: join(dir, 'c.conf') };
}

describe('an empty path on the command line', { concurrency: 4 }, () => {
  const commands = (src) => [
    ['sync', src, ''], ['sync', '', src], ['copy', src, ''], ['move', src, ''], ['move', '', src],
    ['copyto', `${src}/other.txt`, ''], ['moveto', '', `${src}/x.txt`],
    ['purge', ''], ['delete', ''], ['rmdirs', ''], ['rmdir', ''], ['mkdir', ''],
    ['ls', ''], ['lsl', ''], ['lsd', ''], ['size', ''], ['md5sum', ''], ['cat', ''], ['check', src, ''],
  ];
  for (const args of commands('SRC')) {
    test(`${args.map((a) => (a === '' ? '""' : a)).join(' ')}: refused, exit 1, nothing touched`, async () => {
      const w = workingDir();
      const real = args.map((a) => (a === 'SRC' ? w.src : a.replace('SRC', w.src)));
      const before = [treeState(w.cwd), treeState(w.src)];
      const r = await rsyncish(real, { config: w.config, cwd: w.cwd });
      assertOneLineError(r, 1, EMPTY);
      assert.deepEqual([treeState(w.cwd), treeState(w.src)], before);
    });
  }
});

describe('an empty path beside an ACD remote', () => {
  let acd;
  before(async () => {
    acd = await startAcdWith({ 'a.txt': 'alpha', 'b/c.txt': 'charlie' }, 'acd:data');
  });
  after(async () => {
    await acd?.emu.stop();
  });

  for (const args of [['sync', 'acd:data', ''], ['sync', '', 'acd:data'], ['move', '', 'acd:data'], ['move', 'acd:data', '']]) {
    test(`${args.map((a) => (a === '' ? '""' : a)).join(' ')}: refused, exit 1, neither side touched`, async () => {
      const w = workingDir();
      const before = [treeState(w.cwd), acdState(acd.emu)];
      const r = await rsyncish(args, { config: acd.config, cwd: w.cwd });
      assertOneLineError(r, 1, EMPTY);
      assert.deepEqual([treeState(w.cwd), acdState(acd.emu)], before);
      assert.deepEqual(acd.emu.control.trash(), []);
    });
  }
});
